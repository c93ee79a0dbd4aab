// A coordinator's report for funders against the real backend: a programme of her own with people who signed up
// this month (12 in Berlin, 3 in Potsdam), she opens the report from the dashboard, reads the figures (the three
// from Potsdam read "< 5", and Berlin is hidden with them so that nobody can subtract), and downloads the CSV.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { uniqueTag } from './api';
import { runInBackend } from './backend';
import { checkAccessibility, logIn } from './support';

function seedProgramme(tag: string): { programme: string; coordinator: string } {
  const output = runInBackend(`
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from accounts.models import User
from profiles.management.commands.load_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from profiles.models import Profile
from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role
tag = ${JSON.stringify(tag)}
organisation = Organisation.objects.order_by("created_at").first()
programme = Programme.objects.create(
    organisation=organisation, kind=ProgrammeKind.MENTORING, slug=f"report-{tag.lower()}", name=f"Report {tag}",
    city="Berlin", country="DE", online=True, languages=["de", "en"], signup_open=False,
)
coordinator = User.objects.create(
    email=f"coordinator.report.{tag.lower()}@example.org", display_name="Rita", full_name="Rita Report",
    password=make_password(DEMO_PASSWORD),
)
Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
TOTP.activate(coordinator, DEMO_TOTP_SECRET)
for i, city in enumerate(["Berlin"] * 12 + ["Potsdam"] * 3):
    user = User.objects.create(email=f"m{i}.{tag.lower()}@example.org", display_name=f"M {i}", password="!")
    membership = Membership.objects.create(user=user, programme=programme, role=Role.MENTEE)
    Profile.objects.create(membership=membership, city=city, country="DE")
print(programme.pk, coordinator.email)
`);
  const [programme, coordinator] = output.trim().split('\n').at(-1)!.split(' ');
  return { programme: programme!, coordinator: coordinator! };
}

test('a coordinator reads the report for funders and downloads it as CSV', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const { programme, coordinator } = seedProgramme(uniqueTag(project));

  await logIn(page, coordinator);
  await expect(page.getByRole('heading', { name: /Dashboard:/ })).toBeVisible();
  await page.getByRole('link', { name: 'Report for funders' }).click();
  await expect(page).toHaveURL(new RegExp(`/coordinator/${programme}/reports$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Report for funders: \W*Report /);

  const signedUp = page.getByTestId('report-figure-signed_up');
  await expect(signedUp.getByTestId('report-figure-value')).toHaveText('15');

  await page.getByLabel('Break down by').selectOption('city');
  const table = signedUp.getByRole('table');
  await expect(table.getByRole('row', { name: /Potsdam/ })).toContainText('< 5');
  await expect(table.getByRole('row', { name: /Berlin/ })).toContainText('–');
  await expect(table.getByRole('row', { name: /Total/ })).toContainText('15');
  await checkAccessibility(page, 'funder-report', project);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^report-report-.*\.csv$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('Potsdam,< 5');
  expect(text).toContain('Berlin,–');
  expect(text).not.toMatch(/Berlin,12/);
});

function seedOrganisation(tag: string): { organisation: string; admin: string } {
  const output = runInBackend(`
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from accounts.models import User
from profiles.management.commands.load_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from profiles.models import Profile
from programmes.models import Membership, Organisation, OrganisationAdmin, Programme, ProgrammeKind, Role
tag = ${JSON.stringify(tag)}.lower()
organisation = Organisation.objects.create(name=f"NGO {tag}", slug=f"ngo-{tag}", country="DE")
admin = User.objects.create(
    email=f"admin.report.{tag}@example.org", display_name="Olga", full_name="Olga Admin", password=make_password(DEMO_PASSWORD),
)
OrganisationAdmin.objects.create(user=admin, organisation=organisation)
TOTP.activate(admin, DEMO_TOTP_SECRET)
for name, people in (("Jobs", 8), ("Care", 6)):
    programme = Programme.objects.create(
        organisation=organisation, kind=ProgrammeKind.MENTORING, slug=f"{name.lower()}-{tag}", name=f"{name} {tag}",
        city="Berlin", country="DE", online=True, languages=["de", "en"], signup_open=False,
    )
    for i in range(people):
        user = User.objects.create(email=f"{name.lower()}{i}.{tag}@example.org", display_name=f"P {i}", password="!")
        membership = Membership.objects.create(user=user, programme=programme, role=Role.MENTEE)
        Profile.objects.create(membership=membership, city="Berlin", country="DE")
print(organisation.pk, admin.email)
`);
  const [organisation, admin] = output.trim().split('\n').at(-1)!.split(' ');
  return { organisation: organisation!, admin: admin! };
}

test('an organisation admin reads one report over all of her programmes', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const { organisation, admin } = seedOrganisation(uniqueTag(project));

  await logIn(page, admin);
  await page.goto(`/organisations/${organisation}`);
  await page.getByRole('link', { name: 'Report for funders, all programmes together' }).click();
  await expect(page).toHaveURL(new RegExp(`/organisations/${organisation}/reports$`));
  await expect(page.getByTestId('report-programmes')).toContainText('Care');
  await expect(page.getByTestId('report-programmes')).toContainText('Jobs');
  // 8 + 6 people signed up this month, in both programmes together.
  await expect(page.getByTestId('report-figure-signed_up').getByTestId('report-figure-value')).toHaveText('14');
  await checkAccessibility(page, 'organisation-report', project);
  await page.getByRole('link', { name: 'Back to the organisation' }).click();
  await expect(page).toHaveURL(new RegExp(`/organisations/${organisation}$`));
});
