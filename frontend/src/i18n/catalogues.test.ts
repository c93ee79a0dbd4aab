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

describe('catalogues', () => {
  const english = keys(catalogues.en).sort();

  it.each(UI_LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the English keys', (language) => {
    expect(keys(catalogues[language]).sort()).toEqual(english);
  });

  it.each([...UI_LANGUAGES])('%s has no empty string', (language) => {
    expect(leaves(catalogues[language]).filter((leaf) => typeof leaf !== 'string' || leaf.trim() === '')).toEqual([]);
  });

  it('keeps the same interpolation placeholders in every language', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const at = (catalogue: unknown, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue);
    for (const language of UI_LANGUAGES) {
      const different = english.filter((path) => placeholders(at(catalogues[language], path)).join() !== placeholders(at(catalogues.en, path)).join());
      expect(different, language).toEqual([]);
    }
  });
});
