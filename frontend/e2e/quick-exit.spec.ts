// Quick exit against the real backend with demo data: from a logged-in page, the Quick exit button (and, on its
// own, Escape pressed three times) leaves for a neutral site at once; Back does not bring Bridges back, the session
// is ended on the server, and the browser keeps nothing of Bridges but the chosen language (and, in this tab's
// session storage, the mark that makes an earlier Bridges page reached with Back leave again). The neutral site is
// answered by page.route, so no network is needed.
import { expect, test, type Page } from '@playwright/test';
import { checkAccessibility, logIn } from './support';

const NEUTRAL_SITE = 'https://www.google.com/search?q=weather';
const LANGUAGE_KEY = 'bridges.language';
const EXITED_KEY = 'bridges.exited';

async function logInAndLeaveTraces(page: Page, email: string) {
  await page.route('https://www.google.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather</h1></html>' }),
  );
  await logIn(page, email);
  await page.goto('/me');
  await expect(page.getByRole('heading', { name: 'My matches' })).toBeVisible();
  // A few pages of Bridges in this tab's history.
  await page.getByRole('link', { name: 'Privacy and my data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy and my data' })).toBeVisible();
  // A language choice that must survive, and something in both storages that must not.
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('button', { name: 'Sortie rapide' })).toBeVisible();
  await page.evaluate(() => {
    localStorage.setItem('e2e.trace', 'x');
    sessionStorage.setItem('e2e.trace', 'x');
  });
  expect(await page.evaluate((key) => localStorage.getItem(key), LANGUAGE_KEY)).toBe('fr');
}

async function expectLeftAndForgotten(page: Page) {
  await expect(page).toHaveURL(NEUTRAL_SITE);
  await expect(page.getByRole('heading', { name: 'Weather' })).toBeVisible();
  // The session is over on the server: a fresh request with the same cookies is not logged in.
  await expect.poll(async () => (await page.request.get('/_allauth/browser/v1/auth/session')).status()).toBe(401);
  const me = await page.request.get('/api/v1/me/');
  expect([401, 403]).toContain(me.status());
  expect(((await me.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('not_authenticated');

  // Back does not bring Bridges back: the page she left is gone from the history, and each earlier Bridges page of
  // this tab leaves again at once, until Back reaches what was open before Bridges.
  const bridges = new URL(test.info().project.use.baseURL!).origin;
  await page.goBack();
  await expect(page).toHaveURL(NEUTRAL_SITE);
  let backs = 1;
  while (page.url() !== 'about:blank' && backs < 6) {
    await page.goBack().catch(() => undefined);
    await expect.poll(() => new URL(page.url()).origin).not.toBe(bridges);
    backs++;
  }
  expect(backs, 'Bridges pages bounced').toBeGreaterThanOrEqual(2);

  // Bridges' storage keeps the language and the tab's mark that it left, nothing else (read from a page that runs
  // no app code).
  await page.goto('/healthz');
  const storage = await page.evaluate(() => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
  }));
  expect(storage).toEqual({ local: { [LANGUAGE_KEY]: 'fr' }, session: { [EXITED_KEY]: '1' } });

  // Coming back on purpose (a fresh visit) works and forgets the mark.
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  expect(await page.evaluate((key) => sessionStorage.getItem(key), EXITED_KEY)).toBeNull();
}

test('the Quick exit button leaves at once and ends the session', async ({ page }, testInfo) => {
  await logInAndLeaveTraces(page, 'mentee002@demo.bridges.example');
  const button = page.getByRole('button', { name: 'Sortie rapide' });
  await expect(button).toHaveAccessibleDescription(/Quitter ce site tout de suite/);
  await checkAccessibility(page, 'quick-exit-before', testInfo.project.name);
  await button.click();
  await expectLeftAndForgotten(page);
});

test('pressing Escape three times leaves at once and ends the session', async ({ page }, testInfo) => {
  await logInAndLeaveTraces(page, 'mentee003@demo.bridges.example');
  await checkAccessibility(page, 'quick-exit-privacy-fr', testInfo.project.name);
  for (let press = 0; press < 3; press++) await page.keyboard.press('Escape');
  await expectLeftAndForgotten(page);
});
