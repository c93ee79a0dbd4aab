// Lists in the words and punctuation of the interface language ("A، وB، وC" in Arabic, "A, B und C" in German),
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
