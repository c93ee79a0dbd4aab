// The rest of one language's catalogue: the texts of the pages opened after the first (parts.ts), loaded with them.
import { buildCatalogue } from '../../build-catalogues';

export default buildCatalogue(
  import.meta.glob(['../../locales/{peers,dashboard,programmeSettings,privacy,assisted,messages,organisations,imports,reports,invitations,learning,outcomes}/ar.{ts,json}'], { eager: true, import: 'default' }),
  'ar',
);
