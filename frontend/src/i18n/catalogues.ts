// Every UI language's catalogue: the main one (locales/<lang>.ts) plus one namespace per feature folder
// (locales/<feature>/<lang>.ts, used as t('<feature>.key')), so that features add strings without touching
// a shared file. Every language must have the same keys as English (catalogues.test.ts).
import ar from './locales/ar';
import de from './locales/de';
import en from './locales/en';
import fr from './locales/fr';
import uk from './locales/uk';
import { UI_LANGUAGES } from './languages';

type Catalogue = Record<string, unknown>;

const main: Record<string, Catalogue> = { en, de, fr, ar, uk };
const featureFiles = import.meta.glob<{ default: Catalogue }>('./locales/*/*.ts', { eager: true });

function build(): Record<string, Catalogue> {
  const result: Record<string, Catalogue> = {};
  for (const language of UI_LANGUAGES) result[language] = { ...main[language] };
  for (const [path, module] of Object.entries(featureFiles)) {
    const match = /\.\/locales\/([^/]+)\/([^/.]+)\.ts$/.exec(path);
    if (!match) continue;
    const [, feature, language] = match as unknown as [string, string, string];
    const target = result[language];
    if (!target) throw new Error(`${path}: ${language} is not a UI language`);
    if (feature in target) throw new Error(`${path}: the namespace ${feature} is already used`);
    target[feature] = module.default;
  }
  return result;
}

export const catalogues = build();
