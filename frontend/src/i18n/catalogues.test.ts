import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogues';
import { UI_LANGUAGES } from './languages';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leaves);
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
// Wording about a person may have a feminine and a masculine variant (before any plural suffix); the plain key is
// the neutral wording. A language may need variants that English does not (Arabic, Ukrainian, French, German).
const CONTEXT = /_(feminine|masculine)$/;

/** A key without its plural form and its form of address ("proposed_feminine_one" → "proposed"). */
const fold = (key: string): string => key.replace(PLURAL, '').replace(CONTEXT, '');

/** The keys with every plural form and form of address folded into one. */
function baseKeys(catalogue: unknown): string[] {
  return [...new Set(keys(catalogue).map(fold))].sort();
}

/** Each plural key's forms, by base key ("approved" → ["one", "other"]). */
function pluralForms(catalogue: unknown): Map<string, string[]> {
  const forms = new Map<string, Set<string>>();
  for (const key of keys(catalogue)) {
    const match = PLURAL.exec(key);
    if (match?.[1]) forms.set(fold(key), (forms.get(fold(key)) ?? new Set()).add(match[1]));
  }
  return new Map([...forms].map(([key, found]) => [key, [...found].sort()]));
}

describe('catalogues', () => {

  it.each(UI_LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the English keys', (language) => {
    expect(baseKeys(catalogues[language])).toEqual(baseKeys(catalogues.en));
  });

  it.each([...UI_LANGUAGES])('%s has exactly its own plural forms for every counted text (CLDR)', (language) => {
    const wanted = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
    const plurals = pluralForms(catalogues[language]);
    expect([...plurals.keys()].sort()).toEqual([...pluralForms(catalogues.en).keys()].sort());
    for (const [key, forms] of plurals) expect(forms, `${language}: ${key}`).toEqual(wanted);
    if (language === 'ar') expect(wanted).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    if (language === 'uk') expect(wanted).toEqual(['few', 'many', 'one', 'other']);
  });

  it.each([...UI_LANGUAGES])('%s words a person neutrally where it has a feminine or masculine variant', (language) => {
    const all = new Set(keys(catalogues[language]));
    const orphans = [...all].filter((key) => {
      const plural = PLURAL.exec(key)?.[0] ?? '';
      const base = key.replace(PLURAL, '');
      return CONTEXT.test(base) && !all.has(`${base.replace(CONTEXT, '')}${plural}`);
    });
    expect(orphans).toEqual([]);
  });

  it('rejects a form of address that is not one of ours', () => {
    expect(fold('matches.proposedMentor_feminine')).toBe('matches.proposedMentor');
    expect(fold('x.y_masculine_few')).toBe('x.y');
    expect(fold('x.y_female')).toBe('x.y_female');
  });

  it.each([...UI_LANGUAGES])('%s has no empty string', (language) => {
    expect(leaves(catalogues[language]).filter((leaf) => typeof leaf !== 'string' || leaf.trim() === '')).toEqual([]);
  });

  it('writes every count as a number of the interface language', () => {
    const bare = UI_LANGUAGES.flatMap((language) =>
      keys(catalogues[language])
        .map((path) => [path, String(path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogues[language]))])
        .filter(([, text]) => /{{\s*count\s*}}/.test(text!))
        .map(([path]) => `${language}: ${path}`),
    );
    expect(bare).toEqual([]);
  });

  it('keeps the same interpolation placeholders in every language', () => {
    // A plural form may say its number in words ("اقتراح واحد"), so {{count}} may be left out of one; no other.
    // A placeholder's format ({{count, number}}) is part of it: a translation keeps the number formatting.
    const placeholders = (text: unknown, plural: boolean) =>
      [...String(text).matchAll(/{{\s*(\w+)\s*(?:,\s*([^}]*?)\s*)?}}/g)]
        .filter((m) => !(plural && m[1] === 'count'))
        .map((m) => (m[2] ? `${m[1]}, ${m[2]}` : m[1]))
        .sort();
    const at = (catalogue: unknown, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue);
    const englishOther = (path: string) => {
      const neutral = PLURAL.test(path) ? path.replace(PLURAL, '') : path;
      const plain = neutral.replace(CONTEXT, '');
      return PLURAL.test(path) ? `${plain}_other` : plain;
    };
    for (const language of UI_LANGUAGES) {
      const different = keys(catalogues[language]).filter(
        (path) =>
          placeholders(at(catalogues[language], path), PLURAL.test(path)).join() !==
          placeholders(at(catalogues.en, englishOther(path)), PLURAL.test(path)).join(),
      );
      expect(different, language).toEqual([]);
    }
  });
});
