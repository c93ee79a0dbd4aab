// Language names and lists in the interface language. Lists in the words and punctuation of the interface language ("A، وB، وC" in Arabic, "A, B und C" in German),
// never joined with an English comma. Components re-render on a language change (useTranslation), so reading the
// current language here is enough.
import i18n from 'i18next';

export function formatList(items: readonly string[], language: string = i18n.resolvedLanguage ?? 'en'): string {
  const shown = items.filter((item) => item !== '');
  try {
    return new Intl.ListFormat(language, { style: 'short', type: 'unit' }).format(shown);
  } catch {
    return shown.join(', ');
  }
}

/** A language's name in the interface language ("ar" → "Arabisch" in German); the code when there is none. */
export function languageName(code: string, language: string = i18n.resolvedLanguage ?? 'en'): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
