// What came of a match (issue 17): a mentee whose match ended three months ago, and who agreed to help improve
// matching, is asked by email; she taps "Work" in it, and the page it opens records that answer (with a POST: the
// link itself records nothing), thanks her and keeps the answers there to change it. The same page reads right to
// left in Arabic. The backend makes the ended match and asks the question (the daily task), and says which link
// the email carries.
import { expect, test } from '@playwright/test';
import { MENTORING_SLUG, uniqueTag } from './api';
import { runInBackend } from './backend';
import { checkAccessibility } from './support';

/** An ended match of a new mentee in the demo's mentoring programme, asked what came of it: her link's path. */
function askedMentee(tag: string, language: string): string {
  const output = runInBackend(`
from datetime import timedelta
from django.utils import timezone
from accounts.models import User
from mentoring.models import Match
from outcomes.models import OutcomeRequest
from outcomes.services import outcome_questions_ask
from outcomes.tokens import answer_link
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose
from privacy.services import consent_give
from profiles.models import Profile
from programmes.models import Membership, Programme, Role

now = timezone.now()
programme = Programme.objects.get(slug=${JSON.stringify(MENTORING_SLUG)})
people = []
for role, name in ((Role.MENTEE, "Nour"), (Role.MENTOR, "Greta")):
    user = User.objects.create_user(email=f"{role}.${tag}@example.org", display_name=name, preferred_language=${JSON.stringify(language)})
    membership = Membership.objects.create(user=user, programme=programme, role=role)
    people.append(Profile.objects.create(membership=membership, capacity=1 if role == Role.MENTOR else None))
    for purpose in (ConsentPurpose.PROGRAMME, ConsentPurpose.IMPROVE_MATCHING):
        version = consent_asked(programme=programme, purpose=purpose).version
        consent_give(user=user, programme=programme, purpose=purpose, version=version, now=now)
match = Match.objects.create(
    programme=programme, mentee=people[0], mentor=people[1], state="closed",
    offered_at=now - timedelta(days=300), accepted_at=now - timedelta(days=290),
    closed_at=now - timedelta(days=92), completed=True,
)
outcome_questions_ask(now=now, site="")
question = OutcomeRequest.objects.get(match=match, user=people[0].membership.user)
print("LINK " + answer_link(question, "", "work"))
`);
  const line = output.trim().split('\n').findLast((text) => text.startsWith('LINK '));
  return line!.slice('LINK '.length);
}

function recordedAnswer(tag: string): string {
  const output = runInBackend(`
from outcomes.models import Outcome
outcome = Outcome.objects.get(respondent__email="mentee.${tag}@example.org")
print("ANSWER " + outcome.kind + " " + outcome.source + " " + outcome.checkpoint)
`);
  return output.trim().split('\n').findLast((text) => text.startsWith('ANSWER '))!.slice('ANSWER '.length);
}

test('a mentee answers what came of her match with one tap in the email, then changes her answer', async ({ page }, testInfo) => {
  const tag = uniqueTag(testInfo.project.name).toLowerCase();
  const link = askedMentee(tag, 'en');
  expect(link).toMatch(/^\/outcomes\/[0-9a-f]{64}\?answer=work$/);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: /What came of your mentoring in/ })).toBeVisible();
  await expect(page.getByText('Your answer is saved: Work.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Work', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(recordedAnswer(tag)).toBe('work self 3m');
  await page.getByRole('button', { name: 'A training place' }).click();
  await expect(page.getByText('Your answer is saved: A training place.')).toBeVisible();
  expect(recordedAnswer(tag)).toBe('training self 3m');
  await checkAccessibility(page, 'outcome-answer', testInfo.project.name);
});

test('the answer page reads right to left in Arabic', async ({ page }, testInfo) => {
  const tag = uniqueTag(`${testInfo.project.name}ar`).toLowerCase();
  const link = askedMentee(tag, 'ar');
  await page.goto(link.replace('?answer=work', ''));
  await expect(page.getByRole('heading', { level: 1, name: /What came of your mentoring in/ })).toBeVisible();
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: 'دورة لغة' }).click();
  await expect(page.getByText('حُفظت إجابتك: دورة لغة.')).toBeVisible();
  expect(recordedAnswer(tag)).toBe('language_course self 3m');
  await checkAccessibility(page, 'outcome-answer-ar', testInfo.project.name);
  await page.locator('select[aria-label="اللغة"]').selectOption('en');
});
