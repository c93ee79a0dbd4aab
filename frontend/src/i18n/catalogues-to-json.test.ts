// scripts/catalogues-to-json.mjs, run on fixtures in a temporary folder (the real catalogues are JSON already):
// every .ts becomes i18next JSON with the same texts, and nothing changes when one cannot be converted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalogues } from './catalogues';

const here = join(process.cwd(), 'src/i18n'); // vitest runs in frontend/
const converter = join(here, '../../scripts/catalogues-to-json.mjs');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|json)$/.test(name))
    .map((name) => relative(dir, join(dir, name)))
    .sort();
}

const made: string[] = [];

const convert = (dir: string) => execFileSync('node', [converter, dir], { encoding: 'utf8', stdio: 'pipe' });

describe('catalogues-to-json', () => {
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('converts a catalogue with types, imports, plural forms and right-to-left text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-catalogues-'));
    made.push(dir);
    writeFileSync(
      join(dir, 'en.ts'),
      "const en = { hi: 'Hi {{name}}', n: { items_one: '{{count, number}} item', items_other: '{{count, number}} items' } };\n" +
        'export default en;\nexport type Catalogue = typeof en;\n',
    );
    writeFileSync(
      join(dir, 'ar.ts'),
      "import type { Catalogue } from './en';\nconst ar: Catalogue = { hi: 'مرحبًا {{name}}', n: { items_one: 'عنصر واحد', items_other: '{{count, number}} عنصر' } };\nexport default ar;\n",
    );
    mkdirSync(join(dir, 'feature'));
    writeFileSync(join(dir, 'feature', 'en.ts'), "// A comment.\nexport default { title: `Title` } as const;\n");
    convert(dir);
    expect(files(dir)).toEqual(['ar.json', 'en.json', join('feature', 'en.json')]);
    expect(readFileSync(join(dir, 'ar.json'), 'utf8')).toBe(
      '{\n  "hi": "مرحبًا {{name}}",\n  "n": {\n    "items_one": "عنصر واحد",\n    "items_other": "{{count, number}} عنصر"\n  }\n}\n',
    );
    expect(JSON.parse(readFileSync(join(dir, 'feature', 'en.json'), 'utf8'))).toEqual({ title: 'Title' });
  });

  it('changes nothing when a catalogue cannot be converted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-catalogues-'));
    made.push(dir);
    mkdirSync(join(dir, 'account'));
    writeFileSync(join(dir, 'en.ts'), "export default { hi: 'Hello' };\n");
    writeFileSync(join(dir, 'account', 'en.ts'), "export default { title: 'Account' };\n");
    writeFileSync(join(dir, 'account', 'de.ts'), "export default { title: 'Konto' };\n");
    writeFileSync(join(dir, 'account', 'de.json'), '{}\n');
    expect(() => convert(dir)).toThrow(/exists already/);
    expect(existsSync(join(dir, 'en.ts'))).toBe(true);
    expect(existsSync(join(dir, 'en.json'))).toBe(false);
    rmSync(join(dir, 'account', 'de.json'));
    writeFileSync(join(dir, 'account', 'de.ts'), 'export default { count: 3 };\n');
    expect(() => convert(dir)).toThrow(/count is not a text/);
    expect(files(dir).every((file) => file.endsWith('.ts'))).toBe(true);
  });
});

describe('catalogues.ts', () => {
  it('reads JSON and TypeScript catalogue files alike, but not both for one catalogue', () => {
    const mixed = { './locales/en.json': { a: 'A' }, './locales/de.ts': { a: 'Ä' }, './locales/x/en.ts': { b: 'B' } };
    expect(buildCatalogues(mixed, ['en', 'de'])).toEqual({ en: { a: 'A', x: { b: 'B' } }, de: { a: 'Ä' } });
    expect(() => buildCatalogues({ './locales/en.json': {}, './locales/en.ts': {} }, ['en'])).toThrow(/two files/);
    expect(() => buildCatalogues({ './locales/xx.json': {} }, ['en'])).toThrow(/not a UI language/);
  });
});
