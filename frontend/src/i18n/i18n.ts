// i18next with the catalogues loaded on demand: the app downloads the one language she reads (bundles/<lang>.ts,
// one file each), not all five; switching language loads the new one before the page changes. The chosen language
// is remembered in localStorage, and in a cookie so that the server's first HTML is already in her language.
import i18n, { type BackendModule, type InitOptions } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '@/api/csrf';
import type { Catalogue } from './build-catalogues';
import { directionOf, LANGUAGE_COOKIE, LANGUAGE_STORAGE_KEY, UI_LANGUAGES } from './languages';
import { PSEUDO, PSEUDO_LANGUAGE, pseudoCatalogue } from './pseudo';

function rememberForServer(language: string): void {
  try {
    document.cookie = `${LANGUAGE_COOKIE}=${encodeURIComponent(language)}; path=/; max-age=31536000; samesite=lax`;
  } catch {
    // Cookies blocked: the server's first page then follows the browser's languages.
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  // The pseudo build asks the API in Arabic: a backend text that is not translated then shows as Latin letters.
  const apiLanguage = PSEUDO ? 'ar' : language;
  setApiLanguage(apiLanguage);
  rememberForServer(apiLanguage);
}

const bundles = import.meta.glob<Catalogue>('./bundles/*.ts', { import: 'default' });

async function loadCatalogue(language: string): Promise<Catalogue> {
  if (PSEUDO) {
    const english = await bundles['./bundles/en.ts']!();
    return pseudoCatalogue(english);
  }
  const load = bundles[`./bundles/${language}.ts`];
  if (!load) throw new Error(`No catalogue for the language ${language}`);
  return load();
}

/** Reads a language's catalogue when i18next first needs it (on start and on a change of language). */
const onDemand: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, _namespace, callback) => {
    loadCatalogue(language).then(
      (catalogue) => callback(null, catalogue),
      (error: unknown) => callback(error instanceof Error ? error.message : String(error), false),
    );
  },
};

const SUPPORTED: readonly string[] = PSEUDO ? [PSEUDO_LANGUAGE] : UI_LANGUAGES;

// Every catalogue has every key (catalogues.test.ts), so a supported language needs no other as a fallback and
// only her own is downloaded; a language the app does not speak falls back to English.
function fallbackFor(code: string): string[] {
  return SUPPORTED.includes(code.split('-')[0] ?? code) || SUPPORTED.includes(code) ? [] : [SUPPORTED[0] ?? 'en'];
}

let ready: Promise<unknown> = Promise.resolve();

/** The one i18next instance. With ``resources`` (the tests) every language is there at once and nothing loads. */
export function initI18n(resources?: Record<string, Catalogue>): typeof i18n {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', applyLanguage);
    const options: InitOptions = {
      ...(PSEUDO ? { lng: PSEUDO_LANGUAGE } : {}),
      fallbackLng: fallbackFor,
      supportedLngs: [...SUPPORTED],
      load: PSEUDO ? 'currentOnly' : 'languageOnly',
      nonExplicitSupportedLngs: !PSEUDO,
      interpolation: { escapeValue: false },
      detection: {
        // As the server picks the language of its first page: her choice (also in a cookie), else the browser's.
        order: ['localStorage', 'cookie', 'navigator'],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        lookupCookie: LANGUAGE_COOKIE,
        caches: ['localStorage'],
      },
      react: { useSuspense: false },
    };
    if (resources) {
      ready = i18n
        .use(LanguageDetector)
        .use(initReactI18next)
        .init({
          ...options,
          fallbackLng: 'en',
          resources: Object.fromEntries(Object.entries(resources).map(([language, catalogue]) => [language, { translation: catalogue }])),
          initAsync: false,
        });
      applyLanguage(i18n.resolvedLanguage ?? 'en');
    } else {
      ready = i18n
        .use(onDemand)
        .use(LanguageDetector)
        .use(initReactI18next)
        .init(options)
        .then(() => applyLanguage(i18n.resolvedLanguage ?? 'en'));
    }
  }
  return i18n;
}

/** Resolves once the first language's catalogue is there: the app is rendered only then (main.tsx). */
export function i18nReady(): Promise<unknown> {
  return ready;
}
