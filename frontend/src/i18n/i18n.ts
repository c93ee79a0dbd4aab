// i18next with the catalogues loaded on demand: the app downloads the one language she reads, not all five, and of
// it first only the texts of the pages everyone opens first (bundles/<lang>.ts), the rest with the first page that
// needs it (bundles/later/<lang>.ts, parts.ts); switching language loads the new one before the page changes. The chosen language
// is remembered in localStorage, and in a cookie so that the server's first HTML is already in her language.
import i18n, { type BackendModule, type InitOptions } from 'i18next';
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
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage blocked: the cookie below still carries it for the next page.
  }
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  // The pseudo build asks the API in Arabic: a backend text that is not translated then shows as Latin letters.
  const apiLanguage = PSEUDO ? 'ar' : language;
  setApiLanguage(apiLanguage);
  rememberForServer(apiLanguage);
}

const bundles = import.meta.glob<Catalogue>('./bundles/*.ts', { import: 'default' });
const laterBundles = import.meta.glob<Catalogue>('./bundles/later/*.ts', { import: 'default' });

/** One part of a language's catalogue (parts.ts); the pseudo build marks English's. */
async function loadPart(part: Record<string, () => Promise<Catalogue>>, folder: string, language: string): Promise<Catalogue> {
  const load = part[`${folder}${PSEUDO ? 'en' : language}.ts`];
  if (!load) throw new Error(`No catalogue for the language ${language}`);
  const catalogue = await load();
  return PSEUDO ? pseudoCatalogue(catalogue) : catalogue;
}

// Whether a page that needs the rest of the catalogue has been opened: a language chosen afterwards loads both parts.
let laterWanted = false;
const laterAdded = new Map<string, Promise<void>>();

async function loadCatalogue(language: string): Promise<Catalogue> {
  const [first, later] = await Promise.all([
    loadPart(bundles, './bundles/', language),
    laterWanted ? loadPart(laterBundles, './bundles/later/', language) : Promise.resolve({}),
  ]);
  if (laterWanted) laterAdded.set(language, Promise.resolve());
  return { ...first, ...later };
}

/** Adds the rest of ``language``'s catalogue (once); the pages re-render when it is there (bindI18nStore). */
function addLater(language: string): Promise<void> {
  let added = laterAdded.get(language);
  if (!added) {
    added = loadPart(laterBundles, './bundles/later/', language).then((catalogue) => {
      i18n.addResourceBundle(language, 'translation', catalogue, true, true);
    });
    // A failed download is tried again by the next page that needs it.
    added.catch(() => laterAdded.delete(language));
    laterAdded.set(language, added);
  }
  return added;
}

/** The rest of her language's catalogue, for a page that needs it (routes/pages.json "full"): the page waits for it. */
export async function loadFullCatalogue(): Promise<void> {
  if (preloaded) return;
  laterWanted = true;
  await ready;
  await addLater(i18n.resolvedLanguage ?? i18n.language);
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

/** Her language, as the server picks the language of its first page (common/views.py): her choice (kept in this
 * browser, and in a cookie), else the first of the browser's languages that the app speaks, else English. */
export function detectLanguage(): string {
  const candidates: string[] = [];
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (stored) candidates.push(stored);
  } catch {
    // Storage blocked: the cookie and the browser's languages remain.
  }
  const cookie = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([^;]+)`).exec(document.cookie)?.[1];
  if (cookie) candidates.push(decodeURIComponent(cookie));
  candidates.push(...(navigator.languages ?? [navigator.language]));
  for (const code of candidates) {
    if (SUPPORTED.includes(code)) return code;
    const base = code.split('-')[0] ?? code;
    if (SUPPORTED.includes(base)) return base;
  }
  return SUPPORTED[0] ?? 'en';
}

let ready: Promise<unknown> = Promise.resolve();
// The tests give every catalogue at once: nothing is loaded later.
let preloaded = false;

/** The one i18next instance. With ``resources`` (the tests) every language is there at once and nothing loads. */
export function initI18n(resources?: Record<string, Catalogue>): typeof i18n {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', applyLanguage);
    // A language chosen while a page's download of the rest was already under way gets its rest too.
    i18n.on('languageChanged', (language) => {
      if (laterWanted && !preloaded) void addLater(language).catch(() => undefined);
    });
    const options: InitOptions = {
      lng: PSEUDO ? PSEUDO_LANGUAGE : detectLanguage(),
      fallbackLng: fallbackFor,
      supportedLngs: [...SUPPORTED],
      load: PSEUDO ? 'currentOnly' : 'languageOnly',
      nonExplicitSupportedLngs: !PSEUDO,
      interpolation: { escapeValue: false },
      // A part of the catalogue added later re-renders what is on screen.
      react: { useSuspense: false, bindI18nStore: 'added' },
    };
    if (resources) {
      preloaded = true;
      ready = i18n
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
