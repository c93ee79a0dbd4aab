// The routes: each composes features; features never import each other. Every page is a file in ./routes, loaded
// when first visited (lazyRoute), so a mentee's first page on a phone stays small. Which page answers which path is
// routes/pages.json, which the server reads too (through the build, scripts/shell-plugin.ts) to have the browser
// fetch the page's files together with the app's instead of after them.
import { type ComponentType, Suspense } from 'react';
import { BrowserRouter, matchPath, Route, Routes } from '@/lib/router';
import { Layout } from '@/components/layout';
import { Loading } from '@/components/query-state';
import { MessagesLink } from '@/features/messages/components/messages-link';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { loadFullCatalogue } from '@/i18n/i18n';
import { QuickExitButton } from '@/features/safety/components/quick-exit-button';
import { type LazyPage, lazyRoute } from './routes/lazy-route';
import PAGES from './routes/pages.json';

type PageModule = Record<string, ComponentType>;
const modules = import.meta.glob<PageModule>(['./routes/*.tsx', '!./routes/*.test.tsx', '!./routes/lazy-route.tsx']);

const pages = new Map<string, LazyPage>();
/** full: the page needs the rest of her language's catalogue too (i18n/parts.ts), and waits for both. */
function page(module: string, name: string, full: boolean): LazyPage {
  const key = `${module}#${name}`;
  let found = pages.get(key);
  if (!found) {
    const loadModule = modules[`./routes/${module}.tsx`];
    if (!loadModule) throw new Error(`routes/pages.json names routes/${module}.tsx, which does not exist`);
    const load = full ? () => Promise.all([loadModule(), loadFullCatalogue()]).then(([loaded]) => loaded) : loadModule;
    found = lazyRoute(load, (loaded) => {
      const Page = loaded[name];
      if (!Page) throw new Error(`routes/${module}.tsx has no ${name}`);
      return Page;
    });
    pages.set(key, found);
  }
  return found;
}

// Every page by its path, in the order of pages.json; the last one answers any other.
export const ROUTES: [string, LazyPage][] = (PAGES as [string, string, string, string?][]).map(([path, module, name, catalogue]) => [
  path,
  page(module, name, catalogue === 'full'),
]);

/** Starts downloading the page at ``pathname`` while the rest of the app starts, instead of after it. */
export function preloadRoute(pathname: string): void {
  const found = ROUTES.find(([path]) => matchPath(path, pathname));
  void found?.[1].preload();
}

export function AppRoutes() {
  return (
    <Layout
      notifications={
        <>
          <MessagesLink />
          <NotificationBell />
        </>
      }
      quickExit={<QuickExitButton />}
    >
      <Suspense fallback={<Loading />}>
        <Routes>
          {ROUTES.map(([path, Page]) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
