// Every language's catalogue at once, for the tests and the pseudo build (build-catalogues.ts says how they are
// read); the app itself loads one language's bundle (bundles/<lang>.ts) when it needs it.
import { buildCatalogues, type Catalogue } from './build-catalogues';

export { buildCatalogues } from './build-catalogues';

const files = import.meta.glob<Catalogue>(['./locales/*.{ts,json}', './locales/*/*.{ts,json}'], {
  eager: true,
  import: 'default',
});

export const catalogues = buildCatalogues(files);
