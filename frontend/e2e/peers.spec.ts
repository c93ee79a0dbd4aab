// The peer network against the real backend with demo data: the network's coordinator opens a round, forms the
// groups watching the progress, moves a person (confirming the rules it breaks, if any) and publishes; a frontline
// worker then sees her group and the contact details its members chose to share, writes to her group from its card,
// and another member answers in Arabic. Each page is checked with axe.
import { expect, test } from '@playwright/test';
import { runInBackend } from './backend';
import { checkAccessibility, logIn, logOut } from './support';

const COORDINATOR = 'coordinator.network@demo.bridges.example';
const WORKER = 'worker@demo.bridges.example'; // Sofia in Brussels; she does not share her own contact details

test('a coordinator forms and publishes peer groups; a worker sees her group, and the group talks', async ({ browser, page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  // The desktop and phone projects share one database: each opens its own round.
  const roundName = `E2E ${project} ${Date.now()}`;

  await logIn(page, COORDINATOR);
  await expect(page.getByRole('heading', { name: /^Peer network:/ })).toBeVisible();
  // Its safety reports speak of people in groups: a peer network has no matches to pause.
  const safety = page.getByRole('region', { name: 'Safety reports' });
  await expect(safety).toContainText('Reports from participants in the groups.');
  await expect(safety).not.toContainText(/\bmatch(es)?\b/i);
  // With no round yet the form is open; otherwise the latest round shows and a button opens the form.
  const newRound = page.getByRole('button', { name: 'Open a new round' });
  const nameField = page.getByLabel('Name of the round');
  await expect(nameField.or(newRound)).toBeVisible();
  if (await newRound.isVisible()) await newRound.click();
  await nameField.fill(roundName);
  await page.getByLabel('Cities per group (at least)').fill('2');
  await checkAccessibility(page, 'peers-open-round', project);
  await page.getByRole('button', { name: 'Open the round' }).click();

  await expect(page.getByTestId('round-status')).toHaveText('Open: members opt in or out');
  await expect(page.getByTestId('opt-ins-by-city')).toContainText('Brussels');
  await checkAccessibility(page, 'peers-round-open', project);

  await page.getByRole('button', { name: 'Form the groups' }).click();
  await expect(page.getByTestId('formation-status')).toHaveText(/100%.*Draft groups to review/, { timeout: 60_000 });
  const firstGroup = page.getByTestId('draft-group').first();
  await expect(firstGroup).toBeVisible();
  await expect(firstGroup.getByText(/^Common language:/)).toBeVisible();
  await checkAccessibility(page, 'peers-draft-groups', project);

  // Move the first person of group 1 to group 2. If the move breaks rules, they are listed and confirmed.
  const moving = firstGroup.locator('tbody tr').first();
  const profile = await moving.getAttribute('data-profile');
  await moving.getByRole('button', { name: /^Move / }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  const brokenRules = dialog.getByTestId('broken-rules');
  await Promise.race([dialog.waitFor({ state: 'hidden' }), brokenRules.waitFor({ state: 'visible' })]);
  if (await brokenRules.isVisible()) {
    await expect(brokenRules.getByRole('listitem').first()).toContainText(/^Group \d+:/);
    await checkAccessibility(page, 'peers-move-breaks-rules', project);
    await dialog.getByRole('button', { name: 'Move anyway' }).click();
  }
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('draft-group').nth(1).locator(`tr[data-profile="${profile}"]`)).toBeVisible();

  await page.getByRole('button', { name: 'Publish the groups' }).click();
  await page.getByRole('button', { name: 'Yes, publish' }).click();
  await expect(page.getByTestId('published-note')).toBeVisible();
  await expect(page.getByTestId('round-status')).toHaveText('Published');

  await page.getByRole('tab', { name: 'Network' }).click();
  await expect(page.getByRole('img', { name: /Who has been grouped with whom/ })).toBeVisible();
  await expect(page.getByTestId('network-table').locator('tbody tr')).toHaveCount(20);
  await checkAccessibility(page, 'peers-network', project);
  await page.getByRole('button', { name: /^Show all \d+ members$/ }).click();
  await expect(page.getByTestId('network-table')).toContainText('Sofia');
  await logOut(page);

  await logIn(page, WORKER);
  await expect(page.getByRole('heading', { name: /^Your peer network:/ })).toBeVisible();
  const group = page.getByTestId('peer-group').filter({ hasText: roundName });
  await expect(group).toBeVisible();
  await expect(group.getByText('Current group')).toBeVisible();
  const me = group.locator('[data-testid="peer-member"][data-me="true"]');
  await expect(me).toContainText('Sofia (you)');
  await expect(me).toContainText('Contact details not shared');
  // Her group's members who chose to share their email show it as a link; the others say they did not share.
  await expect(group.locator('a[href^="mailto:"]').first()).toBeVisible();
  await expect(group.getByText(/^Suggested first meeting:/)).toBeVisible();
  await checkAccessibility(page, 'peers-worker-group', project);

  // The same page in Arabic, right to left.
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(group.getByRole('heading', { name: `مجموعتك في «${roundName}»` })).toBeVisible();
  await expect(me).toContainText('لم تتم مشاركة بيانات التواصل');
  await checkAccessibility(page, 'peers-worker-group-ar', project);
  await page.getByLabel('اللغة').selectOption('en');

  // Her group talks: she writes from her group's card; another member reads it in Arabic and answers.
  await group.getByTestId('group-messages').click();
  await expect(page.getByTestId('safety-note')).toBeVisible();
  await page.getByLabel('Your message').fill('Hello everyone! Shall we meet online on Tuesday evening?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('message-text').filter({ hasText: 'Tuesday evening' })).toBeVisible();
  await checkAccessibility(page, 'messages-group', project);
  const other = runInBackend(`
from peers.models import GroupMember
me = GroupMember.objects.get(group__round__name=${JSON.stringify(roundName)}, profile__membership__user__email=${JSON.stringify(WORKER)})
others = GroupMember.objects.filter(group=me.group, left_at__isnull=True, profile__membership__user__email__endswith="@demo.bridges.example").exclude(pk=me.pk)
print("OTHER", others.values_list("profile__membership__user__email", flat=True).first())
`).trim().split('\n').findLast((line) => line.startsWith('OTHER '))!.slice('OTHER '.length);
  const otherContext = await browser.newContext({ ...testInfo.project.use, baseURL });
  const otherPage = await otherContext.newPage();
  await logIn(otherPage, other);
  await otherPage.getByLabel('Language').selectOption('ar');
  await expect(otherPage.locator('html')).toHaveAttribute('dir', 'rtl');
  await otherPage.getByRole('banner').getByTestId('messages-link').click();
  await otherPage.getByTestId('conversation').filter({ hasText: roundName }).getByRole('link').first().click();
  await expect(otherPage.getByTestId('message-text').filter({ hasText: 'Tuesday evening' })).toBeVisible();
  await otherPage.getByLabel('رسالتك').fill('نعم، الثلاثاء مناسب لي. See you online!');
  await otherPage.getByRole('button', { name: 'إرسال' }).click();
  await expect(otherPage.getByTestId('message-text').filter({ hasText: 'الثلاثاء' })).toHaveAttribute('dir', 'auto');
  await checkAccessibility(otherPage, 'messages-group-ar', project);
  await otherContext.close();
  await page.reload();
  await expect(page.getByTestId('message-text').filter({ hasText: 'الثلاثاء' })).toBeVisible();
  await logOut(page);
});
