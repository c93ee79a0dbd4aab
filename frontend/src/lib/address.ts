// How a person wants texts about her worded (the API's `address_as`: feminine, masculine, neutral; "" = not said).
// Catalogues carry `key_feminine` / `key_masculine` variants where a language needs them; the plain key is the
// neutral wording, and i18next falls back to it when a language has no variant.
export type AddressForm = 'feminine' | 'masculine' | 'neutral';

/** The i18next context for wording about one person: undefined (the plain, neutral key) unless she said. */
export function addressContext(form: string | null | undefined): 'feminine' | 'masculine' | undefined {
  return form === 'feminine' || form === 'masculine' ? form : undefined;
}

/** The context for wording about two people together (Arabic duals, "both" in French and Ukrainian): feminine
 *  only when both asked for feminine wording, masculine only when both did; otherwise the plain (mixed) form. */
export function pairContext(
  first: string | null | undefined,
  second: string | null | undefined,
): 'feminine' | 'masculine' | undefined {
  const a = addressContext(first);
  return a !== undefined && a === addressContext(second) ? a : undefined;
}
