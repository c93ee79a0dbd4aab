// scripts/catalogues-to-json.mjs, run on a copy of the catalogues in a temporary folder (never on the real ones):
// every .ts becomes i18next JSON with the same texts, and catalogues.ts builds the same catalogues from the JSON.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalogues, catalogues } from './catalogues';

const here = join(process.cwd(), 'src/i18n'); // vitest runs in frontend/
const converter = join(here, '../../scripts/catalogues-to-json.mjs');
const originals = import.meta.glob<Record<string, unknown>>(['./locales/*.ts', './locales/*/*.ts'], {
  eager: true,
  import: 'default',
});

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|json)$/.test(name))
    .map((name) => relative(dir, join(dir, name)))
    .sort();
}

const made: string[] = [];
function copyOfTheCatalogues(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bridges-catalogues-'));
  made.push(dir);
  cpSync(join(here, 'locales'), dir, { recursive: true });
  return dir;
}

// After the real catalogues are JSON, the tests on their copy have nothing to convert; the fixture below remains.
const realOnes = Object.keys(originals).length > 0;

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

  it.skipIf(!realOnes)('turns every TypeScript catalogue into JSON with the same texts and deletes the .ts', () => {
    const dir = copyOfTheCatalogues();
    const before = files(dir).filter((file) => file.endsWith('.ts'));
    expect(before.length).toBeGreaterThan(0);
    convert(dir);
    expect(files(dir)).toEqual(before.map((file) => file.replace(/\.ts$/, '.json')).sort());
    for (const file of before) {
      const json = JSON.parse(readFileSync(join(dir, file.replace(/\.ts$/, '.json')), 'utf8'));
      expect(json, file).toEqual(originals[`./locales/${file}`]);
      expect(Object.keys(json)).toEqual(Object.keys(originals[`./locales/${file}`] ?? {})); // the same order
    }
  });

  it.skipIf(!realOnes)('gives catalogues.ts the same catalogues as the TypeScript files did', () => {
    const dir = copyOfTheCatalogues();
    convert(dir);
    const jsonFiles = Object.fromEntries(
      files(dir).map((file) => [`./locales/${file}`, JSON.parse(readFileSync(join(dir, file), 'utf8'))]),
    );
    expect(buildCatalogues(jsonFiles)).toEqual(catalogues);
  });

  it.skipIf(!realOnes)('changes nothing when a catalogue cannot be converted', () => {
    const dir = copyOfTheCatalogues();
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
