import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadRoute } from './app/router';
import { i18nReady, initI18n } from './i18n/i18n';

/** The app's stylesheet, which the painted shell does not wait for (it comes at the end of the page,
 * scripts/shell-plugin.ts): the app does, and puts it back in the head, before the theme's own styles, which
 * Mantine adds to the head when the app starts and which must come later to win. */
async function stylesLoaded(): Promise<void> {
  const sheets = [...document.body.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
  await Promise.all(
    sheets
      .filter((link) => !link.sheet)
      .map(
        (link) =>
          new Promise((settle) => {
            link.addEventListener('load', settle, { once: true });
            link.addEventListener('error', settle, { once: true });
          }),
      ),
  );
  const shellStyle = document.head.querySelector('style');
  for (const link of sheets.reverse()) {
    if (shellStyle) shellStyle.after(link);
    else document.head.append(link);
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// Until her language's words and the styles have arrived, the server's painted shell (header, loading line,
// Quick exit) stays.
initI18n();
preloadRoute(window.location.pathname);
// The first render is a transition: React renders in slices and lets the phone answer taps in between (the shell's
// Quick exit among them) instead of one long task; the shell stays on screen until the app's page replaces it whole.
void Promise.allSettled([i18nReady(), stylesLoaded()]).then(() => {
  const app = createRoot(root);
  startTransition(() => {
    app.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
});
