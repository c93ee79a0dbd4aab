// Every UI language's catalogue: the main one (locales/<lang>) plus one namespace per feature folder
// (locales/<feature>/<lang>, used as t('<feature>.key')), so that features add strings without touching a shared
// file. Each file is either i18next JSON (<lang>.json, the format Weblate and Pontoon load) or a TypeScript module
// whose default export is the catalogue (<lang>.ts; scripts/catalogues-to-json.mjs turns these into JSON).
// Every language must have the same keys as English (catalogues.test.ts).
import { UI_LANGUAGES } from './languages';

export type Catalogue = Record<string, unknown>;

const PATH = /^(?:\.\.?\/)+locales\/(?:([^/]+)\/)?([^/.]+)\.(ts|json)$/;

/** The catalogues of the given languages from catalogue files keyed by their path under this folder. */
export function buildCatalogues(
  catalogueFiles: Record<string, Catalogue>,
  languages: readonly string[] = UI_LANGUAGES,
): Record<string, Catalogue> {
  const result: Record<string, Catalogue> = Object.fromEntries(languages.map((language) => [language, {}]));
  const seen = new Map<string, string>();
  const parsed = Object.entries(catalogueFiles).map(([path, catalogue]) => {
    const match = PATH.exec(path);
    if (!match) throw new Error(`${path}: not a catalogue file (locales/<lang> or locales/<feature>/<lang>, .ts or .json)`);
    const [, feature, language] = match as unknown as [string, string | undefined, string];
    const key = `${feature ?? ''}/${language}`;
    if (seen.has(key)) throw new Error(`${path} and ${seen.get(key)}: one catalogue, two files; keep one`);
    seen.set(key, path);
    return { path, feature, language, catalogue };
  });
  // The main catalogues first, then the feature namespaces, so that a namespace never overwrites a main key.
  for (const { path, feature, language, catalogue } of parsed.sort((a, b) => Number(!!a.feature) - Number(!!b.feature))) {
    const target = result[language];
    if (!target) throw new Error(`${path}: ${language} is not a UI language`);
    if (!feature) Object.assign(target, catalogue);
    else if (feature in target) throw new Error(`${path}: the namespace ${feature} is already used`);
    else target[feature] = catalogue;
  }
  return result;
}

/** One language's catalogue from its files (bundles/<lang>.ts: the app loads one language, not all five). */
export function buildCatalogue(catalogueFiles: Record<string, Catalogue>, language: string): Catalogue {
  return buildCatalogues(catalogueFiles, [language])[language] ?? {};
}

