// A programme's own texts in her language (issue 11, item 2): a coordinator sees which languages a text is
// missing in and writes the Arabic; an Arabic-speaking mentee then reads the programme's name and welcome in
// Arabic, and a German-speaking one reads the English welcome marked as not yet translated, with its own lang.
// The programme is the journey's own (closed to sign-up, so it never shows on the other journeys' home page).
import { expect, test } from '@playwright/test';
import { uniqueTag } from './api';
import { runInBackend } from './backend';
import { checkAccessibility, logIn, logOut } from './support';

function seedProgramme(tag: string): { coordinator: string; mentee: string } {
  const output = runInBackend(`
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from accounts.models import User
from profiles.management.commands.load_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from profiles.models import Profile
from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role
tag = ${JSON.stringify(tag)}.lower()
programme = Programme.objects.create(
    organisation=Organisation.objects.order_by("created_at").first(),
    kind=ProgrammeKind.MENTORING, slug=f"texts-{tag}", name=f"Care jobs {tag}", city="Berlin", country="DE",
    languages=["de", "en", "ar"], signup_open=False, texts={"name": {"en": f"Care jobs {tag}"}},
)
password = make_password(DEMO_PASSWORD)
coordinator = User.objects.create(email=f"coordinator.{tag}@example.org", display_name="Lena", password=password)
Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
TOTP.activate(coordinator, DEMO_TOTP_SECRET)
mentee = User.objects.create(email=f"mentee.{tag}@example.org", display_name="Rana", password=password)
Profile.objects.create(
    membership=Membership.objects.create(user=mentee, programme=programme, role=Role.MENTEE), city="Berlin", country="DE"
)
print(coordinator.email, mentee.email)
`);
  const [coordinator, mentee] = output.trim().split('\n').at(-1)!.split(' ');
  return { coordinator: coordinator!, mentee: mentee! };
}

test('a coordinator writes the Arabic; Arabic and German readers get theirs or a marked fallback', async ({ page }, testInfo) => {
  const tag = uniqueTag(testInfo.project.name);
  const { coordinator, mentee } = seedProgramme(tag);

  await logIn(page, coordinator);
  await page.goto('/coordinator');
  await page.getByRole('tab', { name: 'Programme texts' }).click();
  const name = page.getByRole('group', { name: 'Name' });
  await expect(name.getByText('Missing in Arabic')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Welcome' }).getByText(/^Missing in/)).toHaveCount(0); // nobody wrote one yet
  await name.getByLabel('Arabic').fill('وظائف الرعاية');
  const welcome = page.getByRole('group', { name: 'Welcome' });
  await welcome.getByLabel('English').fill('Welcome! We will call you within a week.');
  await welcome.getByLabel('Arabic').fill('أهلًا بك! سنتصل بك خلال أسبوع.');
  await page.getByRole('button', { name: 'Save texts' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(name.getByText('Missing in Arabic')).toHaveCount(0);
  await expect(welcome.getByText('Missing in German')).toBeVisible();
  await checkAccessibility(page, 'programme-texts', testInfo.project.name);
  await logOut(page);

  await logIn(page, mentee);
  await page.getByLabel('Language').selectOption('ar');
  const arabic = page.getByText('أهلًا بك! سنتصل بك خلال أسبوع.');
  await expect(arabic).toBeVisible();
  await expect(arabic).toHaveAttribute('lang', 'ar');
  await expect(page.locator('[data-fallback-marker]')).toHaveCount(0);

  await page.getByLabel('اللغة').selectOption('de');
  const english = page.getByText('Welcome! We will call you within a week.');
  await expect(english).toBeVisible();
  await expect(english).toHaveAttribute('lang', 'en');
  await expect(english).toHaveAttribute('dir', 'ltr');
  await expect(page.getByText('Noch nicht übersetzt; angezeigt auf Englisch.')).toBeVisible();
  await page.getByLabel('Sprache').selectOption('en');
});

test('the peer network list in Arabic marks the description nobody translated yet', async ({ page }) => {
  await page.goto('/networks');
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.getByRole('heading', { name: 'شبكة الأقران للعاملين الميدانيين — بلجيكا ولوكسمبورغ وإيطاليا والسويد' })).toBeVisible();
  const description = page.getByText(/^Social workers, nurses, counsellors/);
  await expect(description).toHaveAttribute('lang', 'en');
  await expect(description).toHaveAttribute('dir', 'ltr');
  await expect(page.getByText('لم يُترجم بعد؛ معروض باللغة الإنجليزية.')).toBeVisible();
  await page.getByLabel('اللغة').selectOption('en');
});
