// A coordinator's day against the real backend with demo data: she verifies a mentor who waits, approves several
// proposals of a matching run at once, rejects one with a reason, and matches a mentee by hand, confirming the pair
// and offering it. The waiting mentor and the hand-matched mentee sign up through the API, with unique names.
import { expect, test } from '@playwright/test';
import { BERLIN_COORDINATOR, call, menteeSignUp, mentorSignUp, MENTORING_SLUG, programmeId, signUp, uniqueTag } from './api';
import { checkAccessibility, logIn } from './support';

test('a coordinator verifies a mentor, approves proposals in bulk, rejects one and confirms a hand-made match', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tag = uniqueTag(project);
  const anonymous = await playwright.request.newContext({ baseURL });
  const programme = await programmeId(anonymous, MENTORING_SLUG);
  await anonymous.dispose();
  const mentorName = `Greta Verify ${tag}`;
  const mentor = await signUp(playwright, baseURL!, programme, mentorSignUp(`greta.verify.${tag}@example.org`, 'Greta', mentorName, 2));
  await mentor.api.dispose();

  await logIn(page, BERLIN_COORDINATOR);
  await expect(page.getByRole('heading', { name: /Dashboard:/ })).toBeVisible();

  // Verify the mentor who waits: she leaves the list and is told so.
  await page.getByRole('tab', { name: 'Verify mentors' }).click();
  const verify = page.getByRole('button', { name: `Verify ${mentorName}` });
  await expect(verify).toBeVisible();
  await checkAccessibility(page, 'coordinator-verify', project);
  await verify.click();
  await expect(page.getByRole('status')).toHaveText(`${mentorName} is verified.`);
  await expect(verify).toHaveCount(0);

  // A run, then approve three proposals at once (none with the new mentor, kept free for the hand-made match).
  await page.getByRole('tab', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Start a matching run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/100%.*Done/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Review the proposals' }).click();
  const others = page.locator(`[data-testid="proposal-row"]:not([data-mentor-profile="${mentor.profile}"])`);
  await expect(others.first()).toBeVisible();
  const chosen: string[] = [];
  for (let index = 0; index < 3; index++) {
    const row = others.nth(index);
    chosen.push((await row.getAttribute('data-mentee-profile'))!);
    await row.getByRole('checkbox').check();
  }
  const bulk = page.getByRole('button', { name: 'Approve selected (3)' });
  await expect(bulk).toBeEnabled();
  await checkAccessibility(page, 'coordinator-bulk-selected', project);
  await bulk.click();
  await expect(page.getByRole('status')).toHaveText(/^3 approved$/);
  for (const mentee of chosen) await expect(page.locator(`[data-testid="proposal-row"][data-mentee-profile="${mentee}"]`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Approve selected (0)' })).toBeDisabled();

  // Reject one pair, with a reason (required).
  const rejected = others.first();
  const rejectedMentee = (await rejected.getAttribute('data-mentee-profile'))!;
  const rejectedMentor = (await rejected.getAttribute('data-mentor-profile'))!;
  await rejected.getByRole('button', { name: /^Reject:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Reject this pair' });
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(dialog.getByText('Please give a reason.')).toBeVisible();
  await dialog.getByLabel(/^Why\?/).fill('They already know each other from work.');
  await checkAccessibility(page, 'coordinator-reject', project);
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-mentee-profile="${rejectedMentee}"][data-mentor-profile="${rejectedMentor}"]`)).toHaveCount(0);

  // A mentee who signed up after the run, matched by hand with the mentor just verified.
  const menteeName = `Noor Hand ${tag}`;
  const mentee = await signUp(playwright, baseURL!, programme, menteeSignUp(`noor.hand.${tag}@example.org`, 'Noor', menteeName));
  await mentee.api.dispose();
  await page.getByRole('tab', { name: 'Match by hand' }).click();
  await page.getByTestId('picker-mentee').fill(menteeName);
  await page.getByRole('listbox', { name: 'Mentee' }).getByRole('option', { name: new RegExp(`^${menteeName}`) }).click();
  await page.getByTestId('picker-mentor').fill(mentorName);
  await page.getByRole('listbox', { name: 'Mentor or employer' }).getByRole('option', { name: new RegExp(`^${mentorName}`) }).click();
  await expect(page.getByTestId('score-breakdown')).toBeVisible();
  const confirm = page.getByRole('button', { name: 'Propose Noor with Greta' });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page.getByRole('status')).toHaveText('Proposal created: Noor with Greta. Approve it under Proposals.');
  await checkAccessibility(page, 'coordinator-hand-confirmed', project);

  // The hand-made pair is a proposal like any other, listed by score twenty at a time: approve it, and it is offered.
  await page.getByRole('tab', { name: 'Proposals' }).click();
  const handRow = page.locator(`[data-testid="proposal-row"][data-mentee-profile="${mentee.profile}"]`);
  await expect(page.getByTestId('proposal-row').first()).toBeVisible();
  for (let pages = 0; pages < 30 && (await handRow.count()) === 0; pages++) {
    const shown = await page.getByTestId('proposal-row').count();
    await page.getByRole('button', { name: 'Show more pairs' }).click();
    await expect(page.getByTestId('proposal-row')).not.toHaveCount(shown);
  }
  await expect(handRow).toHaveAttribute('data-mentor-profile', mentor.profile);
  await handRow.getByRole('button', { name: /^Approve:/ }).click();
  await expect(handRow).toHaveCount(0);
  const offered = await call<{ results: { state: string; source: string }[] }>(
    page.request,
    'GET',
    `/api/v1/programmes/${programme}/matches/?mentee=${mentee.profile}`,
  );
  expect(offered.results).toEqual([expect.objectContaining({ state: 'offered', source: 'hand' })]);
  const rejectedMatches = await call<{ results: { state: string; reason_text: string }[] }>(
    page.request,
    'GET',
    `/api/v1/programmes/${programme}/matches/?mentee=${rejectedMentee}&mentor=${rejectedMentor}`,
  );
  expect(rejectedMatches.results).toContainEqual(expect.objectContaining({ state: 'rejected', reason_text: 'They already know each other from work.' }));
});
