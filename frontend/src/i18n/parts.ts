// A language's catalogue comes in two files: bundles/<lang>.ts, with every text of the pages someone opens first
// (start, log in, sign up, password reset, and the header and Quick exit on every page), and bundles/later/<lang>.ts
// with the features below, loaded together with the first page that needs them (routes/pages.json marks those pages
// "full"). The globs in the bundle files name these features too; catalogues.test.ts checks that they agree.
export const LATER_FEATURES = ['peers', 'dashboard', 'programmeSettings', 'privacy', 'assisted', 'messages', 'organisations', 'imports', 'reports', 'invitations', 'learning', 'outcomes'] as const;
