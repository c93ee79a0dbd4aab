// The five interface languages against English, with the same checks a sixth language passes (parity.ts: the same
// keys, each language's own CLDR plural forms, the same placeholders, no empty text, counts written as numbers), and
// the forms of address: a feminine or masculine variant always has its neutral key beside it.
import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogues';
import { UI_LANGUAGES } from './languages';
import { LATER_FEATURES } from './parts';
import { parityProblems } from './parity';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const CONTEXT = /_(feminine|masculine)$/;

const bundles = import.meta.glob<Record<string, unknown>>('./bundles/*.ts', { import: 'default' });
const laterBundles = import.meta.glob<Record<string, unknown>>('./bundles/later/*.ts', { import: 'default' });

describe('catalogues', () => {
  it.each([...UI_LANGUAGES])('%s has the two files the app downloads, together every one of its texts, split as parts.ts says', async (language) => {
    const first = bundles[`./bundles/${language}.ts`];
    const later = laterBundles[`./bundles/later/${language}.ts`];
    expect(first, `src/i18n/bundles/${language}.ts is missing: copy another language's and change its code`).toBeDefined();
    expect(later, `src/i18n/bundles/later/${language}.ts is missing: copy another language's and change its code`).toBeDefined();
    const [firstPart, laterPart] = [await first!(), await later!()];
    expect(Object.keys(laterPart).sort()).toEqual([...LATER_FEATURES].sort());
    expect(Object.keys(firstPart).filter((key) => key in laterPart)).toEqual([]);
    expect({ ...firstPart, ...laterPart }).toEqual(catalogues[language]);
  });

  it.each([...UI_LANGUAGES])('%s passes the parity checks against English', (language) => {
    expect(parityProblems(language, catalogues[language], catalogues.en)).toEqual([]);
  });

  it('requires the Arabic and Ukrainian plural forms (CLDR), not only English’s two', () => {
    const forms = (language: string) => [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
    expect(forms('ar')).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect(forms('uk')).toEqual(['few', 'many', 'one', 'other']);
    const counted = keys(catalogues.ar).filter((key) => key.startsWith('reasons.availability_overlap_'));
    expect(counted.map((key) => PLURAL.exec(key)?.[1]).sort()).toEqual(forms('ar'));
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

  it('has the variants where a language needs them: a man and a woman are not worded alike in Arabic', () => {
    const ar = catalogues.ar as { matches: Record<string, string> };
    expect(ar.matches.proposedMentor_masculine).toContain('المرشد المقترح');
    expect(ar.matches.proposedMentor_feminine).toContain('المرشدة المقترحة');
    expect(ar.matches.proposedMentor).not.toEqual(ar.matches.proposedMentor_feminine);
  });
});
