// Learning from outcomes, end to end (issue 17's "done when"): a programme of the journey's own with an outcome
// history (past matches, each with what came of it six months on: pairs of the same sector sharing a good language
// led to work or training far more often) and the success model trained on it. Its coordinator reads the model card,
// switches the learned part on with a weight in the settings, runs matching, and finds the new reason on the
// proposals ("pairs like this often led to work or training") and, in the run panel, that the run used the model,
// with the group report of the mentees' languages with and without the learned part.
import { expect, test } from '@playwright/test';
import { uniqueTag } from './api';
import { runInBackend } from './backend';
import { checkAccessibility, logIn } from './support';

function seedProgrammeWithHistory(tag: string): string {
  const output = runInBackend(`
import random
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from accounts.models import User
from learning.demo import model_train_now, outcome_history_seed
from profiles.management.commands.load_demo import (
    DEMO_PASSWORD, DEMO_TOTP_SECRET, MENTORING_TEXTS, _demo_mentee, _demo_mentor, _save_people,
)
from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role
tag, now = ${JSON.stringify(tag)}.lower(), timezone.now()
programme = Programme.objects.create(
    organisation=Organisation.objects.order_by("created_at").first(), kind=ProgrammeKind.MENTORING,
    slug=f"learning-{tag}", name=f"Learning {tag}", texts={**MENTORING_TEXTS, "name": {"en": f"Learning {tag}"}},
    city="Berlin", country="DE", online=True, languages=["de", "en", "ar", "uk", "fa"], signup_open=False,
)
coordinator = User.objects.create(
    email=f"coordinator.learning.{tag}@example.org", display_name="Jana", full_name="Jana Vogel",
    password=make_password(DEMO_PASSWORD),
)
Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
TOTP.activate(coordinator, DEMO_TOTP_SECRET)
rng, people = random.Random(17), []
for index in range(60):
    first, family, ui, profile, languages, sectors = _demo_mentee(rng)
    user = User(email=f"mentee{index:03d}.{tag}@example.org", display_name=first, full_name=f"{first} {family}",
                preferred_language=ui, password="!")
    people.append((user, programme, Role.MENTEE, profile, languages, sectors))
for index in range(26):
    first, display, full, profile, languages, sectors = _demo_mentor(rng, Role.MENTOR, now, None)
    profile.verified_at = now
    user = User(email=f"mentor{index:03d}.{tag}@example.org", display_name=display, full_name=full, password="!")
    people.append((user, programme, Role.MENTOR, profile, languages, sectors))
_save_people(people, now)
outcome_history_seed(programme=programme, now=now, matches=260, seed=17)
model = model_train_now(programme=programme, now=now)
assert model is not None and model.status == "ready", model and model.status
print(coordinator.email)
`);
  return output.trim().split('\n').at(-1)!;
}

test('a coordinator reads the model card, gives the learned part a weight, runs matching and sees the new reason', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000); // the seeding trains a model, and the run predicts every pair's chance
  const project = testInfo.project.name;
  const coordinator = seedProgrammeWithHistory(uniqueTag(project));
  await logIn(page, coordinator);
  await page.goto('/coordinator');

  // The model card: trained on the history, with its plots.
  await page.getByRole('link', { name: 'Success model' }).click();
  const card = page.getByTestId('model-card');
  await expect(card.getByTestId('model-words')).toContainText('Trained on 260 past matches');
  await expect(card.getByTestId('model-auc')).toContainText(/AUC 0\.\d+/);
  await expect(card.getByTestId('learning-figure')).toHaveCount(3);
  await page.goBack();

  // The learned part gets a weight in the settings (0, off, until she gives it one).
  await page.getByRole('tab', { name: 'Settings' }).click();
  const learning = page.getByTestId('learning-settings');
  const weight = learning.getByLabel('Learned weight');
  await expect(weight).toHaveValue('0');
  await weight.fill('0.5');
  await learning.getByRole('button', { name: 'Save learning settings' }).click();
  await expect(learning.getByText('Saved.')).toBeVisible();

  // A run with the learned part: the run panel says the model was used, and the proposals give the new reason.
  await page.getByRole('tab', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Start a matching run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/100%.*Done/, { timeout: 120_000 });
  const report = page.getByTestId('run-learning');
  await expect(report).toContainText('This run also scored pairs by how often pairs like them reached the goal');
  await expect(report).toContainText(/weight 0\.50?\b/);
  await checkAccessibility(page, 'run-learning', project);
  await page.getByRole('button', { name: 'Review the proposals' }).click();
  await expect(page.getByTestId('proposal-row').first()).toBeVisible();
  const reason = page.getByTestId('proposal-row').filter({ hasText: /Pairs like this often led to work or training within 6 months: \d+ % against \d+ % of all past pairs/ });
  await expect(reason.first()).toBeVisible();
  await checkAccessibility(page, 'proposals-learned-reason', project);
});
