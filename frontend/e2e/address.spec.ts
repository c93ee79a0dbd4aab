// How to address her, in the browser: an Arabic-speaking mentee's offer speaks of her mentor in his or her own
// grammatical gender (المرشد المقترح for a man who asked for masculine wording, المرشدة المقترحة for a woman who asked
// for feminine wording), and words the two of them together accordingly; a mentor who has not said is worded neutrally.
import { expect, test } from '@playwright/test';
import { apiSession, BERLIN_COORDINATOR, call, menteeSignUp, mentorSignUp, MENTORING_SLUG, programmeId, signUp, uniqueTag } from './api';
import { checkAccessibility, logIn } from './support';

type Json = Record<string, unknown>;
const withAccount = (body: Json, account: Json): Json => ({ ...body, account: { ...(body.account as Json), ...account } });

const CASES = [
  { form: 'masculine', name: 'Omar', heading: 'المرشد المقترح: Omar', pair: 'كلاهما يتحدثان' },
  { form: 'feminine', name: 'Greta', heading: 'المرشدة المقترحة: Greta', pair: 'كلتاهما تتحدثان' },
  { form: '', name: 'Sami', heading: 'الشخص المقترح للإرشاد: Sami', pair: 'كلاهما يتحدثان' },
] as const;

test('an Arabic offer speaks of her mentor in his or her own grammatical gender', async ({ browser, playwright, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tag = uniqueTag(project);
  // One coordinator session for the three pairs (each login spends a one-time code).
  const coordinator = await apiSession(playwright, baseURL!, BERLIN_COORDINATOR);
  const programme = await programmeId(coordinator, MENTORING_SLUG);
  const mentees: string[] = [];
  for (const { form, name } of CASES) {
    const mentor = await signUp(
      playwright,
      baseURL!,
      programme,
      withAccount(mentorSignUp(`${name.toLowerCase()}.${tag}@example.org`, name, `${name} Address ${tag}`, 1), { address_as: form }),
    );
    const menteeEmail = `huda.${form || 'unsaid'}.${tag}@example.org`;
    const mentee = await signUp(
      playwright,
      baseURL!,
      programme,
      withAccount(menteeSignUp(menteeEmail, 'Huda', `Huda Address ${tag}`), { preferred_language: 'ar', address_as: 'feminine' }),
    );
    await Promise.all([mentor.api.dispose(), mentee.api.dispose()]);
    await call(coordinator, 'POST', `/api/v1/profiles/${mentor.profile}/verify/`);
    const match = await call<{ id: string }>(coordinator, 'POST', `/api/v1/programmes/${programme}/matches/`, {
      mentee: mentee.profile,
      mentor: mentor.profile,
    });
    await call(coordinator, 'POST', `/api/v1/matches/${match.id}/approve/`);
    mentees.push(menteeEmail);
  }
  await coordinator.dispose();

  for (const [index, { form, heading, pair }] of CASES.entries()) {
    // Each mentee in a browser of her own (a new context: no cookie or stored language from the one before).
    const context = await browser.newContext({ ...testInfo.project.use, baseURL });
    const page = await context.newPage();
    await logIn(page, mentees[index]!);
    await page.getByLabel('Language').selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    const offer = page.getByRole('article', { name: heading });
    await expect(offer).toBeVisible();
    // Both speak Arabic: the two of them are worded together as the pair they are (feminine dual only for two women).
    await expect(offer.getByText(pair).first()).toBeVisible();
    if (form === 'feminine') await checkAccessibility(page, 'offer-address-ar', project);
    await context.close();
  }
});
