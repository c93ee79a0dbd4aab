// Getting in touch safely, against the real backend: a coordinator (through the API) pairs a new mentor and a new
// mentee and the mentor accepts; the mentee, in Arabic, writes mixed Arabic and Latin text; the mentor, in English,
// sees the unread count in the header, reads and answers, then reports the mentee's message with an excerpt and
// blocks her; neither can write any more, nor see the other's words. A first meeting is proposed in Arabic, picked
// in English, and its invitations are read from both mailboxes. Each page is checked with axe.
import { type APIRequestContext, expect, type PlaywrightWorkerArgs, test } from '@playwright/test';
import { apiSession, BERLIN_COORDINATOR, call, menteeSignUp, mentorSignUp, MENTORING_SLUG, programmeId, signUp, uniqueTag } from './api';
import { invitationsTo } from './backend';
import { checkAccessibility, logIn } from './support';

// Her browser's zone (the mentor's context sets its own): the invitations name both.
test.use({ timezoneId: 'Europe/Berlin' });

const MIXED = 'مرحبا كارلا! هل يناسبك يوم الأربعاء في Stadtbibliothek؟ https://meet.example.org/abc';

/** A new mentor and mentee of the Berlin programme, matched by the coordinator and accepted by the mentor. */
async function acceptedPair(
  playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, coordinator: APIRequestContext, tag: string, names: [string, string]) {
  const programme = await programmeId(coordinator, MENTORING_SLUG);
  const mentorEmail = `${names[0].toLowerCase()}.${tag}@example.org`;
  const menteeEmail = `${names[1].toLowerCase()}.${tag}@example.org`;
  const mentor = await signUp(playwright, baseURL, programme, mentorSignUp(mentorEmail, names[0], `${names[0]} Talk ${tag}`, 2));
  const mentee = await signUp(playwright, baseURL, programme, menteeSignUp(menteeEmail, names[1], `${names[1]} Talk ${tag}`));
  await call(coordinator, 'POST', `/api/v1/profiles/${mentor.profile}/verify/`);
  const match = await call<{ id: string }>(coordinator, 'POST', `/api/v1/programmes/${programme}/matches/`, {
    mentee: mentee.profile,
    mentor: mentor.profile,
  });
  await call(coordinator, 'POST', `/api/v1/matches/${match.id}/approve/`);
  await call(mentor.api, 'POST', `/api/v1/matches/${match.id}/accept/`);
  await Promise.all([mentor.api.dispose(), mentee.api.dispose()]);
  return { programme, match: match.id, mentorEmail, menteeEmail };
}

test('a matched pair writes in Arabic and English; a report with the message and a block end the conversation', async ({
  browser,
  page,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tag = uniqueTag(project);
  const coordinator = await apiSession(playwright, baseURL!, BERLIN_COORDINATOR);
  const pair = await acceptedPair(playwright, baseURL!, coordinator, tag, ['Carla', 'Amal']);
  const { programme, mentorEmail, menteeEmail } = pair;
  const match = { id: pair.match };

  // The mentee, in Arabic: the safety note first, then her message, right to left with its Latin words in place.
  await logIn(page, menteeEmail);
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('banner').getByTestId('messages-link').click();
  const entry = page.getByTestId('conversation');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Carla');
  await entry.getByRole('link').first().click();
  await expect(page.getByTestId('safety-note')).toBeVisible();
  await page.getByLabel('رسالتك').fill(MIXED);
  await page.getByRole('button', { name: 'إرسال' }).click();
  const mine = page.getByTestId('message-text').filter({ hasText: 'Stadtbibliothek' });
  await expect(mine).toHaveAttribute('dir', 'auto');
  // A link is text, never a link, and comes with a warning.
  await expect(page.getByTestId('message').getByRole('link')).toHaveCount(0);
  await expect(page.getByTestId('link-warning')).toBeVisible();
  await expect(page.getByLabel('رسالتك')).toHaveValue('');
  await checkAccessibility(page, 'messages-conversation-ar', project);

  // The mentor, in English, in her own browser: the header counts one unread message.
  const mentorContext = await browser.newContext({ ...testInfo.project.use, baseURL });
  const mentorPage = await mentorContext.newPage();
  await logIn(mentorPage, mentorEmail);
  const link = mentorPage.getByRole('banner').getByTestId('messages-link');
  await expect(link).toContainText('1 unread message');
  await link.click();
  await expect(mentorPage.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
  await checkAccessibility(mentorPage, 'messages-list', project);
  await mentorPage.getByTestId('conversation').getByRole('link').first().click();
  await expect(mentorPage.getByTestId('message-text').filter({ hasText: 'Stadtbibliothek' })).toBeVisible();
  await mentorPage.getByLabel('Your message').fill('Wednesday works for me. See you at the library café!');
  await mentorPage.getByRole('button', { name: 'Send' }).click();
  await expect(mentorPage.getByTestId('message-text').filter({ hasText: 'Wednesday works' })).toBeVisible();
  await expect(link).not.toContainText('unread');

  // She reports the mentee's message, with it attached, and blocks her.
  await mentorPage.getByRole('button', { name: 'Report the message from Amal' }).click();
  const dialog = mentorPage.getByRole('dialog', { name: 'Report a message' });
  await dialog.getByRole('radio', { name: 'Harassment or unwanted contact' }).check();
  await dialog.getByLabel('Also block this person').check();
  // Ticking the last box scrolled the dialog: back at its top, no choice sits under its sticky title for axe.
  await mentorPage.locator('.mantine-Modal-content').evaluate((element) => element.scrollTo(0, 0));
  await checkAccessibility(mentorPage, 'messages-report', project);
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(mentorPage.getByText('The coordinators have your report')).toBeVisible();
  await mentorPage.keyboard.press('Escape');
  await expect(mentorPage.getByTestId('closed-reason')).toBeVisible();
  await expect(mentorPage.getByLabel('Your message')).toHaveCount(0);

  // The coordinators got the report with the excerpt she chose; they still cannot open the conversation.
  const reports = await call<{ results: { match: string; excerpt: { sender: string; text: string }[] }[] }>(
    coordinator,
    'GET',
    `/api/v1/programmes/${programme}/safety-reports/`,
  );
  const report = reports.results.find((found) => found.match === match.id);
  expect(report?.excerpt).toEqual([expect.objectContaining({ sender: 'reported', text: MIXED })]);
  const closed = await coordinator.get(`/api/v1/conversations/matches/${match.id}/messages/`);
  expect(closed.status()).toBe(404);

  // The mentee can write no more; she keeps her own words, and no longer sees those of the person who blocked her.
  await page.reload();
  await expect(page.getByTestId('closed-reason')).toBeVisible();
  await expect(page.getByTestId('message-text').filter({ hasText: 'Stadtbibliothek' })).toBeVisible();
  await expect(page.getByTestId('message-text').filter({ hasText: 'Wednesday works' })).toHaveCount(0);
  await mentorContext.close();
  await coordinator.dispose();
});

test('a first meeting is proposed in Arabic and picked in English; both calendars get the invitation in their own zone', async ({
  browser,
  page,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const coordinator = await apiSession(playwright, baseURL!, BERLIN_COORDINATOR);
  const pair = await acceptedPair(playwright, baseURL!, coordinator, uniqueTag(project), ['Mira', 'Hana']);
  const health = async () =>
    (await call<{ first_meetings: { booked: number } }>(coordinator, 'GET', `/api/v1/programmes/${pair.programme}/health/`)).first_meetings.booked;
  const bookedBefore = await health();

  // The mentee, in Arabic, goes from her match to its conversation and proposes one of the suggested times (from
  // the mentor's free evenings) at a public place.
  await logIn(page, pair.menteeEmail);
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('/me');
  await page.getByTestId('match-messages').click();
  await expect(page).toHaveURL(new RegExp(`/messages/match/${pair.match}$`));
  const panel = page.getByTestId('first-meeting');
  await expect(panel.getByRole('heading', { name: 'اللقاء الأول' })).toBeVisible();
  await panel.getByRole('checkbox').first().check();
  await panel.getByLabel(/المكان العام/).fill('Stadtbibliothek, مقهى الطابق الأرضي');
  await checkAccessibility(page, 'meeting-propose-ar', project);
  await panel.getByRole('button', { name: 'اقتراح هذه المواعيد' }).click();
  await expect(panel.getByTestId('meeting-waiting')).toBeVisible();
  const herZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);

  // The mentor, in English and in Lisbon, picks it; both see the booking.
  const mentorContext = await browser.newContext({ ...testInfo.project.use, baseURL, timezoneId: 'Europe/Lisbon' });
  const mentorPage = await mentorContext.newPage();
  await logIn(mentorPage, pair.mentorEmail);
  await mentorPage.goto(`/messages/match/${pair.match}`);
  const mentorPanel = mentorPage.getByTestId('first-meeting');
  await mentorPanel.getByRole('radio').first().check();
  await checkAccessibility(mentorPage, 'meeting-pick', project);
  await mentorPanel.getByRole('button', { name: 'Choose this time' }).click();
  await expect(mentorPanel.getByTestId('meeting-booked')).toContainText('Stadtbibliothek');
  await page.reload();
  await expect(panel.getByTestId('meeting-booked')).toContainText('Stadtbibliothek');

  // Each mailbox has one invitation, in its owner's language and time zone, for the same moment, naming only her.
  const [hers] = invitationsTo(pair.menteeEmail);
  const [theirs] = invitationsTo(pair.mentorEmail);
  expect(hers).toMatchObject({ subject: 'تم تحديد موعد لقائك', method: 'REQUEST', tzid: herZone, attendee: `mailto:${pair.menteeEmail}` });
  expect(theirs).toMatchObject({ subject: 'Your meeting is booked', method: 'REQUEST', tzid: 'Europe/Lisbon', attendee: `mailto:${pair.mentorEmail}` });
  expect(Date.parse(hers!.start)).toBe(Date.parse(theirs!.start));
  expect(hers!.location).toBe('Stadtbibliothek, مقهى الطابق الأرضي');
  for (const invitation of [hers!, theirs!]) {
    expect(invitation.body).not.toContain('Mira');
    expect(invitation.body).not.toContain('Hana');
  }

  // The coordinators' figures count it; where and when stay between the two.
  expect(await health()).toBe(bookedBefore + 1);
  const meeting = await coordinator.get(`/api/v1/conversations/matches/${pair.match}/meeting/`);
  expect(meeting.status()).toBe(404);
  await mentorContext.close();
  await coordinator.dispose();
});
