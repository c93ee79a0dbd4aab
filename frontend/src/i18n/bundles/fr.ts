// One language's whole catalogue in one file the app loads when that language is needed (i18n.ts).
import { buildCatalogue } from '../build-catalogues';

export default buildCatalogue(
  import.meta.glob(['../locales/fr.{ts,json}', '../locales/*/fr.{ts,json}'], { eager: true, import: 'default' }),
  'fr',
);
