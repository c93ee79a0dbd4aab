// The journeys against the real backend with demo data: sign-up in Arabic, matching run and approval,
// the mentor's acceptance and the mentee's active match. Each checks accessibility with axe and saves a screenshot.
import { expect, test } from '@playwright/test';
import { checkAccessibility, logIn, logOut } from './support';

test('a mentee signs up in Arabic and sees her status', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.getByRole('link', { name: 'التسجيل كمستفيدة من الإرشاد' }).click();

  await page.getByLabel('الاسم الأول').fill('Layla');
  await page.getByLabel('البريد الإلكتروني').fill(`layla.${testInfo.project.name}.${Date.now()}@example.org`);
  await page.locator('input[type=password]').fill('a-long-secret-2026');
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'اللغات' })).toBeVisible();
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'العمل والأهداف' })).toBeVisible();
  await page.getByText('إيجاد عمل').click();
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'التفضيلات' })).toBeVisible();
  await page.getByLabel('أريد مرشدة امرأة').check();
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'موافقتك' })).toBeVisible();
  await checkAccessibility(page, 'signup-consent-ar', testInfo.project.name);
  await page.getByLabel('قرأت هذا النص وأوافق عليه').check();
  await page.getByRole('button', { name: 'التسجيل' }).last().click();

  await expect(page.getByRole('heading', { name: 'شكرًا لك! ماذا يحدث الآن' })).toBeVisible();
  await page.getByRole('link', { name: 'عرض حالتي' }).click();
  await expect(page.getByText('نبحث عن مرشدة أو مرشد لك.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await checkAccessibility(page, 'mentee-status-ar', testInfo.project.name);
});

test('a coordinator runs matching and approves; the mentor accepts; the mentee sees her match', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logIn(page, 'coordinator.berlin@demo.bridges.example');
  await expect(page.getByRole('heading', { name: /Dashboard:/ })).toBeVisible();
  await expect(page.getByText('Waiting for a match')).toBeVisible();
  await checkAccessibility(page, 'coordinator-health', testInfo.project.name);

  await page.getByRole('tab', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Start a matching run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/100%.*Done/, { timeout: 60_000 });
  await checkAccessibility(page, 'coordinator-run', testInfo.project.name);

  await page.getByRole('button', { name: 'Review the proposals' }).click();
  const row = page.getByTestId('proposal-row').first();
  await expect(row).toBeVisible();
  await checkAccessibility(page, 'coordinator-proposals', testInfo.project.name);
  const menteeProfile = await row.getAttribute('data-mentee-profile');
  const mentorProfile = await row.getAttribute('data-mentor-profile');
  const approveButton = row.getByRole('button', { name: /^Approve:/ });
  await approveButton.click();
  await expect(page.locator(`[data-mentee-profile="${menteeProfile}"][data-mentor-profile="${mentorProfile}"]`)).toHaveCount(0);

  // The coordinator may see both people's profiles: that is where the test finds their logins.
  const emailOf = async (profileId: string | null) => {
    const response = await page.request.get(`/api/v1/profiles/${profileId}/`);
    expect(response.ok()).toBeTruthy();
    return ((await response.json()) as { email: string }).email;
  };
  const menteeEmail = await emailOf(menteeProfile);
  const mentorEmail = await emailOf(mentorProfile);
  await logOut(page);

  await logIn(page, mentorEmail);
  await expect(page.getByRole('heading', { name: 'Offers waiting for your answer' })).toBeVisible();
  await expect(page.getByText('Why this pairing').first()).toBeVisible();
  await checkAccessibility(page, 'mentor-offer', testInfo.project.name);
  await page.getByRole('button', { name: 'Accept' }).first().click();
  await expect(page.getByRole('heading', { name: 'Active', exact: true })).toBeVisible();
  await logOut(page);

  await logIn(page, menteeEmail);
  await expect(page.getByRole('heading', { name: /^Your mentor:/ })).toBeVisible();
  await expect(page.getByText('Contact', { exact: true })).toBeVisible();
  await checkAccessibility(page, 'mentee-active-match', testInfo.project.name);
});
