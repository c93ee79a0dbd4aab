"""factory_boy factories for the backend tests."""

from functools import cache

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose, ConsentRecord
from profiles.models import LanguageSkill, Profile, ProfileSector
from programmes.models import Membership, Organisation, OrganisationAdmin, Programme, ProgrammeKind, Role

PASSWORD = "correct-horse-battery-42"
PHONE_CANARY = "+49 151 5550 "
CANARY_MARKERS = ("kanarienvogel", PHONE_CANARY)
"""Every full name, email and phone number the factories make carries one of these (lower case): no log record
may (tests/backend/conftest.py checks every test; tests/backend/security/test_canaries.py checks the flows)."""


@cache
def _password_hash() -> str:
    # Argon2 is slow by design: hash the shared test password once.
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    # Canary-marked personal data: the autouse check in conftest.py fails any test whose code logs them.
    email = factory.Sequence(lambda n: f"person{n}.kanarienvogel@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    full_name = factory.LazyAttribute(lambda o: f"{o.display_name} Kanarienvogel")
    phone = factory.Sequence(lambda n: f"{PHONE_CANARY}{n:04d}")
    password = factory.LazyFunction(_password_hash)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    country = "DE"


class OrganisationAdminFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationAdmin

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ProgrammeKind.MENTORING
    name = factory.Sequence(lambda n: f"Programme {n}")
    texts = factory.LazyAttribute(lambda programme: {"name": {"en": programme.name}})
    slug = factory.Sequence(lambda n: f"programme-{n}")
    city = "Berlin"
    country = "DE"
    languages = ["de", "en"]


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    role = Role.MENTEE


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        skip_postgeneration_save = True

    membership = factory.SubFactory(MembershipFactory)
    city = "Berlin"
    country = "DE"
    goals = ["job_search"]

    @factory.post_generation
    def languages(self, create: bool, extracted: dict[str, str] | None, **kwargs: object) -> None:
        for code, level in (extracted or {"de": "B1", "ar": "C2"}).items():
            LanguageSkill.objects.create(profile=self, language=code, level=level)

    @factory.post_generation
    def sectors(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        for code in extracted or ["86"]:
            ProfileSector.objects.create(profile=self, code=code)

    @factory.post_generation
    def consent(self, create: bool, extracted: object, **kwargs: object) -> None:
        programme = self.membership.programme
        ConsentRecord.objects.create(
            user=self.membership.user,
            programme=programme,
            purpose=ConsentPurpose.PROGRAMME,
            text_version=programme.consent_version,
            text=consent_asked(programme=programme, purpose=ConsentPurpose.PROGRAMME, language="en").text,
            language="en",
            given_at=timezone.now(),
        )


def coordinator_of(programme: Programme) -> User:
    user = UserFactory()
    Membership.objects.create(user=user, programme=programme, role=Role.COORDINATOR)
    return user
