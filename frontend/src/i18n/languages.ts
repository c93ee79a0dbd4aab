// The UI languages and their writing direction.
export const UI_LANGUAGES = ['en', 'de', 'fr', 'ar', 'uk'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  ar: 'العربية',
  uk: 'Українська',
};

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps']);
export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

export const LANGUAGE_STORAGE_KEY = 'bridges.language';
/** The cookie that tells the server her language, so that its first HTML (the painted shell, common/views.py) is
 * in it too; the API itself follows the Accept-Language header of each request. */
export const LANGUAGE_COOKIE = 'bridges_language';
