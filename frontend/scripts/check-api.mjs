// Regenerates the API types from openapi.yaml into a temporary file and fails if they differ
// from the committed src/api/schema.d.ts (run `npm run gen:api` and commit the result).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'bridges-api-')), 'schema.d.ts');
execFileSync('npx', ['openapi-typescript', 'openapi.yaml', '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
const fresh = readFileSync(out, 'utf8');
const committed = readFileSync('src/api/schema.d.ts', 'utf8');
if (fresh !== committed) {
  console.error('src/api/schema.d.ts is out of date with openapi.yaml: run `npm run gen:api` and commit it.');
  process.exit(1);
}
console.log('src/api/schema.d.ts matches openapi.yaml.');
