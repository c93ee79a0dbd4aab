// Learning from outcomes (issue 17): the demo's programme of the 2025 cohorts has an outcome history and a trained
// success model (load_demo seeds them), so its coordinator opens the model card from her dashboard and reads it in plain
// words first, then the plots with their figures as tables; in Arabic it reads right to left. Nothing is changed:
// the journey only reads, so the demo programme stays as it is for both browsers.
import { expect, test } from '@playwright/test';
import { checkAccessibility, logIn } from './support';

const COORDINATOR = 'coordinator.outcomes@demo.bridges.example';

test('a coordinator reads the success model card of her programme', async ({ page }, testInfo) => {
  await logIn(page, COORDINATOR);
  await page.goto('/coordinator');
  await page.getByRole('link', { name: 'Success model' }).click();
  await expect(page).toHaveURL(/\/programmes\/[0-9a-f-]+\/model$/);
  const card = page.getByTestId('model-card');
  await expect(card.getByRole('heading', { level: 1 })).toHaveText(/^Success model: /);
  const words = card.getByTestId('model-words');
  await expect(words).toContainText('Trained on 300 past matches');
  await expect(card.getByTestId('model-auc')).toContainText(/AUC 0\.\d+/);
  await expect(card.getByRole('img', { name: /Calibration curve/ })).toBeVisible();
  await expect(card.getByTestId('learning-figure')).toHaveCount(3);
  await expect(card.getByTestId('backtest-words')).toContainText('the model expects');
  await card.getByText('Show the figures as a table').first().click();
  await expect(card.getByTestId('learning-table').first().getByRole('columnheader', { name: 'Predicted chance' })).toBeVisible();
  await expect(card.getByTestId('model-versions').getByRole('row')).toHaveCount(2);
  await expect(card.getByRole('button', { name: 'Train now' })).toBeEnabled();
  await checkAccessibility(page, 'model-card', testInfo.project.name);
});

test('the model card reads right to left in Arabic', async ({ page }, testInfo) => {
  await logIn(page, COORDINATOR);
  await page.goto('/coordinator');
  await page.getByRole('link', { name: 'Success model' }).click();
  await expect(page.getByTestId('model-words')).toBeVisible();
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: 'درّبه الآن' })).toBeVisible();
  await expect(page.getByTestId('model-words')).toContainText('درِّب على');
  await checkAccessibility(page, 'model-card-ar', testInfo.project.name);
  await page.locator('select[aria-label="اللغة"]').selectOption('en');
});
