// A programme's settings in the web app (issue 15, item 2): the coordinator changes a weight, previews its effect on
// the last run's people (how many proposals change, total score and match rate old → new), saves, reloads and finds
// it saved; a value out of range is named next to its field in plain words; the page reads right to left in Arabic.
// The programme is the journey's own (two mentees, two mentors, one finished run; closed to sign-up), coordinated
// by a coordinator with the demo password and second factor, so the shared demo programme's settings stay as they are
// for the other journeys.
import { expect, test } from '@playwright/test';
import { uniqueTag } from './api';
import { runInBackend } from './backend';
import { checkAccessibility, logIn } from './support';

function seedProgramme(tag: string): string {
  const output = runInBackend(`
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from accounts.models import User
from mentoring.services import run_execute, run_start
from profiles.management.commands.load_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from profiles.models import Gender, LanguageSkill, Profile, ProfileSector
from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role
tag = ${JSON.stringify(tag)}.lower()
programme = Programme.objects.create(
    organisation=Organisation.objects.order_by("created_at").first(),
    kind=ProgrammeKind.MENTORING, slug=f"settings-{tag}", name=f"Settings {tag}", city="Berlin", country="DE",
    languages=["de", "en"], signup_open=False, texts={"name": {"en": f"Settings {tag}"}},
)
password = make_password(DEMO_PASSWORD)
coordinator = User.objects.create(email=f"coordinator.{tag}@example.org", display_name="Lena", password=password)
Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
TOTP.activate(coordinator, DEMO_TOTP_SECRET)

def person(name, role, sector, city, **fields):
    user = User.objects.create(email=f"{name}.{tag}@example.org", display_name=name.title(), password=password)
    membership = Membership.objects.create(user=user, programme=programme, role=role)
    profile = Profile.objects.create(
        membership=membership, city=city, country="DE", gender=Gender.WOMAN, goals=["job_search"],
        availability=["mon:evening"], **fields,
    )
    LanguageSkill.objects.create(profile=profile, language="de", level="C1")
    ProfileSector.objects.create(profile=profile, code=sector)

# By sector each mentee fits the mentor in the other city; by place, the one in her own.
person("amal", Role.MENTEE, "86", "Berlin")
person("oksana", Role.MENTEE, "62", "Hamburg")
person("berta", Role.MENTOR, "86", "Hamburg", capacity=1, verified_at=timezone.now())
person("clara", Role.MENTOR, "62", "Berlin", capacity=1, verified_at=timezone.now())
run = run_start(programme=programme, by=coordinator, now=timezone.now())
run_execute(run_id=run.pk, clock=timezone.now)
print(coordinator.email)
`);
  return output.trim().split('\n').at(-1)!;
}

test('a coordinator previews a weight, saves it, and a bad value is named next to its field', async ({ page }, testInfo) => {
  const coordinator = seedProgramme(uniqueTag(testInfo.project.name));
  await logIn(page, coordinator);
  await page.goto('/coordinator');
  await page.getByRole('tab', { name: 'Settings' }).click();
  const settings = page.getByTestId('programme-settings');
  await expect(settings.getByRole('heading', { name: 'Programme settings' })).toBeVisible();
  await expect(settings.getByRole('button', { name: 'Save settings' })).toBeDisabled();

  await settings.getByLabel('Sector', { exact: true }).fill('0');
  await settings.getByLabel('Place', { exact: true }).fill('1');
  await expect(settings.getByText('Unsaved changes')).toBeVisible();
  await settings.getByRole('button', { name: 'Preview the effect' }).click();
  const preview = settings.getByTestId('what-if');
  await expect(preview.getByTestId('what-if-changed')).toHaveText('2 proposals would change.');
  await expect(preview.getByText('Pairs added: 2. Pairs removed: 2.')).toBeVisible();
  await expect(preview.getByTestId('what-if-total')).toHaveText(/^Total score: [\d.]+ → [\d.]+$/);
  await expect(preview.getByTestId('what-if-rate')).toHaveText('Match rate: 100% → 100% (2 → 2 of 2 mentees)');
  await checkAccessibility(page, 'programme-settings', testInfo.project.name);

  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByText('Saved.')).toBeVisible();
  await page.reload();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByTestId('programme-settings').getByLabel('Place', { exact: true })).toHaveValue('1');
  await expect(page.getByTestId('programme-settings').getByLabel('Sector', { exact: true })).toHaveValue('0');

  const expiry = page.getByTestId('programme-settings').getByLabel('Days to answer an offer');
  await expiry.fill('90');
  await page.getByTestId('programme-settings').getByRole('button', { name: 'Save settings' }).click();
  await expect(expiry).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('programme-settings').getByText('Choose a number of days from 1 to 60.')).toBeVisible();
  await expect(page.getByText('Some settings could not be saved. Look at the messages next to them.')).toBeVisible();
});

test('the settings page reads right to left in Arabic', async ({ page }, testInfo) => {
  const coordinator = seedProgramme(uniqueTag(testInfo.project.name));
  await logIn(page, coordinator);
  await page.goto('/coordinator');
  await page.getByLabel('Language').selectOption('ar');
  await page.getByRole('tab', { name: 'الإعدادات' }).click();
  await expect(page.getByRole('heading', { name: 'إعدادات البرنامج' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText('معاينة الأثر')).toBeVisible();
  await checkAccessibility(page, 'programme-settings-ar', testInfo.project.name);
  await page.locator('select[aria-label="اللغة"]').selectOption('en');
});
