#!/usr/bin/env node
// make messages, the web app's part: every key the code passes to t() as a literal ('x.y', "x.y" or `x.y` without
// ${...}) must be in the English catalogue (else exit 1); then, for each other language, the keys and plural forms
// (CLDR, by Intl.PluralRules) it still lacks, for translators. Run from frontend/: node scripts/check-catalogues.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogues } from './catalogue-files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const localesDir = join(src, 'i18n', 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;
// Wording about a person may have _feminine / _masculine variants (before any plural suffix) that English lacks.
const CONTEXT = /_(feminine|masculine)$/;

const leaves = (node, prefix = '') =>
  typeof node === 'string'
    ? [prefix]
    : Object.entries(node).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === localesDir ? [] : sources(path);
    // Tests may build their own i18next instances with their own keys; the app's code is what must be covered.
    return /\.(ts|tsx)$/.test(name) && !/\.(d|test)\.tsx?$/.test(name) ? [path] : [];
  });
}

const catalogues = loadCatalogues(localesDir);
const english = leaves(catalogues.en ?? {});
const englishSet = new Set(english);
/** A used key is there as a text, a group of texts, or with plural or context (gender) suffixes. */
const known = (key) => englishSet.has(key) || english.some((leaf) => leaf.startsWith(`${key}.`) || leaf.startsWith(`${key}_`));

const USE = /(?<![\w$.])(?:i18n\.)?t\(\s*(['"`])([\w.-]+)\1|i18nKey=(['"])([\w.-]+)\3/g;
const missing = [];
let uses = 0;
for (const file of sources(src)) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(USE)) {
    const key = match[2] ?? match[4];
    uses += 1;
    if (!known(key)) missing.push(`${relative(root, file)}: ${key}`);
  }
}

const base = (keys) => new Set(keys.map((key) => key.replace(PLURAL, '').replace(CONTEXT, '')));
const englishBase = base(english);
const englishPlurals = new Set(english.filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')));
let toTranslate = 0;
for (const [language, catalogue] of Object.entries(catalogues).sort()) {
  if (language === 'en') continue;
  const keys = leaves(catalogue);
  const have = new Set(keys);
  const lacking = [...englishBase].filter((key) => !base(keys).has(key));
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const lackingForms = [...englishPlurals].flatMap((key) =>
    forms.filter((form) => !have.has(`${key}_${form}`) && base(keys).has(key)).map((form) => `${key}_${form}`),
  );
  const extra = [...base(keys)].filter((key) => !englishBase.has(key));
  toTranslate += lacking.length + lackingForms.length;
  console.log(`${language}: ${lacking.length} keys and ${lackingForms.length} plural forms to translate, ${extra.length} keys English no longer has`);
  for (const key of [...lacking, ...lackingForms].slice(0, 10)) console.log(`  ${key}`);
  for (const key of extra.slice(0, 10)) console.log(`  (not in English) ${key}`);
}
console.log(`Web app: ${englishBase.size} texts in English, ${uses} uses in the code, ${toTranslate} left to translate.`);
if (missing.length > 0) {
  console.error(`These keys are used in the code but missing in the English catalogue:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
