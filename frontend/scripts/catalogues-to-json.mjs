#!/usr/bin/env node
// Turns the web app's TypeScript catalogues into i18next JSON, the format Weblate and Pontoon load:
// every src/i18n/locales/**/<lang>.ts becomes <lang>.json beside it (the same texts, keys in the same order) and the
// .ts is deleted. catalogues.ts reads either. Run once, from frontend/:  node scripts/catalogues-to-json.mjs [dir]
// Every file is read before any is written, so a catalogue that cannot be read changes nothing.
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueFiles, loadCatalogue } from './catalogue-files.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const localesDir = resolve(process.argv[2] ?? join(here, '../src/i18n/locales'));

const sources = catalogueFiles(localesDir).filter((file) => file.endsWith('.ts'));
const converted = sources.map((file) => {
  const json = join(localesDir, file.replace(/\.ts$/, '.json'));
  if (existsSync(json)) throw new Error(`${json} exists already: keep one of ${file} and it`);
  return { ts: join(localesDir, file), json, catalogue: loadCatalogue(join(localesDir, file)) };
});
for (const { json, catalogue } of converted) writeFileSync(json, `${JSON.stringify(catalogue, null, 2)}\n`);
for (const { ts } of converted) unlinkSync(ts);
console.log(`${converted.length} catalogues converted to JSON in ${localesDir}`);
