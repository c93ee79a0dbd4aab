// A mentee's privacy journey against the real backend with demo data: she opens her privacy page, withdraws
// a consent after reading what stops, downloads her data and opens the readable summary, leaves her programme,
// then deletes her account with a typed confirmation and can no longer log in. Each page checked runs axe and saves a screenshot.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { checkAccessibility, logIn, PASSWORD } from './support';

// One demo mentee per browser project, since each run deletes her account.
const MENTEES: Record<string, string> = {
  desktop: 'mentee010@demo.bridges.example',
  phone: 'mentee011@demo.bridges.example',
};

test('a mentee withdraws a consent, downloads her data, leaves her programme and deletes her account', async ({ page, context }, testInfo) => {
  const email = MENTEES[testInfo.project.name] ?? 'mentee012@demo.bridges.example';
  await logIn(page, email);
  await expect(page).toHaveURL(/\/me/);
  await page.goto('/me');
  await page.getByRole('link', { name: 'Privacy and my data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy and my data' })).toBeVisible();
  const outcome = page.getByRole('article', { name: 'Counting my feedback and results, without my name' });
  await expect(outcome.getByText('Given', { exact: true })).toBeVisible();
  await expect(outcome.getByText(/Text version 1/)).toBeVisible();
  await checkAccessibility(page, 'privacy-page', testInfo.project.name);

  // Withdraw, after a confirmation that says what stops.
  await outcome.getByRole('button', { name: 'Withdraw' }).click();
  const dialog = page.getByRole('dialog', { name: 'Withdraw this consent?' });
  await expect(dialog.getByText(/results are no longer counted/)).toBeVisible();
  await checkAccessibility(page, 'privacy-withdraw-confirm', testInfo.project.name);
  await dialog.getByRole('button', { name: 'Yes, withdraw' }).click();
  await expect(outcome.getByText('Withdrawn', { exact: true })).toBeVisible();
  await expect(outcome.getByRole('button', { name: 'I agree' })).toBeVisible();

  // Her sensitive answers are read only when she asks, with their explanations.
  await page.getByRole('button', { name: 'Show my sensitive answers' }).click();
  await page.getByLabel('I have children: I can meet only during school hours').check();
  await page.getByRole('button', { name: 'Save my answers' }).click();
  await expect(page.getByText('Your answers are saved.')).toBeVisible();

  // Download her data as JSON: hers, with the consent just withdrawn.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data (JSON file)' }).click();
  const download = await downloading;
  const data = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
  expect(data.account.email).toBe(email);
  expect(data.sensitive_attributes.map((item: { code: string }) => item.code)).toEqual(['children_school_hours']);
  const withdrawn = data.consents.filter((c: { purpose: string; withdrawn_at: string | null }) => c.purpose === 'outcome_reporting');
  expect(withdrawn.some((c: { withdrawn_at: string | null }) => c.withdrawn_at !== null)).toBe(true);

  // The readable summary opens as a printable page.
  const opening = context.waitForEvent('page');
  await page.getByRole('link', { name: 'Open the readable summary' }).click();
  const summary = await opening;
  await expect(summary.getByRole('heading', { level: 1, name: 'My data on Bridges' })).toBeVisible();
  await expect(summary.getByText(email).first()).toBeVisible();
  await summary.close();

  // She leaves her programme, after a confirmation that says what ends and that her account stays.
  await page.getByRole('button', { name: 'Leave this programme' }).click();
  const leaving = page.getByRole('dialog', { name: /^Leave .+\?$/ });
  await expect(leaving.getByText(/your offers and matches in this programme end/)).toBeVisible();
  await checkAccessibility(page, 'privacy-leave-confirm', testInfo.project.name);
  await leaving.getByRole('button', { name: 'Yes, leave' }).click();
  const taking = page.getByRole('article', { name: 'Taking part and being matched' });
  await expect(taking.getByText('Withdrawn', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Leave this programme' })).toHaveCount(0);

  // Delete the account: the typed word is checked first, and what stays anonymously is explained.
  await expect(page.getByText(/without your name/)).toBeVisible();
  const confirm = page.getByLabel('To confirm, type DELETE');
  await confirm.fill('delete me');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Type DELETE exactly as shown.')).toBeVisible();
  await confirm.fill('DELETE');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account is deleted. Thank you for taking part.' })).toBeVisible();
  await checkAccessibility(page, 'privacy-deleted', testInfo.project.name);

  // She is logged out and can no longer log in.
  await page.goto('/me/privacy');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).last().click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
  await expect(page).toHaveURL(/\/login/);
});
