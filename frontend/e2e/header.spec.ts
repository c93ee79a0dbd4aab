// The header while logging in: on the second step (the code from the authenticator app) it offers no "Log in",
// which would read as if the first step had failed.
import { expect, test } from '@playwright/test';
import { PASSWORD } from './support';

test('the two-step code page shows no "Log in" in the header', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toHaveCount(0);
  await page.getByLabel('Email').fill('coordinator.berlin@demo.bridges.example');
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).last().click();
  await expect(page.getByLabel('Code')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Log out' })).toHaveCount(0);
  // Elsewhere, not yet logged in, the header does offer it.
  await page.goto('/networks');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
});
