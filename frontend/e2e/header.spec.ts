// The header: on the second step of logging in (the code from the authenticator app) it offers no "Log in", which
// would read as if the first step had failed; and on a phone it is one row in every language, with a Menu that
// holds the pages and the account.
import { expect, test, type Page } from '@playwright/test';
import { logIn, logOut, openMenu, PASSWORD } from './support';

test('the two-step code page shows no "Log in" in the header', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toHaveCount(0);
  await page.getByLabel('Email').fill('coordinator.berlin@demo.bridges.example');
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).last().click();
  await expect(page.getByLabel('Code')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Log out' })).toHaveCount(0);
  // Elsewhere, not yet logged in, the header does offer it (on a phone, in its Menu).
  await page.goto('/networks');
  await openMenu(page);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
});

const LANGUAGES = ['en', 'ar', 'de', 'fr', 'uk'];
const PHONE_WIDTHS = [320, 360, 430];

/** The header's visible controls all lie in one row (their vertical extents share a line), and nothing sticks out. */
async function expectOneRow(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const header = document.querySelector<HTMLElement>('header.app-header')!;
    const boxes = [...header.querySelectorAll<HTMLElement>('a[href], button, select')]
      .filter((element) => element.getClientRects().length > 0 && !element.closest('.skip-link'))
      .map((element) => {
        const r = element.getBoundingClientRect();
        return { name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      });
    return { boxes, height: header.getBoundingClientRect().height, overflow: header.scrollWidth - header.clientWidth, width: innerWidth };
  });
  expect(found.boxes.length, `${where}: controls in the header`).toBeGreaterThanOrEqual(3);
  const line = Math.max(...found.boxes.map((box) => box.top));
  expect(found.boxes.filter((box) => box.bottom <= line).map((box) => `${where}: ${box.name} is on a row of its own`)).toEqual([]);
  expect(found.boxes.filter((box) => box.left < 0 || box.right > found.width).map((box) => `${where}: ${box.name} off screen`)).toEqual([]);
  expect(found.overflow, `${where}: the header scrolls sideways`).toBeLessThanOrEqual(0);
  expect(found.height, `${where}: header height`).toBeLessThanOrEqual(72);
}

test.describe('the phone header', () => {
  test.describe.configure({ timeout: 120_000 });
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'phone', 'the widths are set by the test'));

  test('is one row in every language, logged out and logged in, and its Menu holds the pages and the account', async ({ page }) => {
    await page.goto('/');
    for (const who of ['guest', 'mentee'] as const) {
      if (who === 'mentee') await logIn(page, 'mentee@demo.bridges.example');
      for (const language of LANGUAGES) {
        await page.evaluate((code) => localStorage.setItem('bridges.language', code), language);
        for (const width of PHONE_WIDTHS) {
          await page.setViewportSize({ width, height: 700 });
          await page.goto('/networks');
          await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
          await expect(page.locator('main h1').first()).toBeVisible();
          await expectOneRow(page, `${who} ${language} ${width}px`);
        }
      }
      await page.evaluate(() => localStorage.setItem('bridges.language', 'en'));
    }

    // The Menu opens below the row and shuts again on Escape (focus back on the button) and after following a link.
    await page.setViewportSize({ width: 360, height: 700 });
    await page.goto('/networks');
    const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('button', { name: 'Log out' })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByText('Logged in as')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await menu.click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My page' }).click();
    await expect(page).toHaveURL(/\/me$/);
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await logOut(page);
  });
});
