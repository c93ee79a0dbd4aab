// An organisation admin's journey against the real backend with demo data (issue 15): from the header she opens her
// organisation, creates a programme (a missing name is said on its field, then fixed), appoints a new coordinator by
// email (the email with a link to set her password is in the outbox) and sees her in the list as invited; then
// the programme's last other coordinator cannot be removed, and the page says why.
import { expect, test } from '@playwright/test';
import { uniqueTag } from './api';
import { emailsTo } from './backend';
import { checkAccessibility, logIn, openMenu } from './support';

const ORGANISATION_ADMIN = 'organisation.admin@demo.bridges.example';
const ORGANISATION = 'IOM Germany (demo)';

test('an organisation admin creates a programme, appoints a coordinator by email and cannot remove the last one', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tag = uniqueTag(project);
  const programmeName = `Hamburg care ${tag}`;
  const newCoordinator = `coordinator.${tag.toLowerCase()}@example.org`;

  await logIn(page, ORGANISATION_ADMIN);
  await openMenu(page);
  await page.getByRole('banner').getByRole('link', { name: 'My organisation' }).click();
  // She runs one organisation: its page opens at once.
  await expect(page.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
  await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('organisation-programme').first()).toBeVisible();
  await checkAccessibility(page, 'organisation-programmes', project);

  // A new programme: without a name it is not sent, and the name's field says so.
  await page.getByRole('button', { name: 'New programme' }).click();
  await page.getByRole('radio', { name: 'Mentoring programme' }).check();
  await page.getByRole('textbox', { name: 'City' }).fill('Hamburg');
  await page.getByRole('combobox', { name: 'Country' }).selectOption('DE');
  const languages = page.getByRole('combobox', { name: 'Languages it runs in' });
  await languages.click();
  await languages.fill('Germ');
  await page.getByRole('option', { name: 'German', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('radio', { name: 'Later, when it is set up' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'I will coordinate it myself' })).toBeChecked();
  await page.getByRole('button', { name: 'Create the programme' }).click();
  await expect(page.getByText('Give the programme a name.')).toBeVisible();
  await checkAccessibility(page, 'organisation-new-programme-error', project);
  await page.getByRole('textbox', { name: /^Name/ }).fill(programmeName);
  await page.getByRole('button', { name: 'Create the programme' }).click();

  const created = page.getByRole('status').filter({ hasText: 'is created' });
  await expect(created).toContainText(programmeName);
  await expect(created).toContainText('Next: appoint its coordinators.');
  const row = page.getByTestId('organisation-programme').filter({ hasText: programmeName });
  await expect(row).toContainText('Closed');
  await expect(row.getByRole('link', { name: `Open dashboard of ${programmeName}` })).toBeVisible();
  await checkAccessibility(page, 'organisation-created', project);

  // Appoint a coordinator by email: she gets an account and an email with a link to set her password.
  await created.getByRole('button', { name: 'Appoint coordinators' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('coordinator-row')).toHaveCount(1); // herself, as she chose to coordinate it
  await dialog.getByRole('textbox', { name: /^Email/ }).fill(newCoordinator);
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Amira');
  await dialog.getByRole('button', { name: 'Appoint' }).click();
  await expect(dialog.getByRole('status')).toContainText(newCoordinator);
  await expect(dialog.getByRole('status')).toContainText('is now a coordinator. We emailed her a link to set her password.');
  const appointed = dialog.getByTestId('coordinator-row').filter({ hasText: newCoordinator });
  await expect(appointed).toContainText('Amira');
  await expect(appointed).toContainText('Invited: has not set a password yet');
  await checkAccessibility(page, 'organisation-coordinators', project);
  await expect.poll(() => emailsTo(newCoordinator).length).toBe(1);
  const [invitation] = emailsTo(newCoordinator);
  expect(invitation!.subject).toBe(`You are now a coordinator of ${programmeName} on Bridges`);
  expect(invitation!.body).toContain('Hello Amira,');
  expect(invitation!.body).toMatch(/\/account\/password\/reset\/key\/\S+/);
  // The link works: she chooses her password with it (in her own browser).
  const link = /https?:\/\/\S+\/account\/password\/reset\/key\/\S+/.exec(invitation!.body)![0];
  const hers = await browser.newContext({ baseURL: new URL(link).origin, reducedMotion: 'reduce' });
  const herPage = await hers.newPage();
  await herPage.goto(new URL(link).pathname);
  await expect(herPage.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  const passwords = herPage.locator('input[type=password]');
  await passwords.nth(0).fill('a-long-new-password-2026');
  await passwords.nth(1).fill('a-long-new-password-2026');
  await herPage.getByRole('button', { name: 'Save my new password' }).click();
  await expect(herPage.getByText('Your password is changed')).toBeVisible();
  await hers.close();

  // Appointing her again changes nothing and says so.
  await dialog.getByRole('textbox', { name: /^Email/ }).fill(newCoordinator);
  await dialog.getByRole('button', { name: 'Appoint' }).click();
  await expect(dialog.getByRole('status')).toContainText('already coordinates this programme. Nothing changed.');

  // She removes herself (after a confirmation); the new coordinator, now the last, cannot be removed.
  await dialog.getByRole('button', { name: 'Remove Ines' }).click();
  await dialog.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(dialog.getByTestId('coordinator-row')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Remove Amira' }).click();
  await dialog.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(dialog.getByRole('alert')).toContainText('A programme needs at least one coordinator: appoint another before removing this one.');
  await expect(appointed).toBeVisible();
  await checkAccessibility(page, 'organisation-last-coordinator', project);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // No longer among its coordinators, she has no dashboard link for it.
  await expect(row.getByRole('link')).toHaveCount(0);
});

test('the organisation page in Arabic reads right to left', async ({ page }, testInfo) => {
  await logIn(page, ORGANISATION_ADMIN);
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('/organisations');
  await expect(page.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'البرامج' })).toBeVisible();
  await page.getByRole('button', { name: 'برنامج جديد' }).click();
  await expect(page.getByRole('radio', { name: 'شبكة أقران' })).toBeVisible();
  await checkAccessibility(page, 'organisation-arabic', testInfo.project.name);
  // Back to English for the journeys after this one (the language is remembered on her account).
  await page.getByLabel('اللغة').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});
