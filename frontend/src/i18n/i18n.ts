// i18next set up with the bundled catalogues; the chosen language is remembered in localStorage.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '@/api/csrf';
import { directionOf, LANGUAGE_STORAGE_KEY, UI_LANGUAGES } from './languages';
import { catalogues } from './catalogues';
import { PSEUDO, PSEUDO_LANGUAGE, pseudoCatalogue } from './pseudo';

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  // The pseudo build asks the API in Arabic: a backend text that is not translated then shows as Latin letters.
  setApiLanguage(PSEUDO ? 'ar' : language);
}

export function initI18n(): typeof i18n {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', applyLanguage);
    void i18n
      .use(LanguageDetector)
      .use(initReactI18next)
      .init({
        resources: Object.fromEntries(
          Object.entries(PSEUDO ? { [PSEUDO_LANGUAGE]: pseudoCatalogue(catalogues.en ?? {}) } : catalogues).map(([language, catalogue]) => [
            language,
            { translation: catalogue },
          ]),
        ),
        ...(PSEUDO ? { lng: PSEUDO_LANGUAGE } : {}),
        fallbackLng: PSEUDO ? PSEUDO_LANGUAGE : 'en',
        supportedLngs: PSEUDO ? [PSEUDO_LANGUAGE] : [...UI_LANGUAGES],
        load: PSEUDO ? 'currentOnly' : 'languageOnly',
        nonExplicitSupportedLngs: !PSEUDO,
        interpolation: { escapeValue: false },
        detection: {
          order: ['localStorage', 'navigator'],
          lookupLocalStorage: LANGUAGE_STORAGE_KEY,
          caches: ['localStorage'],
        },
        initAsync: false,
      });
    applyLanguage(i18n.resolvedLanguage ?? 'en');
  }
  return i18n;
}
