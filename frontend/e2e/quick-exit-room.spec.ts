// The Quick exit is never in the way: on every page a person reaches, at phone widths from 320 to 430 px (and on a
// desktop), in all five languages (Arabic right to left), scrolled to the top and to the bottom, it is on screen, at
// least 44 × 44 px, and no other control's visible box overlaps it (it has its own bar below the scrolling page).
// On the way, axe checks each page (WCAG 2.2 AA and best practice) in each language at a phone's and a desktop's
// width: a translation can break contrast, names or direction where English does not.
import { expect, test, type Page } from '@playwright/test';
import { accessibilityViolations, logIn } from './support';

type Box = { x: number; y: number; width: number; height: number };

const WIDTHS = [320, 360, 430, 1280];
const AXE_WIDTHS = new Set([360, 1280]);

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function checkRoom(page: Page, where: string) {
  for (const end of ['top', 'bottom'] as const) {
    await page.evaluate((to) => {
      const scroller = document.querySelector('.app-scroll');
      if (scroller) scroller.scrollTop = to === 'top' ? 0 : scroller.scrollHeight;
    }, end);
    const found = await page.evaluate(() => {
      const exit = document.querySelector<HTMLElement>('.quick-exit');
      const scroller = document.querySelector<HTMLElement>('.app-scroll');
      if (!exit || !scroller) return null;
      const visible = scroller.getBoundingClientRect();
      const controls = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])')]
        .filter((element) => !exit.contains(element) && element.getClientRects().length > 0)
        .map((element) => {
          const r = element.getBoundingClientRect();
          // What of it can be seen (and tapped): its box inside the scrolling page.
          const x = Math.max(r.left, visible.left);
          const y = Math.max(r.top, visible.top);
          const width = Math.min(r.right, visible.right) - x;
          const height = Math.min(r.bottom, visible.bottom) - y;
          return { name: (element.getAttribute('aria-label') ?? element.textContent ?? element.tagName).trim().slice(0, 40), x, y, width, height };
        })
        .filter((box) => box.width > 0 && box.height > 0);
      const r = exit.getBoundingClientRect();
      return { exit: { x: r.left, y: r.top, width: r.width, height: r.height }, controls, viewport: { width: innerWidth, height: innerHeight } };
    });
    expect(found, `${where}: no Quick exit`).not.toBeNull();
    const { exit, controls, viewport } = found!;
    expect(exit.width, `${where}: Quick exit width`).toBeGreaterThanOrEqual(44);
    expect(exit.height, `${where}: Quick exit height`).toBeGreaterThanOrEqual(44);
    expect(exit.x >= 0 && exit.y >= 0 && exit.x + exit.width <= viewport.width && exit.y + exit.height <= viewport.height, `${where}: Quick exit off screen`).toBe(true);
    expect(controls.filter((control) => overlap(control, exit)).map((control) => `${where} (${end}): ${control.name}`)).toEqual([]);
  }
}

async function walk(page: Page, paths: string[], ready: (page: Page) => Promise<void>) {
  for (const language of ['en', 'ar', 'de', 'fr', 'uk']) {
    await page.evaluate((code) => localStorage.setItem('bridges.language', code), language);
    for (const path of paths) {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width > 1000 ? 800 : 700 });
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
        await ready(page);
        await checkRoom(page, `${path} ${language} ${width}px`);
        if (AXE_WIDTHS.has(width)) expect(await accessibilityViolations(page), `axe: ${path} ${language} ${width}px`).toEqual([]);
      }
    }
  }
  await page.evaluate(() => localStorage.setItem('bridges.language', 'en'));
}

const appReady = async (page: Page) => {
  await expect(page.locator('.quick-exit')).toBeVisible();
  await expect(page.locator('main :is(h1, h2)').first()).toBeVisible();
  await expect(page.locator('[role="status"]:has-text("…")')).toHaveCount(0);
};

test.describe('the Quick exit keeps its own room', () => {
  // Each test walks its pages at four widths in five languages.
  test.describe.configure({ timeout: 360_000 });
  // One run covers every width itself; the phone project would only repeat it.
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'phone', 'the widths are set by the test'));

  test('on the public pages', async ({ page }) => {
    await page.goto('/');
    const programmes = (await (await page.request.get('/api/v1/programmes/')).json()) as { results: { id: string; kind: string }[] };
    const mentoring = programmes.results.find((programme) => programme.kind === 'mentoring')!;
    await walk(page, ['/', '/login', `/programmes/${mentoring.id}/signup`, '/networks', '/account/password/reset'], appReady);
  });

  test('on a mentee’s and a mentor’s pages', async ({ page }) => {
    await logIn(page, 'mentee@demo.bridges.example');
    await walk(page, ['/me', '/me/profile', '/me/privacy', '/notifications'], appReady);
    await page.context().clearCookies();
    await logIn(page, 'mentor@demo.bridges.example');
    await walk(page, ['/me', '/me/profile'], appReady);
  });

  test('on a frontline worker’s and a coordinator’s pages', async ({ page }) => {
    await logIn(page, 'worker@demo.bridges.example');
    await walk(page, ['/me', '/networks'], appReady);
    await page.context().clearCookies();
    await logIn(page, 'coordinator.berlin@demo.bridges.example');
    await walk(page, ['/coordinator'], appReady);
  });
});
