// A frontline worker's journey against the real backend with demo data: she joins the peer network in six steps,
// sits a newly opened round out and then takes part after all; the coordinator (through the API) forms and publishes
// the groups; once the follow-up time has passed and the scheduled work has run, she says her group met and rates it.
import { expect, test } from '@playwright/test';
import { apiSession, call, NETWORK_COORDINATOR, NETWORK_SLUG, programmeId, uniqueTag } from './api';
import { runInBackend } from './backend';
import { checkAccessibility } from './support';

type Round = { id: string; status: string };

test('a frontline worker joins the network, opts in to a round and answers the follow-up', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tag = uniqueTag(project);
  const roundName = `Follow-up ${tag}`;
  const coordinator = await apiSession(playwright, baseURL!, NETWORK_COORDINATOR);
  const network = await programmeId(coordinator, NETWORK_SLUG);
  const round = await call<Round>(coordinator, 'POST', `/api/v1/programmes/${network}/rounds/`, {
    name: roundName,
    min_distinct_cities: 2,
    followup_after_days: 14,
  });

  // She joins: about her, her work, languages, topics, what she shares, consent.
  await page.goto('/networks');
  await page.getByRole('link', { name: 'Join as a frontline worker' }).click();
  await expect(page.getByRole('heading', { name: /^Join: .?Frontline peer network/ })).toBeVisible();
  await page.getByLabel(/^First name/).fill('Inès');
  await page.getByLabel(/^Email/).fill(`ines.${tag}@example.org`);
  await page.locator('input[type=password]').fill('a-long-secret-2026');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Your work' })).toBeVisible();
  await page.getByLabel(/^Your role/).selectOption('nurse');
  await page.getByLabel(/^Organisation/).fill('Maison médicale du Nord');
  await page.getByLabel(/^City where you work/).fill('Ghent');
  await page.getByRole('combobox', { name: 'Country' }).fill('Belgium');
  await page.getByRole('option', { name: 'Belgium' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Languages' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Topics' })).toBeVisible();
  await page.getByRole('group', { name: 'Topics I know about' }).getByText('Mental health and psychosocial support').click();
  await page.getByRole('group', { name: 'Topics I want to learn about' }).getByText('Migrant parents and families').click();
  await checkAccessibility(page, 'worker-join-topics', project);
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Availability and contact' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Tuesday evening' }).check();
  // Nothing is shared until she says so; she chooses to show her email to her group.
  await expect(page.getByLabel('Show my email address to my group')).not.toBeChecked();
  await expect(page.getByLabel('Show my phone number to my group')).not.toBeChecked();
  await page.getByLabel('Show my email address to my group').check();
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Your consent' })).toBeVisible();
  await page.getByLabel('I have read this text and agree').check();
  await page.getByRole('button', { name: 'Join the network' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to the network! What happens next' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to my page' }).click();

  // The open round: she takes part unless she sits it out; she sits out, thinks again (after a reload) and opts in.
  await expect(page.getByRole('heading', { name: /^Your peer network:/ })).toBeVisible();
  const choice = page.getByTestId('open-round').filter({ hasText: roundName });
  await expect(choice.getByText('You take part')).toBeVisible();
  await choice.getByRole('button', { name: `Sit out “${roundName}”` }).click();
  await expect(choice.getByText('You sit this round out')).toBeVisible();
  await page.reload();
  await expect(choice.getByText('You sit this round out')).toBeVisible();
  await checkAccessibility(page, 'worker-round-sitting-out', project);
  await choice.getByRole('button', { name: `Take part in “${roundName}”` }).click();
  await expect(choice.getByText('You take part')).toBeVisible();
  await expect(page.getByText('You are not in a group yet.', { exact: false })).toBeVisible();

  // The coordinator forms the groups and publishes them; two weeks later the scheduled work asks each member.
  await call(coordinator, 'POST', `/api/v1/rounds/${round.id}/form/`);
  await expect
    .poll(async () => (await call<Round>(coordinator, 'GET', `/api/v1/rounds/${round.id}/`)).status, { timeout: 60_000 })
    .toBe('draft');
  await call(coordinator, 'POST', `/api/v1/rounds/${round.id}/publish/`);
  await coordinator.dispose();
  runInBackend(
    [
      'import os',
      'from datetime import timedelta',
      'from django.core.management import call_command',
      'from peers.models import Round',
      'round = Round.objects.get(pk=os.environ["E2E_ROUND"])',
      'Round.objects.filter(pk=round.pk).update(published_at=round.published_at - timedelta(days=round.followup_after_days))',
      'call_command("run_scheduled")',
    ].join('\n'),
    { E2E_ROUND: round.id },
  );

  await page.reload();
  // (Current or earlier: a round published since, e.g. by the other peer journey, would be the current one.)
  const group = page.getByTestId('peer-group').filter({ hasText: roundName });
  await expect(group.getByRole('heading', { name: `Your group in “${roundName}”` })).toBeVisible();
  await expect(group.locator('[data-testid="peer-member"][data-me="true"]')).toContainText('Inès (you)');
  await expect(page.getByRole('heading', { name: 'Rounds' })).toBeVisible();
  await expect(choice).toHaveCount(0);
  // Asked, so the question is open without "Answer now"; a rating is offered once she says the group met.
  const question = group.getByRole('radiogroup', { name: 'Did your group meet?' });
  await expect(question).toBeVisible();
  await group.getByRole('button', { name: 'Send my answer' }).click();
  await expect(group.getByText('Please choose yes or no.')).toBeVisible();
  await question.getByRole('radio', { name: 'Yes, we met' }).check();
  await group.getByRole('radiogroup', { name: 'How useful was it?' }).getByRole('radio', { name: '4' }).check();
  await group.getByLabel(/^Anything you want to tell the coordinators/).fill('We met online twice and shared referral contacts.');
  await checkAccessibility(page, 'worker-followup', project);
  await group.getByRole('button', { name: 'Send my answer' }).click();
  await expect(group.getByText('Thank you for your answer')).toBeVisible();
  await expect(group.getByText('You said your group met (rating: 4).')).toBeVisible();

  // She was told when the groups were published and when the follow-up was asked.
  await page.reload();
  await expect(group.getByText('You said your group met (rating: 4).')).toBeVisible();
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await expect(page.getByTestId('notification').filter({ hasText: roundName })).toHaveCount(2);
  await checkAccessibility(page, 'worker-notifications', project);
});

test('a worker reading French joins with French as her language, and no English row she never chose', async ({ page }, testInfo) => {
  const tag = uniqueTag(testInfo.project.name);
  await page.goto('/networks');
  await page.evaluate(() => localStorage.setItem('bridges.language', 'fr'));
  await page.reload();
  await page.getByRole('link', { name: 'Rejoindre en tant que professionnel·le de terrain' }).click();
  await expect(page.getByRole('heading', { name: /^Rejoindre : / })).toBeVisible();
  await page.getByLabel(/^Prénom/).fill('Maëlle');
  await page.getByLabel(/^E-mail/).fill(`maelle.${tag}@example.org`);
  await page.locator('input[type=password]').fill('a-long-secret-2026');
  await page.getByRole('button', { name: 'Suivant' }).click();

  await expect(page.getByRole('heading', { name: 'Votre travail' })).toBeVisible();
  await page.getByLabel(/^Votre fonction/).selectOption('nurse');
  await page.getByLabel(/^Organisation/).fill('Maison médicale du Nord');
  await page.getByLabel(/^Ville où vous travaillez/).fill('Liège');
  await page.getByRole('combobox', { name: 'Pays' }).fill('Belgique');
  await page.getByRole('option', { name: 'Belgique' }).click();
  await page.getByRole('button', { name: 'Suivant' }).click();

  // One row: French, at the top level, as she reads the page in French; "Suivant" goes on at once.
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Langues' })).toBeVisible();
  await expect(main.getByRole('combobox', { name: 'Langue', exact: true })).toHaveCount(1);
  await expect(main.getByRole('combobox', { name: 'Langue', exact: true })).toHaveValue('français');
  await expect(main.getByRole('combobox', { name: 'Niveau', exact: true })).toHaveValue('C2');
  await checkAccessibility(page, 'worker-join-languages-fr', testInfo.project.name);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(main.getByRole('heading', { name: 'Thèmes' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('bridges.language', 'en'));
});
