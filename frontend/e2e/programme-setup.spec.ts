// Issue 15's whole journey against the real backend, in the web app only (no Django admin): an organisation admin
// creates a programme that she coordinates herself, invites a co-coordinator and three mentors (the emails are in
// the outbox and their links work: the mentors sign up through them, although public sign-up is still closed),
// imports 50 mentees from a spreadsheet with three bad rows (she reads the problems, fixes the file and imports all
// 50), verifies the mentors, runs matching, and downloads the funder report, whose numbers are checked.
import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { uniqueTag } from './api';
import { emailsTo, invitationLinkTo, runInBackend } from './backend';
import { checkAccessibility, logIn, signUpAsInvitedMentor } from './support';

const ORGANISATION_ADMIN = 'organisation.admin@demo.bridges.example';

/** A workbook of 50 mentees as an organisation keeps them, with three bad rows unless ``fixed``. Returns its path. */
function writeMenteeList(tag: string, fixed: boolean): string {
  const output = runInBackend(`
import os
from pathlib import Path
from openpyxl import Workbook
tag, fixed = ${JSON.stringify(tag)}, ${fixed ? 'True' : 'False'}
book = Workbook()
sheet = book.active
sheet.append(["Vorname", "E-Mail", "Languages", "Sector", "City", "Notes"])
for i in range(50):
    email, languages, sector = f"mentee{i:02d}.{tag}@example.org", "ar C2; en B2; de A2", "Care and social work"
    if not fixed and i == 9:
        email = f"mentee{i:02d}.{tag}@example"  # no domain ending
    if not fixed and i == 19:
        languages = "xx C2; en B2"  # no such language
    if not fixed and i == 29:
        sector = "Helthcare"  # misspelt
    sheet.append([f"Mentee{i:02d}", email, languages, sector, "Berlin", "Wants to work in care"])
path = Path(os.environ["BRIDGES_VAR_DIR"]) / f"mentees-{tag}-{'fixed' if fixed else 'first'}.xlsx"
book.save(path)
print("PATH " + str(path))
`);
  return output.trim().split('\n').findLast((text) => text.startsWith('PATH '))!.slice('PATH '.length);
}

/** A mentor opens her invitation link in her own browser and signs up through the form it fills in. */
async function mentorSignsUpThroughTheLink(browser: Browser, path: string, firstName: string) {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: /^Your invitation to / })).toBeVisible();
  await expect(page.getByText('invites you to join', { exact: false })).toContainText('as a mentor');
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeDisabled();
  await signUpAsInvitedMentor(page, firstName, { search: 'carer', label: 'Care and social work' });
  await context.close();
}

async function chooseList(page: Page, path: string) {
  await page.locator('input[type=file]').setInputFiles(path);
}

test('an organisation admin sets up a programme, invites, imports, matches and reports, all in the web app', async ({ page, browser }, testInfo) => {
  test.setTimeout(420_000);
  const project = testInfo.project.name;
  const tag = uniqueTag(project).toLowerCase();
  const programmeName = `Care jobs ${tag}`;
  const coCoordinator = `co.${tag}@example.org`;
  const mentors = [1, 2, 3].map((n) => `mentor${n}.${tag}@example.org`);

  // 1. She creates the programme from her organisation's page, and coordinates it herself.
  await logIn(page, ORGANISATION_ADMIN);
  await page.goto('/organisations');
  await page.getByRole('button', { name: 'New programme' }).click();
  await page.getByRole('radio', { name: 'Mentoring programme' }).check();
  await page.getByRole('textbox', { name: /^Name/ }).fill(programmeName);
  await page.getByRole('textbox', { name: 'City' }).fill('Berlin');
  await page.getByRole('combobox', { name: 'Country' }).selectOption('DE');
  const languages = page.getByRole('combobox', { name: 'Languages it runs in' });
  await languages.click();
  await languages.fill('Engl');
  await page.getByRole('listbox', { name: 'Languages it runs in' }).getByRole('option', { name: 'English', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Create the programme' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is created' })).toContainText(programmeName);
  const row = page.getByTestId('organisation-programme').filter({ hasText: programmeName });
  await row.getByRole('link', { name: `Open dashboard of ${programmeName}` }).click();
  await expect(page).toHaveURL(/\/coordinator\/[0-9a-f-]{36}$/);
  const programme = /\/coordinator\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

  // 2. Invitations: a co-coordinator, then three mentors pasted as one list.
  await page.getByRole('link', { name: 'Invitations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Invitations:/ })).toBeVisible();
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Invite people' }) });
  const invite = async (role: string, addresses: string) => {
    await form.getByLabel('Invite as').first().click();
    await page.getByRole('listbox', { name: 'Invite as' }).getByRole('option', { name: role, exact: true }).click();
    await form.getByRole('textbox', { name: 'Email addresses' }).fill(addresses);
    await form.getByRole('button', { name: 'Send invitations' }).click();
    return form.getByRole('status').filter({ hasText: 'What happened' });
  };
  const coordinatorResult = await invite('Coordinator', coCoordinator);
  await expect(coordinatorResult.getByRole('row').filter({ hasText: coCoordinator })).toContainText('Invited');
  const mentorResults = await invite('Mentor', mentors.join('\n'));
  for (const address of mentors) await expect(mentorResults.getByRole('row').filter({ hasText: address })).toContainText('Invited');
  await checkAccessibility(page, 'setup-invitations', project);

  // Every invitation is in the outbox with a working link.
  const links = new Map<string, string>();
  for (const address of [coCoordinator, ...mentors]) {
    links.set(address, await invitationLinkTo(address));
    expect(emailsTo(address).at(-1)?.subject).toBe(`Invitation to join ${programmeName} on Bridges`);
  }
  const stranger = await browser.newContext();
  const coPage = await stranger.newPage();
  await coPage.goto(links.get(coCoordinator)!);
  await expect(coPage.getByRole('heading', { level: 1, name: /^Your invitation to / })).toBeVisible();
  await expect(coPage.getByText('invites you to help run', { exact: false })).toContainText('as a coordinator');
  await stranger.close();
  for (const [index, address] of mentors.entries()) await mentorSignsUpThroughTheLink(browser, links.get(address)!, `Mentor${index + 1}`);
  await page.reload();
  const invitations = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Link works until' }) });
  for (const address of mentors) await expect(invitations.getByRole('row').filter({ hasText: address })).toContainText('Joined');

  // 3. The mentee list: three bad rows, each said by row and column; fixed, all 50 come in.
  await page.goto(`/coordinator/${programme}/import`);
  await page.getByRole('radio', { name: 'Mentees' }).check();
  await chooseList(page, writeMenteeList(tag, false));
  await expect(page.getByText('47 of 50 rows can be imported.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('3 problems to fix, listed below.')).toBeVisible();
  const problems = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Problem' }) });
  await expect(problems.getByRole('row')).toHaveCount(4);
  await expect(problems).toContainText('Helthcare');
  await checkAccessibility(page, 'setup-import-problems', project);
  await page.getByRole('button', { name: 'Remove the file' }).click();
  await chooseList(page, writeMenteeList(tag, true));
  await expect(page.getByText('50 of 50 rows can be imported.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('No problems found.')).toBeVisible();
  await page.getByRole('radio', { name: 'On a signed paper form' }).check();
  await page.getByRole('button', { name: 'Import 50 people' }).click();
  await expect(page.getByText('50 people imported.')).toBeVisible({ timeout: 60_000 });

  // 4. She verifies the three mentors and runs matching.
  await page.goto(`/coordinator/${programme}`);
  await page.getByRole('tab', { name: 'Verify mentors' }).click();
  for (let n = 1; n <= 3; n++) {
    const verify = page.getByRole('button', { name: new RegExp(`^Verify Mentor${n}\\b`) });
    await verify.click();
    await expect(verify).toHaveCount(0);
  }
  await page.getByRole('tab', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Start a matching run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/100%.*Done/, { timeout: 90_000 });
  await expect(page.getByTestId('run-proof')).toContainText('Best possible — proven');
  await page.getByRole('button', { name: 'Review the proposals' }).click();
  await expect(page.getByTestId('proposal-row').first()).toBeVisible();

  // 5. The funder report, broken down by role: 53 people signed up; the three mentors read "< 5", and the mentees'
  // 50 is hidden with them (else 53 − 50 would give the mentors away).
  await page.goto(`/coordinator/${programme}/reports`);
  const signedUp = page.getByTestId('report-figure-signed_up');
  await expect(signedUp.getByTestId('report-figure-value')).toHaveText('53');
  await page.getByLabel('Break down by').selectOption('role');
  const table = signedUp.getByRole('table');
  await expect(table.getByRole('row', { name: /^Mentor/ })).toContainText('< 5');
  await expect(table.getByRole('row', { name: /^Mentee/ })).toContainText('–');
  await expect(table.getByRole('row', { name: /Total/ })).toContainText('53');
  await checkAccessibility(page, 'setup-report', project);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const text = readFileSync((await (await download).path())!, 'utf8');
  expect(text).toContain('Mentor,< 5');
  expect(text).toContain('Mentee,–');
  expect(text).toMatch(/Total,53\b/);
  expect(text).not.toMatch(/Mentee,50\b/);
});
