// The pseudo-locale (en-XA): every catalogue string wrapped in ⟦ ⟧, its letters accented and ~40 % longer, so a
// browser journey can tell text that came from a catalogue from text that did not (a string someone forgot to
// put in the catalogue shows up as plain English), and sees where longer translations would clip or overflow.
// Only in a pseudo build (VITE_PSEUDO=1, `npm run build:pseudo`); a normal build has no pseudo language.

export const PSEUDO_LANGUAGE = 'en-XA';
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

/** True in a pseudo build: the app speaks en-XA only, and asks the API in Arabic (see apiLanguageFor). */
export const PSEUDO = import.meta.env.VITE_PSEUDO === '1';

const ACCENTED: Record<string, string> = {
  a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý', c: 'ç', n: 'ñ',
  A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', Y: 'Ý', C: 'Ç', N: 'Ñ',
};

// What must reach i18next and React untouched: interpolations, nesting, and the tags of <Trans> strings.
const KEEP = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?[0-9a-z]+\s*\/?>)/;

/** ``text`` as the pseudo-locale shows it. */
export function pseudoText(text: string): string {
  if (!text) return text;
  const parts = text.split(KEEP).map((part, index) => (index % 2 === 1 ? part : part.replace(/[a-zA-Z]/g, (ch) => ACCENTED[ch] ?? ch)));
  const visible = text.replace(new RegExp(KEEP, 'g'), '').length;
  const extra = Math.ceil(visible * 0.4);
  // The padding is words, as real translations are: they wrap, and a long one shows where nothing may wrap.
  const padding = extra > 0 ? ` ${'ẋẋẋẋẋẋ ẋẋẋẋ '.repeat(Math.ceil(extra / 12)).slice(0, extra).trim()}` : '';
  return `${PSEUDO_OPEN}${parts.join('')}${padding}${PSEUDO_CLOSE}`;
}

/** A catalogue with every string in pseudo-locale form. */
export function pseudoCatalogue<T>(catalogue: T): T {
  if (typeof catalogue === 'string') return pseudoText(catalogue) as T;
  if (Array.isArray(catalogue)) return catalogue.map(pseudoCatalogue) as T;
  if (catalogue && typeof catalogue === 'object') {
    return Object.fromEntries(Object.entries(catalogue).map(([key, value]) => [key, pseudoCatalogue(value)])) as T;
  }
  return catalogue;
}

/** A formatted date, number or list, marked as coming from Intl (a catalogue of its own) in a pseudo build. */
export function pseudoMark(text: string): string {
  return PSEUDO ? `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : text;
}
