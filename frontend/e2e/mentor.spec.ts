// A mentor's own journey against the real backend with demo data: a coordinator (through the API) verifies a new
// mentor, pairs her with a new mentee and offers the pair; the mentor declines the offer with a reason from the list
// and a few words, then marks herself unavailable and changes her capacity, which stay so after a reload.
import { expect, test } from '@playwright/test';
import { apiSession, BERLIN_COORDINATOR, call, menteeSignUp, mentorSignUp, MENTORING_SLUG, programmeId, signUp, uniqueTag } from './api';
import { checkAccessibility, logIn } from './support';

test('a mentor declines an offer with a reason, then marks herself unavailable and changes her capacity', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const project = testInfo.project.name;
  const tag = uniqueTag(project);
  const coordinator = await apiSession(playwright, baseURL!, BERLIN_COORDINATOR);
  const programme = await programmeId(coordinator, MENTORING_SLUG);

  // Her own mentor and mentee, so that no other journey's matching run or approval gets in the way.
  const mentorEmail = `greta.${tag}@example.org`;
  const mentor = await signUp(playwright, baseURL!, programme, mentorSignUp(mentorEmail, 'Greta', `Greta Decline ${tag}`, 3));
  const mentee = await signUp(playwright, baseURL!, programme, menteeSignUp(`noor.${tag}@example.org`, 'Noor', `Noor Offer ${tag}`));
  await Promise.all([mentor.api.dispose(), mentee.api.dispose()]);
  await call(coordinator, 'POST', `/api/v1/profiles/${mentor.profile}/verify/`);
  const match = await call<{ id: string }>(coordinator, 'POST', `/api/v1/programmes/${programme}/matches/`, {
    mentee: mentee.profile,
    mentor: mentor.profile,
  });
  await call(coordinator, 'POST', `/api/v1/matches/${match.id}/approve/`);

  await logIn(page, mentorEmail);
  await expect(page.getByRole('heading', { name: 'Offers waiting for your answer' })).toBeVisible();
  const offer = page.getByRole('article', { name: /^Proposed mentee:/ });
  await expect(offer).toHaveCount(1);
  await offer.getByRole('button', { name: 'Decline' }).click();
  const dialog = page.getByRole('dialog', { name: 'Decline this offer' });
  // The reason is required: sending without one says so at the list.
  await dialog.getByRole('button', { name: 'Decline' }).click();
  await expect(dialog.getByText('Please fill this in.')).toBeVisible();
  await dialog.getByRole('radio', { name: 'I don\'t have time now' }).check();
  await dialog.getByLabel('Something to add (optional)').fill('I start a new job next month; please ask me again in spring.');
  await checkAccessibility(page, 'mentor-decline', project);
  await dialog.getByRole('button', { name: 'Decline' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Earlier' })).toBeVisible();
  await expect(page.getByRole('article', { name: /^Proposed mentee:/ }).getByText('Declined', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Offers waiting for your answer' })).toHaveCount(0);

  // The coordinator sees who declined, with the reason code and her words.
  const declined = await call<{ state: string; reason_code: string; reason_text: string; closed_by_role: string }>(
    coordinator,
    'GET',
    `/api/v1/matches/${match.id}/`,
  );
  expect(declined).toMatchObject({ state: 'declined', reason_code: 'no_time', closed_by_role: 'mentor' });
  expect(declined.reason_text).toContain('new job');

  // Her availability: no new mentees for now, and at most two at once later.
  const settings = page.locator('form').filter({ has: page.getByRole('heading', { name: 'My availability' }) });
  const available = settings.getByLabel('I can take new mentees');
  const capacity = settings.getByLabel('How many mentees at the same time');
  await expect(available).toBeChecked();
  await expect(capacity).toHaveValue('3');
  await available.uncheck();
  await capacity.fill('2');
  await checkAccessibility(page, 'mentor-availability', project);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved.');

  await page.reload();
  await expect(settings.getByLabel('I can take new mentees')).not.toBeChecked();
  await expect(settings.getByLabel('How many mentees at the same time')).toHaveValue('2');
  const profile = await call<{ available: boolean; capacity: number }>(coordinator, 'GET', `/api/v1/profiles/${mentor.profile}/`);
  expect(profile).toMatchObject({ available: false, capacity: 2 });
  await coordinator.dispose();
});
