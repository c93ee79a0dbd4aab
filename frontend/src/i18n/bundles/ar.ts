// One language's catalogue for the pages everyone opens first (start, log in, sign up), in one file the app loads
// when that language is needed (i18n.ts); the texts of the other pages are in later/ar.ts (parts.ts says which).
import { buildCatalogue } from '../build-catalogues';

export default buildCatalogue(
  import.meta.glob(['../locales/ar.{ts,json}', '../locales/*/ar.{ts,json}', '!../locales/{peers,dashboard,programmeSettings,privacy,assisted,messages,organisations,imports,reports,invitations,learning,outcomes}/ar.{ts,json}'], {
    eager: true,
    import: 'default',
  }),
  'ar',
);
