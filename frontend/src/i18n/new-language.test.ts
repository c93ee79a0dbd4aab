// A sixth language (README's "Translating Bridges"): its catalogue, here a fixture for Tigrinya (fixtures/ti.json,
// against fixtures/en.json), is read by catalogues.ts like any other and passes the same checks as the five,
// with its own CLDR plural forms.
import { describe, expect, it } from 'vitest';
import { buildCatalogues, catalogues } from './catalogues';
import en from './fixtures/en.json';
import ti from './fixtures/ti.json';
import { UI_LANGUAGES } from './languages';
import { parityProblems } from './parity';

describe('a new language', () => {
  it('is read from its JSON file and passes the parity checks', () => {
    const built = buildCatalogues({ './locales/en.json': en, './locales/ti.json': ti }, ['en', 'ti']);
    expect(new Intl.PluralRules('ti').resolvedOptions().pluralCategories).toEqual(['one', 'other']);
    expect(parityProblems('ti', built.ti, built.en)).toEqual([]);
  });

  it('is held to the checks: a missing key, a wrong plural form, a changed placeholder, an empty text', () => {
    const broken = {
      common: { loggedInAs: 'ከም {{user}}' },
      run: { proposals_one: '{{count, number}} ሓሳብ', proposals_few: '', proposals_other: '{{count}} ሓሳባት' },
    };
    expect(parityProblems('ti', broken, en)).toEqual([
      'ti: common.save is missing',
      'ti: run.proposals has the plural forms few,one,other, the language has one,other',
      'ti: common.loggedInAs has other placeholders than the English',
      'ti: run.proposals_few is empty',
      'ti: run.proposals_other writes {{count}} without ", number"',
    ]);
  });

  it('is checked the same way as the five (which pass the same function)', () => {
    for (const language of UI_LANGUAGES) expect(parityProblems(language, catalogues[language], catalogues.en)).toEqual([]);
  });
});
