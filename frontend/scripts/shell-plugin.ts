// The painted shell (index.html) in every language: the build writes dist/shell.json with the few words it shows,
// taken from the app's own catalogues, so the server (common/views.py) fills them in for her language and nothing
// is translated twice; and with the files of each language's catalogue and of each page (by its path, as
// src/app/routes/pages.json has it), which the server has the browser fetch at once (modulepreload). The build also moves the stylesheet out of <head>, so that the shell (styled inline) paints
// without waiting for it; the app waits for it before it starts (main.tsx). The dev server shows the English words.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

type Words = Record<string, string>;

// Placeholder in index.html -> [catalogue file under locales/ ('' for the main one), key path].
const WORDS: Record<string, [string, string]> = {
  APP_NAME: ['', 'common.appName'],
  TAGLINE: ['', 'common.tagline'],
  LOADING: ['', 'common.loading'],
  QUICK_EXIT: ['safety', 'quickExit'],
  QUICK_EXIT_HINT: ['safety', 'quickExitHint'],
};

function lookup(catalogue: unknown, path: string): string {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], catalogue);
  if (typeof value !== 'string' || !value) throw new Error(`The shell needs ${path} in every catalogue`);
  return value;
}

/** Each UI language's shell words, read from src/i18n/locales. */
export function shellWords(locales: string): Record<string, Words> {
  const languages = readdirSync(locales)
    .filter((name) => /^[a-z]{2,3}\.json$/.test(name))
    .map((name) => name.replace('.json', ''));
  const read = (folder: string, language: string): unknown =>
    JSON.parse(readFileSync(join(locales, folder, `${language}.json`), 'utf8')) as unknown;
  return Object.fromEntries(
    languages.map((language) => [
      language,
      Object.fromEntries(Object.entries(WORDS).map(([name, [folder, path]]) => [name, lookup(read(folder, language), path)])),
    ]),
  );
}

const STYLESHEET = /\s*<link rel="stylesheet"[^>]*>/g;

export function paintedShell(locales: string): Plugin {
  let serving = false;
  return {
    name: 'bridges-painted-shell',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (serving) {
          const english = shellWords(locales).en ?? {};
          return html
            .replace(/__([A-Z_]+)__/g, (whole, name: string) => english[name] ?? (name === 'LANG' ? 'en' : name === 'DIR' ? 'ltr' : whole))
            .replace(' nonce="__CSP_NONCE__"', '');
        }
        const sheets = html.match(STYLESHEET) ?? [];
        return html.replace(STYLESHEET, '').replace('</body>', `${sheets.map((sheet) => `  ${sheet.trim()}\n`).join('')}  </body>`);
      },
    },
    generateBundle(_options, bundle) {
      // Her language's catalogue and the page she opens are fetched with the app, not after it: the server names
      // their files in the page (modulepreload).
      // A file and every file it imports, however deep: the browser learns of an import only when the importing
      // file has arrived, and on a slow phone each such round adds a round trip.
      const withImports = (fileName: string, seen: Set<string> = new Set()): string[] => {
        if (seen.has(fileName)) return [];
        seen.add(fileName);
        const chunk = bundle[fileName];
        const imports = chunk?.type === 'chunk' ? chunk.imports : [];
        return [fileName, ...imports.flatMap((name) => withImports(name, seen))];
      };
      const filesOf = (pattern: RegExp): Record<string, string[]> => {
        const found: Record<string, string[]> = {};
        for (const chunk of Object.values(bundle)) {
          const name = chunk.type === 'chunk' ? pattern.exec(chunk.facadeModuleId ?? '')?.[1] : undefined;
          if (chunk.type === 'chunk' && name) found[name] = withImports(chunk.fileName);
        }
        return found;
      };
      const routeFiles = filesOf(/\/src\/app\/routes\/([^/]+)\.tsx$/);
      // Each page: its path, its files, and whether it needs the rest of the catalogue (i18n/parts.ts), whose
      // files per language are in "later".
      const pages = (JSON.parse(readFileSync(join(locales, '..', '..', 'app', 'routes', 'pages.json'), 'utf8')) as string[][]).map(
        ([path, module, , catalogue]) => {
          const files = routeFiles[module ?? ''];
          if (!files) throw new Error(`routes/pages.json: the build made no file for routes/${module}.tsx`);
          return [path, files, catalogue === 'full'];
        },
      );
      const shell = {
        words: shellWords(locales),
        preload: filesOf(/\/src\/i18n\/bundles\/([^/]+)\.ts$/),
        later: filesOf(/\/src\/i18n\/bundles\/later\/([^/]+)\.ts$/),
        pages,
      };
      this.emitFile({ type: 'asset', fileName: 'shell.json', source: JSON.stringify(shell) });
    },
  };
}
