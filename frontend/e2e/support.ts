// Shared by every journey: log in and out through the UI, and check a page with axe and keep a screenshot.
import { createHmac } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'demo-bridges-2026';
export const ARTIFACTS = 'e2e-artifacts';

/** axe with the WCAG 2.2 A/AA rules and its best practices: any violation, whatever its impact, fails. */
/** axe's findings on the page as it is now (WCAG 2.2 AA and best practice), one line each; none is the aim. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${process.env.AXE_DETAIL ? `${n.html} ${n.failureSummary}` : ''}`).join('; ')})`);
}

export async function checkAccessibility(page: Page, name: string, projectName: string) {
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}/${projectName}-${name}.png`, fullPage: true });
}

// The demo's coordinators and admin pass two-step verification with this fixed, public demo secret
// (backend/profiles/management/commands/load_demo.py, README.md).
export const DEMO_TOTP_SECRET = 'BRIDGESDEMOTOTPKEYFORCOORDINATOR';

function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

/** RFC 6238 (HMAC-SHA1, 30 s, 6 digits) for the time step `counter`. */
export function totp(secret: string, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', base32(secret)).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// Each code works once; the server accepts the next time step too, so a second login within 30 s uses that.
// The server refuses a one-time code used before; the phone and desktop projects run in different worker
// processes, so the steps already spent are shared through a file of this backend's (one per E2E port).
const USED_STEPS_FILE = join(tmpdir(), `bridges-e2e-totp-${process.env.E2E_PORT ?? 8010}.steps`);
const usedSteps = {
  has(step: number): boolean {
    try {
      return readFileSync(USED_STEPS_FILE, 'utf8').split('\n').includes(String(step));
    } catch {
      return false;
    }
  },
  add(step: number): void {
    appendFileSync(USED_STEPS_FILE, `${step}\n`);
  },
};

export async function logIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).last().click();
  // Only coordinators and admins are asked for a code; everyone else is logged in at once.
  const code = page.getByLabel('Code');
  await expect(code.or(loggedIn(page)).first()).toBeVisible();
  if (!(await code.isVisible())) return;
  // A code the server has not seen yet (it refuses a replay): waits for a fresh step when both are spent.
  await code.fill(await freshTotpCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(loggedIn(page)).toBeVisible();
}

/** What the header shows at every width once she is logged in: the notices link (the account itself is in the
 * phone's menu). */
export function loggedIn(page: Page) {
  return page.getByRole('banner').getByTestId('notification-bell');
}

/** Opens the header's menu where there is one (phone and narrow tablet); wider, its entries are in the row. */
export async function openMenu(page: Page) {
  // The app's header, not the painted shell's (which has no menu): whether a Menu is shown is decided by its width.
  await expect(page.locator('header.app-header')).toBeVisible();
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
}

export async function logOut(page: Page) {
  await openMenu(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Bridges' })).toBeVisible();
}

/** A one-time code for an API login (e.g. `apiSession`), sharing `logIn`'s record of used steps; waits for a fresh step. */
export async function freshTotpCode(): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = [now, now + 1].find((candidate) => !usedSteps.has(candidate));
    if (step !== undefined) {
      usedSteps.add(step);
      return totp(DEMO_TOTP_SECRET, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** An invited mentor, on her invitation's sign-up form (programme, role and address filled in by the link), signs
 * up with the defaults and one work area; she lands on her page. */
export async function signUpAsInvitedMentor(page: Page, firstName: string, area: { search: string; label: string }) {
  await page.getByRole('textbox', { name: /^First name/ }).fill(firstName);
  await page.locator('input[type=password]').fill('a-long-secret-2026');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Languages' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Work and goals' })).toBeVisible();
  const areas = page.getByRole('group', { name: 'Which work areas do you know well?' });
  await areas.getByRole('searchbox', { name: 'Search the work areas' }).fill(area.search);
  await areas.getByText(area.label).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Time and place' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Your consent' })).toBeVisible();
  await page.getByLabel('I have read this and I agree').check();
  await page.getByRole('button', { name: 'Sign up' }).last().click();
  await expect(page).toHaveURL(/\/me$/);
}
