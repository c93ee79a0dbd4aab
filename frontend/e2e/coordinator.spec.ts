// A coordinator's day against the real backend with demo data: she verifies a mentor who waits, approves several
// proposals of a matching run at once, rejects one with a reason, and matches a mentee by hand, confirming the pair
// and offering it. The waiting mentor and the hand-matched mentee sign up through the API, with unique names.
import { expect, test } from '@playwright/test';
import { BERLIN_COORDINATOR, call, menteeSignUp, mentorSignUp, MENTORING_SLUG, programmeId, signUp, uniqueTag } from './api';
import { runInBackend } from './backend';
import { checkAccessibility, logIn } from './support';

/**
 * A programme of its own with a coordinator (the demo's password and TOTP secret) and a run's worth of proposals,
 * more than the list shows on one page and more than the API sends at once (200): each mentee with a verified
 * mentor who has a place for her, best score first. Made in the backend's database, as a run would leave them.
 */
function seedLongRun(tag: string, proposals: number): { programme: string; coordinator: string } {
  const output = runInBackend(`
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from accounts.models import User
from mentoring.models import Match
from profiles.management.commands.load_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from profiles.models import Profile
from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role
tag, count, now = ${JSON.stringify(tag)}, ${proposals}, timezone.now()
programme = Programme.objects.create(
    organisation=Organisation.objects.order_by("created_at").first(),
    kind=ProgrammeKind.MENTORING, slug=f"long-run-{tag.lower()}", name=f"Long run {tag}", city="Berlin", country="DE",
    online=True, languages=["de", "en"], signup_open=False,  # not on the public home page of the other journeys
)
coordinator = User.objects.create(
    email=f"coordinator.{tag.lower()}@example.org", display_name="Lena", full_name="Lena Lang",
    password=make_password(DEMO_PASSWORD),
)
Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
TOTP.activate(coordinator, DEMO_TOTP_SECRET)

def people(role, how_many, name, **profile):
    users = User.objects.bulk_create(
        User(email=f"{name.lower()}{i:03d}.{tag.lower()}@example.org", display_name=f"{name} {i:03d}",
             full_name=f"{name} {i:03d}", password="!")
        for i in range(1, how_many + 1)
    )
    memberships = Membership.objects.bulk_create(Membership(user=u, programme=programme, role=role) for u in users)
    return Profile.objects.bulk_create(
        Profile(membership=m, city="Berlin", country="DE", online=True, **profile) for m in memberships
    )

mentees = people(Role.MENTEE, count, "Mentee")
mentors = people(Role.MENTOR, -(-count // 10), "Mentor", capacity=10, verified_at=now)
Match.objects.bulk_create(
    Match(programme=programme, mentee=mentee, mentor=mentors[i // 10], score=round(0.99 - i / 1000, 3))
    for i, mentee in enumerate(mentees)
)
print(programme.pk, coordinator.email)
`);
  const [programme, coordinator] = output.trim().split('\n').at(-1)!.split(' ');
  return { programme: programme!, coordinator: coordinator! };
}

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

  // A mentee who shares no language with any mentor: the run cannot place her, and says so.
  const islandName = `Mbali Island ${tag}`;
  const islandSignUp = menteeSignUp(`mbali.island.${tag}@example.org`, 'Mbali', islandName) as { profile: Record<string, unknown> };
  islandSignUp.profile = { ...islandSignUp.profile, languages: [{ code: 'ln', level: 'C2' }], city: 'Leipzig' };
  const island = await signUp(playwright, baseURL!, programme, islandSignUp);
  await island.api.dispose();

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
  // the engine proved that no other set of pairs scores more, and says so
  await expect(page.getByTestId('run-proof')).toContainText('Best possible — proven');
  await expect(page.getByTestId('run-proof')).toContainText(/Checked against every possible pair in \d+ pass/);
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

  // One pair approved on its own: the coordinator is told, in place of the earlier "3 approved".
  const single = others.first();
  const singleMentee = (await single.getAttribute('data-mentee-profile'))!;
  await single.getByRole('button', { name: /^Approve:/ }).click();
  await expect(page.getByRole('status')).toHaveText(/^1 approved$/);
  await expect(page.locator(`[data-testid="proposal-row"][data-mentee-profile="${singleMentee}"]`)).toHaveCount(0);

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
  // The message says what just happened: no stale "1 approved" after a rejection.
  await expect(page.getByRole('status')).toHaveText(/^1 rejected$/);

  // The mentee no mentor could take is listed by full name and city, with why, and her record is one tap away.
  await page.getByRole('tab', { name: 'Waiting' }).click();
  const waiting = page.getByTestId('unmatched-mentee').filter({ hasText: islandName });
  await expect(waiting).toContainText(`${islandName} · Leipzig`);
  await expect(waiting).toContainText('No shared language');
  await waiting.getByRole('button', { name: `Open the record of ${islandName}` }).click();
  const record = page.getByRole('dialog', { name: 'Mentee record' });
  await expect(record).toBeVisible();
  await expect(record).toContainText(islandName);
  await checkAccessibility(page, 'coordinator-unmatched-record', project);
  await page.keyboard.press('Escape');
  await expect(record).toBeHidden();

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

  // The hand-made pair is a proposal like any other, listed by score fifty to a page: approve it, and it is offered.
  // Reloaded, so that the first page is not the one kept from before the hand-made pair while it is fetched again.
  await page.reload();
  await page.getByRole('tab', { name: 'Proposals' }).click();
  const handRow = page.locator(`[data-testid="proposal-row"][data-mentee-profile="${mentee.profile}"]`);
  await expect(page.getByTestId('proposal-row').first()).toBeVisible();
  for (let pages = 0; pages < 30 && (await handRow.count()) === 0; pages++) {
    const range = (await page.getByTestId('proposals-range').textContent())!;
    await page.getByRole('navigation', { name: 'Pages of proposals' }).getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByTestId('proposals-range')).not.toHaveText(range);
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

test('a coordinator pages to the last of 260 proposals and approves all of them, on every page', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const total = 260;
  const { programme, coordinator } = seedLongRun(uniqueTag(testInfo.project.name), total);

  await logIn(page, coordinator);
  await expect(page.getByRole('heading', { name: /Dashboard:/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Proposals' }).click();
  const range = page.getByTestId('proposals-range');
  await expect(range).toHaveText(`Showing 1–50 of ${total} pairs`);
  await expect(page.getByTestId('proposal-row')).toHaveCount(50);

  // A later page is one to act on like the first: approve its first pair on its own.
  const pages = page.getByRole('navigation', { name: 'Pages of proposals' });
  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(range).toHaveText(`Showing 51–100 of ${total} pairs`);
  await page.getByTestId('proposal-row').first().getByRole('button', { name: /^Approve:/ }).click();
  const left = total - 1;
  await expect(range).toHaveText(`Showing 51–100 of ${left} pairs`);

  // The last ones, beyond the 200 the API sends at once, are there.
  await pages.getByRole('button', { name: 'Last page' }).click();
  await expect(range).toHaveText(`Showing 251–${left} of ${left} pairs`);
  await expect(page.getByTestId('proposal-row')).toHaveCount(9);
  await expect(page.getByTestId('proposal-row').last()).toContainText(`Mentee ${total}`);
  await checkAccessibility(page, 'coordinator-proposals-last-page', testInfo.project.name);

  // Select this page, then every page: the button says how many, and all of them are approved.
  await page.getByRole('checkbox', { name: 'Select all pairs on this page' }).check();
  await page.getByRole('button', { name: `Select all ${left} pairs, on every page` }).click();
  await expect(page.getByText(`All ${left} pairs are selected, on every page.`)).toBeVisible();
  await page.getByRole('button', { name: `Approve all (${left})` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'approved' })).toHaveText(`${left} approved`, { timeout: 120_000 });
  await expect(page.getByText('No proposals to review. Start a matching run first.')).toBeVisible();

  // The server agrees: none is left proposed, and every one is offered.
  const count = async (state: string) =>
    (await call<{ count: number }>(page.request, 'GET', `/api/v1/programmes/${programme}/matches/?state=${state}&page_size=1`)).count;
  expect(await count('proposed')).toBe(0);
  expect(await count('offered')).toBe(total);
});
