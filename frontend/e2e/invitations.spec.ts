// Invitations against the real backend with demo data (issue 15): the Berlin coordinator invites a mentor and a
// co-coordinator (and one more mentor) from her dashboard; the mentor opens the emailed link, signs up through the
// form it fills in for her (the programme, the role and her address, which she cannot change) and lands on her page
// in the programme; the coordinator's table says "Joined"; the third invitation is revoked, and its link then shows
// the one plain "no longer valid" page.
import { expect, type Page, test } from '@playwright/test';
import { BERLIN_COORDINATOR, MENTORING_SLUG, programmeId, uniqueTag } from './api';
import { emailsTo, invitationLinkTo } from './backend';
import { checkAccessibility, logIn, signUpAsInvitedMentor } from './support';

async function invite(page: Page, role: string, addresses: string) {
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Invite people' }) });
  await form.getByLabel('Invite as').first().click();
  await page.getByRole('listbox', { name: 'Invite as' }).getByRole('option', { name: role, exact: true }).click();
  await form.getByLabel('Language of the email').first().click();
  await page.getByRole('listbox', { name: 'Language of the email' }).getByRole('option', { name: 'English', exact: true }).click();
  await form.getByRole('textbox', { name: 'Email addresses' }).fill(addresses);
  await form.getByRole('button', { name: 'Send invitations' }).click();
  return form.getByRole('status').filter({ hasText: 'What happened' });
}

test('a coordinator invites a mentor and a co-coordinator; the mentor joins through the link; a revoked link stops working', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const tag = uniqueTag(project).toLowerCase();
  const mentor = `mentor.${tag}@example.org`;
  const coordinator = `cocoordinator.${tag}@example.org`;
  const revoked = `revoked.${tag}@example.org`;

  await logIn(page, BERLIN_COORDINATOR);
  const programme = await programmeId(page.request, MENTORING_SLUG);
  await page.goto(`/coordinator/${programme}`);
  await page.getByRole('link', { name: 'Invitations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Invitations:/ })).toBeVisible();

  // A pasted list with a mistake in it: each address gets its own answer.
  const results = await invite(page, 'Mentor', `${mentor}; not-an-address\n${revoked}`);
  await expect(results.getByRole('row').filter({ hasText: mentor })).toContainText('Invited');
  await expect(results.getByRole('row').filter({ hasText: revoked })).toContainText('Invited');
  await expect(results.getByRole('row').filter({ hasText: 'not-an-address' })).toContainText('This is not an email address.');
  await checkAccessibility(page, 'invitations-sent', project);
  const coordinatorResults = await invite(page, 'Coordinator', coordinator);
  await expect(coordinatorResults.getByRole('row').filter({ hasText: coordinator })).toContainText('Invited');

  const table = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Link works until' }) });
  const rowOf = (address: string) => table.getByRole('row').filter({ hasText: address });
  await expect(rowOf(mentor)).toContainText('Sent');
  await expect(rowOf(coordinator)).toContainText('Coordinator');

  // The mentor opens her email's link, not logged in: the sign-up form knows the programme, the role and her address.
  const mentorLink = await invitationLinkTo(mentor);
  expect(emailsTo(mentor).at(-1)?.subject).toContain('Invitation to join');
  const context = await browser.newContext();
  const invited = await context.newPage();
  await invited.goto(mentorLink);
  await expect(invited.getByRole('heading', { level: 1, name: /^Your invitation to / })).toBeVisible();
  await expect(invited.getByText('invites you to join', { exact: false })).toContainText('as a mentor');
  const email = invited.getByRole('textbox', { name: 'Email' });
  await expect(email).toBeDisabled();
  await expect(email).toHaveValue(/^me•••@example\.org$/);
  await checkAccessibility(invited, 'invitation-landing', project);
  await signUpAsInvitedMentor(invited, 'Marta', { search: 'nurse', label: 'Health and medicine' });

  // She lands on her page, in the programme, logged in with the invited address.
  const me = await (await invited.request.get('/api/v1/me/')).json();
  expect(me.email).toBe(mentor);
  expect(me.email_verified).toBe(true);
  expect(me.memberships.map((m: { programme: string; role: string }) => [m.programme, m.role])).toContainEqual([programme, 'mentor']);
  await context.close();

  // The co-coordinator makes her account through her link: a name and a password; she is then asked to log in again,
  // since coordinators set up two-step verification first.
  const coordinatorContext = await browser.newContext();
  const coPage = await coordinatorContext.newPage();
  await coPage.goto(await invitationLinkTo(coordinator));
  await expect(coPage.getByText('invites you to help run', { exact: false })).toBeVisible();
  await coPage.getByRole('textbox', { name: /^First name/ }).fill('Nora');
  await coPage.locator('input[type=password]').fill('a-long-secret-2026');
  await coPage.getByRole('button', { name: 'Create my account and join' }).click();
  await expect(coPage.getByRole('heading', { level: 1, name: /^You are now a coordinator of / })).toBeVisible();
  await checkAccessibility(coPage, 'invitation-coordinator-joined', project);
  await coordinatorContext.close();

  // The coordinator's table says she joined.
  await page.reload();
  await expect(rowOf(mentor)).toContainText('Joined');
  await expect(rowOf(coordinator)).toContainText('Joined');
  await expect(rowOf(mentor).getByRole('button', { name: 'Revoke' })).toHaveCount(0);

  // Revoking asks first; then the link shows the plain page, the same as any unknown link.
  const revokedLink = await invitationLinkTo(revoked);
  await rowOf(revoked).getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke this invitation?' });
  await expect(dialog).toContainText(revoked);
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(revoked)).toContainText('Revoked');
  await checkAccessibility(page, 'invitations-table', project);

  const stranger = await browser.newContext();
  const opened = await stranger.newPage();
  await opened.goto(revokedLink);
  await expect(opened.getByRole('heading', { level: 1, name: 'This invitation link is no longer valid' })).toBeVisible();
  await checkAccessibility(opened, 'invitation-not-valid', project);
  await opened.goto(`/invitations/${'0'.repeat(64)}`);
  await expect(opened.getByRole('heading', { level: 1, name: 'This invitation link is no longer valid' })).toBeVisible();
  await stranger.close();
});
