// The painted shell: before any of the app's JavaScript has arrived (here it never does), the server's page already
// shows the header, a loading line in the browser's language with the page's lang and dir, and a Quick exit that
// works: a tap, or Escape three times, leaves for the neutral site (answered by page.route, no network needed).
import { expect, test, type Page } from '@playwright/test';

const NEUTRAL_SITE = 'https://www.google.com/search?q=weather';

async function withoutTheApp(page: Page) {
  await page.route('**/static/assets/*.js', (route) => route.abort());
  await page.route('https://www.google.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather</h1></html>' }),
  );
}

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-EG' });

  test('the first page is painted in her language, right to left, with a Quick exit she can reach', async ({ page }) => {
    await withoutTheApp(page);
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('status')).toHaveText('جارٍ التحميل…');
    await expect(page.getByRole('link', { name: 'Bridges' })).toBeVisible();
    const exit = page.getByRole('link', { name: 'خروج سريع' });
    await expect(exit).toBeInViewport({ ratio: 1 });
    const box = (await exit.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    // Right to left, the thumb's corner is the bottom left.
    expect(box.x).toBeLessThan(page.viewportSize()!.width / 2);
    await exit.click();
    await expect(page).toHaveURL(NEUTRAL_SITE);
    await page.goBack().catch(() => undefined);
    await expect(page).not.toHaveURL(/\/login$/);
  });
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('Escape three times leaves before the app has loaded', async ({ page }) => {
    await withoutTheApp(page);
    await page.goto('/');
    await expect(page.getByRole('status')).toHaveText('Chargement…');
    await expect(page.getByRole('link', { name: 'Sortie rapide' })).toBeVisible();
    for (let press = 0; press < 3; press++) await page.keyboard.press('Escape');
    await expect(page).toHaveURL(NEUTRAL_SITE);
  });

  test('her chosen language wins over the browser’s, and the app takes over from the shell', async ({ page, context }) => {
    await context.addCookies([{ name: 'bridges_language', value: 'uk', url: test.info().project.use.baseURL! }]);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    // The app starts in the same language and replaces the shell; its own Quick exit is in the same place.
    await expect(page.getByRole('button', { name: 'Швидкий вихід' })).toBeVisible();
    await expect(page.locator('#shell-quick-exit')).toHaveCount(0);
    await expect(page.locator('main')).toHaveCount(1);
  });
});
