// The journeys against the real backend with demo data: sign-up in Arabic, a mentor's sign-up in German and her
// wait for verification, a mentee editing her profile in French, the coordinator's dashboard (charts, matching
// run, approval, hand matching, who waits, audit trail), the mentor's acceptance, another mentee's decline, and
// the mentee's active match and notices. Each page checked runs axe and saves a screenshot.
import { expect, test } from '@playwright/test';
import { checkAccessibility, logIn, logOut } from './support';

test('a mentee signs up in Arabic and sees her status', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.getByRole('link', { name: 'التسجيل كمستفيدة من الإرشاد' }).click();

  await page.getByLabel('الاسم الأول').fill('Layla');
  await page.getByLabel('البريد الإلكتروني').fill(`layla.${testInfo.project.name}.${Date.now()}@example.org`);
  await page.locator('input[type=password]').fill('a-long-secret-2026');
  // How texts about her are worded is hers to say (optional): she asks for the feminine.
  await page.getByRole('radio', { name: 'صيغة المؤنث (هي، المرشدة)' }).check();
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'اللغات' })).toBeVisible();
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'العمل والأهداف' })).toBeVisible();
  await page.getByText('إيجاد عمل').click();
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'التفضيلات' })).toBeVisible();
  await page.getByLabel('أريد مرشدة امرأة').check();
  await page.getByRole('button', { name: 'التالي' }).click();

  await expect(page.getByRole('heading', { name: 'موافقتك' })).toBeVisible();
  // The consent itself is in Arabic, marked as such (not the English text under an Arabic heading).
  const consentText = page.locator('blockquote[lang="ar"]');
  await expect(consentText).toContainText('أوافق على أن يحفظ Bridges');
  await expect(consentText).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText('هذا النص غير متوفر بعد', { exact: false })).toHaveCount(0);
  await checkAccessibility(page, 'signup-consent-ar', testInfo.project.name);
  await page.getByLabel('قرأت هذا النص وأوافق عليه').check();
  await page.getByRole('button', { name: 'التسجيل' }).last().click();

  await expect(page.getByRole('heading', { name: 'شكرًا لك! ماذا يحدث الآن' })).toBeVisible();
  await page.getByRole('link', { name: 'عرض حالتي' }).click();
  await expect(page.getByText('نبحث عن مرشدة أو مرشد لك.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await checkAccessibility(page, 'mentee-status-ar', testInfo.project.name);
});

test('a coordinator runs matching and approves; the mentor accepts; the mentee sees her match', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, 'coordinator.berlin@demo.bridges.example');
  await expect(page.getByRole('heading', { name: /Dashboard:/ })).toBeVisible();
  await expect(page.getByText('Waiting for a match')).toBeVisible();
  await checkAccessibility(page, 'coordinator-health', testInfo.project.name);

  await page.getByRole('tab', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Start a matching run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/100%.*Done/, { timeout: 60_000 });
  await checkAccessibility(page, 'coordinator-run', testInfo.project.name);

  await page.getByRole('button', { name: 'Review the proposals' }).click();
  const row = page.getByTestId('proposal-row').first();
  await expect(row).toBeVisible();
  await checkAccessibility(page, 'coordinator-proposals', testInfo.project.name);
  const menteeProfile = await row.getAttribute('data-mentee-profile');
  const mentorProfile = await row.getAttribute('data-mentor-profile');
  const approveButton = row.getByRole('button', { name: /^Approve:/ });
  await approveButton.click();
  await expect(page.locator(`[data-mentee-profile="${menteeProfile}"][data-mentor-profile="${mentorProfile}"]`)).toHaveCount(0);
  // A second pair with another mentor, for the mentee who will decline.
  const second = page.locator(`[data-testid="proposal-row"]:not([data-mentor-profile="${mentorProfile}"])`).first();
  const secondMenteeProfile = await second.getAttribute('data-mentee-profile');
  await second.getByRole('button', { name: /^Approve:/ }).click();
  await expect(page.locator(`[data-mentee-profile="${secondMenteeProfile}"]`)).toHaveCount(0);

  // The programme's health as charts, each with its figures as a table.
  await page.getByRole('tab', { name: 'Health' }).click();
  const chart = page.getByRole('figure', { name: 'Matches by state' });
  await chart.getByText('Show the figures as a table').click();
  await expect(chart.getByRole('table')).toContainText('Offered');
  await checkAccessibility(page, 'coordinator-charts', testInfo.project.name);

  // Match by hand: search a mentee and a mentor, see the engine's score before confirming.
  await page.getByRole('tab', { name: 'Match by hand' }).click();
  await page.getByTestId('picker-mentee').click();
  await page.getByRole('listbox', { name: 'Mentee' }).getByRole('option').first().click();
  await page.getByTestId('picker-mentor').click();
  await page.getByRole('listbox', { name: 'Mentor or employer' }).getByRole('option').first().click();
  await expect(page.getByTestId('score-breakdown')).toBeVisible();
  await checkAccessibility(page, 'coordinator-hand-match', testInfo.project.name);

  // Who waits and why, and a mentee's record with the best mentors for her.
  await page.getByRole('tab', { name: 'Waiting' }).click();
  await expect(page.getByRole('heading', { name: 'Mentees the last run could not place' })).toBeVisible();
  const unmatched = page.getByTestId('unmatched-mentee').first();
  await expect(unmatched.or(page.getByText('Every mentee got a proposal.'))).toBeVisible();
  if (await unmatched.isVisible()) {
    await unmatched.getByRole('button', { name: /^Open the record of/ }).click();
    await expect(page.getByRole('dialog', { name: 'Mentee record' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Best mentors for her now' })).toBeVisible();
    await checkAccessibility(page, 'coordinator-mentee-record', testInfo.project.name);
    await page.keyboard.press('Escape');
  }

  // The audit trail speaks in words, not action codes.
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  await expect(page.getByRole('cell', { name: 'Pair approved and offered' }).first()).toBeVisible();
  await checkAccessibility(page, 'coordinator-audit', testInfo.project.name);

  // The coordinator may see both people's profiles: that is where the test finds their logins.
  const emailOf = async (profileId: string | null) => {
    const response = await page.request.get(`/api/v1/profiles/${profileId}/`);
    expect(response.ok()).toBeTruthy();
    return ((await response.json()) as { email: string }).email;
  };
  const menteeEmail = await emailOf(menteeProfile);
  const mentorEmail = await emailOf(mentorProfile);
  const secondMenteeEmail = await emailOf(secondMenteeProfile);
  await logOut(page);

  await logIn(page, mentorEmail);
  await expect(page.getByRole('heading', { name: 'Offers waiting for your answer' })).toBeVisible();
  await expect(page.getByText('Why this pairing').first()).toBeVisible();
  await checkAccessibility(page, 'mentor-offer', testInfo.project.name);
  await page.getByRole('button', { name: 'Accept' }).first().click();
  await expect(page.getByRole('heading', { name: 'My mentees now' })).toBeVisible();
  await logOut(page);

  await logIn(page, menteeEmail);
  await expect(page.getByRole('heading', { name: /^Your mentor:/ })).toBeVisible();
  await expect(page.getByText('Contact', { exact: true })).toBeVisible();
  await checkAccessibility(page, 'mentee-active-match', testInfo.project.name);

  // Her notices: the header shows how many are unread; opening the list and marking all read clears it.
  await expect(page.getByTestId('unread-badge')).toBeVisible();
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  await expect(page.getByTestId('notification').first()).toBeVisible();
  await checkAccessibility(page, 'mentee-notifications', testInfo.project.name);
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.getByTestId('unread-badge')).toHaveCount(0);
  await logOut(page);

  // The second mentee declines her offer with a reason from the list.
  await logIn(page, secondMenteeEmail);
  await expect(page.getByRole('heading', { name: /^Proposed mentor:/ })).toBeVisible();
  // She is told plainly that the mentor answers and she need do nothing (but may say no): no "please answer".
  await expect(page.getByRole('heading', { name: "Proposed to you: waiting for the mentor's answer" })).toBeVisible();
  await expect(page.getByText(/The proposed mentor has until .+ to answer\. You need to do nothing now/)).toBeVisible();
  await expect(page.getByText(/Please answer by/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Decline' }).click();
  const dialog = page.getByRole('dialog', { name: 'Decline this offer' });
  await dialog.getByRole('radio').first().check();
  await checkAccessibility(page, 'mentee-decline', testInfo.project.name);
  await dialog.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByRole('heading', { name: 'Earlier' })).toBeVisible();
});

test('someone signs up as a mentor in German and waits for verification', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('link', { name: 'Als Mentorin oder Mentor anmelden' }).first().click();
  await expect(page.getByRole('heading', { name: /^Mentorin oder Mentor werden:/ })).toBeVisible();

  await page.getByLabel(/^Vorname/).fill('Katrin');
  await page.getByLabel('E-Mail').fill(`katrin.${testInfo.project.name}.${Date.now()}@example.org`);
  await page.locator('input[type=password]').fill('a-long-secret-2026');
  await page.getByRole('button', { name: 'Weiter' }).click();

  await expect(page.getByRole('heading', { name: 'Sprachen' })).toBeVisible();
  await page.getByRole('button', { name: 'Weiter' }).click();

  await expect(page.getByRole('heading', { name: 'Beruf und Ziele' })).toBeVisible();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByText('Bitte wählen Sie mindestens einen Arbeitsbereich.')).toBeVisible();
  // Work areas in everyday words, found by a word of her trade, whatever its case: "krankenpflege" finds health.
  const areas = page.getByRole('group', { name: 'Welche Arbeitsbereiche kennen Sie gut?' });
  await areas.getByRole('searchbox', { name: 'Arbeitsbereiche durchsuchen' }).fill('krankenpflege');
  await expect(areas.getByRole('checkbox')).toHaveCount(1);
  await areas.getByText('Gesundheit und Medizin').click(); // the chip's label: its box is hidden, as in every Chip
  await expect(areas.getByRole('checkbox', { name: 'Gesundheit und Medizin' })).toBeChecked();
  await areas.getByRole('searchbox', { name: 'Arbeitsbereiche durchsuchen' }).fill('Schweißen');
  await expect(areas.getByText('Nichts gefunden für „Schweißen“.', { exact: false })).toBeVisible();
  await expect(areas.getByRole('checkbox', { name: 'Gesundheit und Medizin' })).toBeChecked(); // a choice stays in view
  await page.getByText('Lebenslauf und Bewerbung').click();
  await checkAccessibility(page, 'mentor-signup-work-de', testInfo.project.name);
  await page.getByRole('button', { name: 'Weiter' }).click();

  await expect(page.getByRole('heading', { name: 'Zeit und Ort' })).toBeVisible();
  await page.getByLabel('Wie viele Mentees gleichzeitig').selectOption('2');
  await page.getByRole('checkbox', { name: /^Mittwoch, Abend/ }).check();
  await checkAccessibility(page, 'mentor-signup-availability-de', testInfo.project.name);
  await page.getByRole('button', { name: 'Weiter' }).click();

  await expect(page.getByRole('heading', { name: 'Ihre Einwilligung' })).toBeVisible();
  await page.getByLabel('Ich habe das gelesen und bin einverstanden').check();
  await page.getByRole('button', { name: 'Anmelden' }).last().click();

  await expect(page.getByText('Eine Koordinatorin prüft Ihre Angaben.', { exact: false })).toBeVisible();
  await page.getByRole('link', { name: 'Meinen Stand ansehen' }).click();
  await expect(page.getByTestId('verification-notice')).toContainText('Warten auf die Prüfung');
  await expect(page.getByText('Sie haben zurzeit keine Angebote.', { exact: false })).toBeVisible();
  await checkAccessibility(page, 'mentor-waiting-verification-de', testInfo.project.name);
});

test('a mentee edits her profile in French', async ({ page }, testInfo) => {
  await logIn(page, 'mentee@demo.bridges.example');
  await expect(page.getByRole('heading', { name: 'My matches' })).toBeVisible();
  await page.getByLabel('Language').selectOption('fr');
  await page.getByRole('link', { name: 'Modifier mon profil' }).click();
  await expect(page.getByRole('heading', { name: 'Mon profil' })).toBeVisible();
  await page.getByLabel('Ville').fill('Potsdam');
  await page.getByRole('checkbox', { name: /^samedi, Matin/i }).check();
  await checkAccessibility(page, 'mentee-profile-fr', testInfo.project.name);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Ville')).toHaveValue('Potsdam');
  await expect(page.getByRole('checkbox', { name: /^samedi, Matin/i })).toBeChecked();
});
