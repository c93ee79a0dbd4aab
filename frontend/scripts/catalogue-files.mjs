// Reading the web app's catalogues outside Vite (make messages, the JSON converter): every file under
// src/i18n/locales, either i18next JSON (<namespace>/<lang>.json) or a TypeScript module whose default export is the
// catalogue (<namespace>/<lang>.ts), evaluated with the typescript package.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);

/** Every catalogue file under a locales folder: [path relative to it, with its extension]. */
export function catalogueFiles(localesDir) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(name) && !/\.(test|d)\.ts$/.test(name)) found.push(relative(localesDir, path));
    }
  };
  walk(localesDir);
  return found;
}

/** A TypeScript module's exports: transpiled to CommonJS and run; relative imports are loaded the same way. */
function evaluate(path, seen = new Map()) {
  if (seen.has(path)) return seen.get(path).exports;
  const source = readFileSync(path, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: path,
  });
  const module = { exports: {} };
  seen.set(path, module);
  const localRequire = (specifier) => {
    if (!specifier.startsWith('.')) return require(specifier);
    const base = resolve(dirname(path), specifier);
    for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile())
          return candidate.endsWith('.json') ? JSON.parse(readFileSync(candidate, 'utf8')) : evaluate(candidate, seen);
      } catch {
        /* not this one */
      }
    }
    throw new Error(`${path}: cannot find ${specifier}`);
  };
  new Function('exports', 'require', 'module', outputText)(module.exports, localRequire, module);
  return module.exports;
}

/** The catalogue in one file (its default export, or the JSON object), checked to be only strings and objects. */
export function loadCatalogue(path) {
  const value = path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : evaluate(path).default;
  const check = (node, at) => {
    if (typeof node === 'string') return;
    if (typeof node !== 'object' || node === null || Array.isArray(node))
      throw new Error(`${path}: ${at || 'the default export'} is not a text or a group of texts`);
    for (const [key, inner] of Object.entries(node)) check(inner, at ? `${at}.${key}` : key);
  };
  check(value, '');
  return value;
}

/** Every language's whole catalogue, as catalogues.ts builds it: locales/<lang> plus locales/<namespace>/<lang>. */
export function loadCatalogues(localesDir) {
  const result = {};
  for (const file of catalogueFiles(localesDir)) {
    const parts = file.replace(/\.(ts|json)$/, '').split(/[\\/]/);
    const language = parts.at(-1);
    const target = (result[language] ??= {});
    const catalogue = loadCatalogue(join(localesDir, file));
    if (parts.length === 1) Object.assign(target, catalogue);
    else target[parts[0]] = catalogue;
  }
  return result;
}
