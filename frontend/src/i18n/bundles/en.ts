// One language's whole catalogue in one file the app loads when that language is needed (i18n.ts).
import { buildCatalogue } from '../build-catalogues';

export default buildCatalogue(
  import.meta.glob(['../locales/en.{ts,json}', '../locales/*/en.{ts,json}'], { eager: true, import: 'default' }),
  'en',
);
