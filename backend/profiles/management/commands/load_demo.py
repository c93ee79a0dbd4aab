"""Load a realistic, seeded demo: a mentoring programme in Germany and a peer network across four countries.

Idempotent: run it again and it only prints the demo logins. ``--reset`` removes the demo and loads it anew.
"""

import random
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from learning.demo import model_train_now, outcome_history_seed
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose, ConsentRecord
from profiles.management.commands.demo_texts import MENTORING_TEXTS, NETWORK_TEXTS
from profiles.models import Gender, LanguageSkill, Profile, ProfileSector
from programmes import reference_data
from programmes.models import Membership, Organisation, OrganisationAdmin, Programme, ProgrammeKind, Role

DEMO_PASSWORD = "demo-bridges-2026"
# Coordinators and admins must pass a TOTP code (two-step verification). The demo ones share this fixed, public
# secret so that anyone can log in: add it to an authenticator app (or compute the code, as frontend/e2e/support.ts
# does). Never use it outside the demo.
DEMO_TOTP_SECRET = "BRIDGESDEMOTOTPKEYFORCOORDINATOR"
DEMO_DOMAIN = "demo.bridges.example"
MENTORING_SLUG = "berlin-jobs-mentoring"
NETWORK_SLUG = "frontline-peer-network"
PAST_SLUG = "berlin-jobs-mentoring-2025"
PAST_MENTEES, PAST_MENTORS = 90, 30
"""The past cohorts' programme: enough people for a success model (at least 20 mentors, 200 outcomes)."""
PAST_NAMES = {
    "en": "Jobs mentoring Berlin: 2025 cohorts",
    "de": "Jobmentoring Berlin: Jahrgänge 2025",
    "fr": "Mentorat emploi Berlin : promotions 2025",
    "ar": "الإرشاد المهني في برلين: دفعات 2025",
    "uk": "Менторство для роботи в Берліні: випуски 2025",
}
# Two organisations, so that the demo shows each one seeing only its own programmes.
MENTORING_ORGANISATION = {"slug": "demo-iom-germany", "name": "IOM Germany (demo)", "country": "DE"}
NETWORK_ORGANISATION = {"slug": "demo-frontline-europe", "name": "Frontline Europe (demo)", "country": ""}
SEED = 2026

FIRST_NAMES = {
    "ar": ["Amal", "Rania", "Huda", "Layla", "Nour", "Samira", "Yasmin", "Fatima", "Reem", "Dalia", "Hanan", "Mona"],
    "uk": ["Olena", "Iryna", "Kateryna", "Natalia", "Oksana", "Yulia", "Tetiana", "Svitlana", "Halyna", "Mariia"],
    "fa": ["Maryam", "Zahra", "Shirin", "Parisa", "Nasrin", "Leila", "Fereshteh", "Azadeh", "Roya", "Soraya"],
    "ti": ["Hiwet", "Selam", "Senait", "Helen", "Mebrat", "Rahel", "Luwam", "Saba", "Yordanos", "Freweini"],
    "tr": ["Ayşe", "Elif", "Zeynep", "Emine", "Hatice", "Derya", "Gül", "Sevgi", "Meltem", "Aylin"],
    "es": ["María", "Lucía", "Carmen", "Valentina", "Daniela", "Camila", "Gabriela", "Paola", "Andrea", "Sofía"],
    "fr": ["Aminata", "Fatou", "Mariam", "Awa", "Aïssatou", "Nadège", "Grâce", "Clarisse", "Josiane", "Estelle"],
    "en": ["Grace", "Joy", "Blessing", "Faith", "Mercy", "Esther", "Patience", "Precious", "Abigail", "Ruth"],
}
FAMILY_NAMES = [
    "Haddad",
    "Kovalenko",
    "Ahmadi",
    "Tesfay",
    "Yılmaz",
    "García",
    "Diallo",
    "Okafor",
    "Nasser",
    "Shevchenko",
    "Karimi",
    "Gebremedhin",
    "Demir",
    "López",
    "Traoré",
    "Mensah",
]
MENTOR_FIRST = [
    "Anna",
    "Julia",
    "Katrin",
    "Sabine",
    "Claudia",
    "Miriam",
    "Lena",
    "Sarah",
    "Petra",
    "Ute",
    "Thomas",
    "Michael",
    "Jonas",
    "Stefan",
    "Markus",
    "Aylin",
    "Derya",
    "Rasha",
    "Olga",
    "Nadia",
]
MENTOR_FAMILY = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
]
# Native language of the mentee → weight (Zipf-like skew of the programme's real intake).
MENTEE_LANGUAGES = [("ar", 30), ("uk", 25), ("fa", 12), ("ti", 8), ("tr", 8), ("es", 6), ("fr", 6), ("en", 5)]
SECTORS = [
    ("86", 14),
    ("88", 10),
    ("85", 9),
    ("56", 8),
    ("47", 8),
    ("62", 6),
    ("87", 6),
    ("96", 5),
    ("69", 4),
    ("10", 4),
    ("81", 4),
    ("55", 4),
    ("49", 3),
    ("71", 3),
    ("41", 2),
    ("70", 2),
    ("90", 2),
    ("01", 1),
]
GOAL_TEXTS = {
    "86": [
        "Anerkennung meines Pflegediploms",
        "recognition of my nursing diploma",
        "work as a nurse again",
        "визнання мого медичного диплому",
    ],
    "88": ["work in social work with families", "Ausbildung als Erzieherin", "help other migrant women"],
    "85": ["teach again in a school", "recognition of my teaching degree", "work as a teacher assistant"],
    "56": ["open a small catering business", "work in a restaurant kitchen", "Ausbildung als Köchin"],
    "47": ["job in a shop", "retail sales job with customers", "start as a cashier and grow"],
    "62": ["become a web developer", "IT job as a tester", "робота в ІТ компанії", "learn programming"],
    "87": ["work in elderly care", "Altenpflege Ausbildung", "care work with old people"],
    "96": ["open my own hair salon", "work as a hairdresser", "beauty salon job"],
    "69": ["work in accounting", "recognition of my accountant degree", "Steuerfachangestellte werden"],
    "10": ["work in a bakery", "food production job"],
    "81": ["cleaning job with a contract", "start a cleaning company"],
    "55": ["hotel reception job", "work in a hotel"],
    "49": ["become a bus driver", "driving licence and delivery job"],
    "71": ["work as an architect again", "engineering job recognition"],
    "41": ["work in construction planning"],
    "70": ["office management job", "work in an office"],
    "90": ["work as a musician or artist", "theatre and culture job"],
    "01": ["work on a farm or in gardening"],
}
OFFER_TEXTS = {
    "86": ["healthcare careers and recognition of nursing diplomas", "Pflegeberufe und Anerkennung"],
    "88": ["careers in social work and child care", "Soziale Arbeit, Erzieherinnen-Ausbildung"],
    "85": ["teaching careers, recognition of teaching degrees"],
    "56": ["restaurant and catering jobs, food business start-up"],
    "47": ["retail and sales jobs, customer service"],
    "62": ["software development and IT careers, coding bootcamps"],
    "87": ["elderly care jobs and training"],
    "96": ["starting a salon, self-employment in beauty"],
    "69": ["accounting and tax jobs, recognition of finance degrees"],
    "10": ["food production and bakery jobs"],
    "81": ["facility services and cleaning company jobs"],
    "55": ["hotel and hospitality careers"],
    "49": ["transport and logistics jobs, driving licences"],
    "71": ["architecture and engineering careers, Anerkennung"],
    "41": ["construction and building trades"],
    "70": ["office and management jobs"],
    "90": ["arts and culture work"],
    "01": ["gardening and agriculture"],
}
BERLIN_AREA = [("Berlin", 70), ("Potsdam", 10), ("Hamburg", 8), ("Leipzig", 7), ("Cottbus", 5)]
NETWORK_CITIES = [
    ("Brussels", "BE", 16),
    ("Antwerp", "BE", 8),
    ("Liège", "BE", 5),
    ("Luxembourg", "LU", 10),
    ("Esch-sur-Alzette", "LU", 4),
    ("Rome", "IT", 12),
    ("Milan", "IT", 10),
    ("Bologna", "IT", 6),
    ("Palermo", "IT", 6),
    ("Stockholm", "SE", 12),
    ("Gothenburg", "SE", 6),
    ("Malmö", "SE", 5),
]
CITY_LANGUAGE = {"BE": ["fr", "nl"], "LU": ["fr", "de", "lb"], "IT": ["it"], "SE": ["sv"]}
ORGANISATIONS = [
    "Red Cross",
    "Caritas",
    "IOM",
    "Médecins du Monde",
    "Fedasil",
    "ASTI",
    "ARCI",
    "Save the Children",
    "Rädda Barnen",
    "Pro Familia",
    "Intact",
    "Rainbow Refugees",
    "CIRÉ",
    "Municipal health service",
]
TOPIC_CODES = [
    "lgbtqi_migrants",
    "gender_based_violence",
    "unaccompanied_children",
    "migrant_parents",
    "mental_health",
    "reception_asylum",
    "labour_market",
    "intercultural_mediation",
]


def _weighted(rng: random.Random, pairs: list[tuple[Any, int]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _slots(rng: random.Random, count: int) -> list[str]:
    return sorted(rng.sample(reference_data.AVAILABILITY_SLOTS, count))


class Command(BaseCommand):
    help = "Load the seeded demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--reset", action="store_true", help="Remove the demo and load it anew.")

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "The demo data is not loaded under production settings: its logins, password and TOTP secret are "
                "public. To try the demo on a production-like stack anyway, set ALLOW_DEMO_DATA_IN_PRODUCTION=true "
                "as well as DEMO_DATA=true, and never on a server with real people's data."
            )
        if reset:
            User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").delete()
            User.objects.filter(memberships__programme__slug__in=[MENTORING_SLUG, NETWORK_SLUG, PAST_SLUG]).delete()
            Programme.objects.filter(slug__in=[MENTORING_SLUG, NETWORK_SLUG, PAST_SLUG]).delete()
            Organisation.objects.filter(
                slug__in=[MENTORING_ORGANISATION["slug"], NETWORK_ORGANISATION["slug"]], programmes__isnull=True
            ).delete()
        if Programme.objects.filter(slug=MENTORING_SLUG).exists():
            self.stdout.write("Demo data already loaded.")
        else:
            with transaction.atomic():
                self._load()
            self._learning_demo()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self._ensure_demo_totp()
        self._print_logins()

    def _learning_demo(self) -> None:
        """An outcome history for the past cohorts' programme, and its first success model trained on it."""
        programme = Programme.objects.get(slug=PAST_SLUG)
        made = outcome_history_seed(programme=programme, now=timezone.now())
        model = model_train_now(programme=programme, now=timezone.now())
        status = model.status if model is not None else "not trained"
        self.stdout.write(f"Outcome history: {made} past matches; success model: {status}.")

    def _ensure_demo_totp(self) -> None:
        """The demo's coordinators and admin get an authenticator with DEMO_TOTP_SECRET (also on an older demo)."""
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        needing = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").filter(
            Q(is_staff=True) | Q(memberships__role=Role.COORDINATOR) | Q(organisation_roles__isnull=False)
        )
        for user in needing.distinct():
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        self.stdout.write(
            f"Coordinators and the admin also enter a code from an authenticator app set up with the demo secret "
            f"{DEMO_TOTP_SECRET} (see README.md)."
        )
        for email, what in [
            (f"admin@{DEMO_DOMAIN}", "site admin (Django admin at /admin/)"),
            (f"organisation.admin@{DEMO_DOMAIN}", "admin of the organisation IOM Germany (demo)"),
            (f"coordinator.berlin@{DEMO_DOMAIN}", "coordinator of the Berlin mentoring programme"),
            (f"coordinator.network@{DEMO_DOMAIN}", "coordinator of the frontline peer network"),
            (f"coordinator.outcomes@{DEMO_DOMAIN}", "coordinator of the 2025 cohorts (outcomes, success model)"),
            (f"mentee@{DEMO_DOMAIN}", "a mentee (Amal)"),
            (f"mentor@{DEMO_DOMAIN}", "a verified mentor (Anna)"),
            (f"worker@{DEMO_DOMAIN}", "a frontline worker (Sofia)"),
        ]:
            self.stdout.write(f"  {email:<42} {what}")
        self.stdout.write("")

    def _load(self) -> None:
        rng = random.Random(SEED)
        now = timezone.now()
        password = make_password(DEMO_PASSWORD)  # hashed once: Argon2 is slow by design
        User.objects.create(
            email=f"admin@{DEMO_DOMAIN}", display_name="Admin", password=password, is_staff=True, is_superuser=True
        )
        mentoring_organisation = Organisation.objects.get_or_create(
            slug=MENTORING_ORGANISATION["slug"], defaults=MENTORING_ORGANISATION
        )[0]
        network_organisation = Organisation.objects.get_or_create(
            slug=NETWORK_ORGANISATION["slug"], defaults=NETWORK_ORGANISATION
        )[0]
        organisation_admin = User.objects.create(
            email=f"organisation.admin@{DEMO_DOMAIN}",
            display_name="Ines",
            full_name="Ines Schneider",
            password=password,
        )
        OrganisationAdmin.objects.create(user=organisation_admin, organisation=mentoring_organisation)
        mentoring = Programme.objects.create(
            organisation=mentoring_organisation,
            kind=ProgrammeKind.MENTORING,
            slug=MENTORING_SLUG,
            name=MENTORING_TEXTS["name"]["en"],
            texts=MENTORING_TEXTS,
            city="Berlin",
            country="DE",
            online=True,
            languages=["de", "en", "ar", "uk", "fa"],
        )
        network = Programme.objects.create(
            organisation=network_organisation,
            kind=ProgrammeKind.PEER_NETWORK,
            slug=NETWORK_SLUG,
            name=NETWORK_TEXTS["name"]["en"],
            texts=NETWORK_TEXTS,
            online=True,
            languages=["en", "fr", "it", "sv"],
        )
        people: list[tuple[User, Programme, str, Profile, dict[str, str], list[str]]] = []

        def person(email: str, display: str, full: str, lang: str) -> User:
            return User(email=email, display_name=display, full_name=full, preferred_language=lang, password=password)

        for programme, email, name in [
            (mentoring, f"coordinator.berlin@{DEMO_DOMAIN}", "Clara Berger"),
            (network, f"coordinator.network@{DEMO_DOMAIN}", "Marco Rossi"),
        ]:
            user = person(email, name.split()[0], name, "en")
            user.save()
            Membership.objects.create(user=user, programme=programme, role=Role.COORDINATOR)

        for index in range(200):
            email = f"mentee@{DEMO_DOMAIN}" if index == 0 else f"mentee{index:03d}@{DEMO_DOMAIN}"
            first, family, ui, profile, languages, sectors = _demo_mentee(
                rng, ("ar", "Amal", "Haddad") if not index else None
            )
            people.append(
                (person(email, first, f"{first} {family}", ui), mentoring, Role.MENTEE, profile, languages, sectors)
            )

        for index in range(80):
            email = f"mentor@{DEMO_DOMAIN}" if index == 0 else f"mentor{index:03d}@{DEMO_DOMAIN}"
            role = Role.EMPLOYER if index >= 60 else Role.MENTOR
            first, display, full, profile, languages, sectors = _demo_mentor(
                rng, role, now, ("Anna", "Müller") if not index else None
            )
            people.append((person(email, display, full, "de"), mentoring, role, profile, languages, sectors))

        for index in range(120):
            city, country = _weighted(rng, [((c, k), w) for c, k, w in NETWORK_CITIES])
            first = rng.choice(MENTOR_FIRST + FIRST_NAMES["es"] + FIRST_NAMES["fr"])
            email = f"worker@{DEMO_DOMAIN}" if index == 0 else f"worker{index:03d}@{DEMO_DOMAIN}"
            if index == 0:
                first, city, country = "Sofia", "Brussels", "BE"
            languages = {"en": rng.choice(["B1", "B2", "C1", "C2"])}
            for local in CITY_LANGUAGE[country][: rng.randint(1, 2)]:
                languages[local] = "C2"
            if rng.random() < 0.25:
                languages[rng.choice(["ar", "es", "fr", "uk", "fa"])] = rng.choice(["B1", "B2", "C1"])
            topics = rng.sample(TOPIC_CODES, 4)
            profile = Profile(
                city=city,
                country=country,
                online=True,
                availability=_slots(rng, rng.randint(3, 8)),
                organisation=rng.choice(ORGANISATIONS),
                worker_role=rng.choice(sorted(reference_data.codes("roles"))),
                topics_expertise=sorted(topics[:2]),
                topics_interest=sorted(topics[2 : 2 + rng.randint(1, 2)]),
                share_email=index % 3 != 0,  # most share their email with their peer group (not from rng: seeds stay)
            )
            people.append(
                (
                    person(email, first, f"{first} {rng.choice(MENTOR_FAMILY)}", "en"),
                    network,
                    Role.FRONTLINE_WORKER,
                    profile,
                    languages,
                    [],
                )
            )

        _save_people(people, now)
        self._load_past_cohorts(now, password, mentoring_organisation)

    def _load_past_cohorts(self, now: datetime, password: str, organisation: Organisation) -> None:
        """The Berlin programme's 2025 cohorts: a mentoring programme of its own (closed to sign-up, with its own
        coordinator and people), whose past matches and outcomes the success model learns from. Its own, so that
        the main programme's mentees and mentors stay without past matches."""
        rng = random.Random(SEED + 2025)
        past = Programme.objects.create(
            organisation=organisation,
            kind=ProgrammeKind.MENTORING,
            slug=PAST_SLUG,
            name=PAST_NAMES["en"],
            texts={**MENTORING_TEXTS, "name": PAST_NAMES},
            city="Berlin",
            country="DE",
            online=True,
            languages=["de", "en", "ar", "uk", "fa"],
            signup_open=False,
        )
        coordinator = User.objects.create(
            email=f"coordinator.outcomes@{DEMO_DOMAIN}", display_name="Jana", full_name="Jana Vogel", password=password
        )
        Membership.objects.create(user=coordinator, programme=past, role=Role.COORDINATOR)
        people: list[tuple[User, Programme, str, Profile, dict[str, str], list[str]]] = []
        for index in range(PAST_MENTEES):
            first, family, ui, profile, languages, sectors = _demo_mentee(rng)
            user = User(
                email=f"past.mentee{index:03d}@{DEMO_DOMAIN}", display_name=first, full_name=f"{first} {family}",
                preferred_language=ui, password="!",
            )  # fmt: skip
            people.append((user, past, Role.MENTEE, profile, languages, sectors))
        for index in range(PAST_MENTORS):
            role = Role.EMPLOYER if index >= PAST_MENTORS - 6 else Role.MENTOR
            first, display, full, profile, languages, sectors = _demo_mentor(rng, role, now, None)
            profile.verified_at = now
            user = User(
                email=f"past.mentor{index:03d}@{DEMO_DOMAIN}", display_name=display, full_name=full,
                preferred_language="de", password="!",
            )  # fmt: skip
            people.append((user, past, role, profile, languages, sectors))
        _save_people(people, now)


def _demo_mentee(
    rng: random.Random, fixed: tuple[str, str, str] | None = None
) -> tuple[str, str, str, Profile, dict[str, str], list[str]]:
    """A demo mentee: first and family name, interface language, profile, languages and sectors. ``fixed`` gives
    her home language and names (the demo's Amal)."""
    native = _weighted(rng, MENTEE_LANGUAGES)
    first = rng.choice(FIRST_NAMES[native])
    family = rng.choice(FAMILY_NAMES)
    if fixed is not None:
        native, first, family = fixed
    ui = native if native in ("ar", "uk", "fr", "en") else rng.choice(["de", "en"])
    languages = {native: "C2", "de": rng.choice(["A2", "B1", "B1", "B2", "C1"])}
    if rng.random() < 0.45 and native != "en":
        languages["en"] = rng.choice(["A2", "B1", "B2", "C1"])
    sector = _weighted(rng, SECTORS)
    goal_codes = rng.sample(sorted(reference_data.codes("goals")), rng.randint(1, 3))
    if sector in ("86", "85", "69", "71") and "recognition_of_qualifications" not in goal_codes:
        goal_codes.append("recognition_of_qualifications")
    online_only = rng.random() < 0.1
    profile = Profile(
        goals=sorted(goal_codes),
        goals_text=rng.choice(GOAL_TEXTS[sector]),
        city=_weighted(rng, BERLIN_AREA),
        country="DE",
        online=online_only or rng.random() < 0.8,
        online_only=online_only,
        availability=_slots(rng, rng.randint(2, 7)),
        gender=Gender.WOMAN,
        woman_mentor_only=rng.random() < 0.3,
    )
    return first, family, ui, profile, languages, [sector]


def _demo_mentor(
    rng: random.Random, role: str, now: datetime, fixed: tuple[str, str] | None
) -> tuple[str, str, str, Profile, dict[str, str], list[str]]:
    """A demo mentor or employer: first name, display name, full name, profile, languages and sectors. ``fixed``
    gives the first and family name (the demo's Anna, always verified)."""
    employer = role == Role.EMPLOYER
    first, family = rng.choice(MENTOR_FIRST), rng.choice(MENTOR_FAMILY)
    if fixed is not None:
        first, family = fixed
    languages = {"de": "C2", "en": rng.choice(["B2", "C1", "C2"])}
    if rng.random() < 0.35:
        languages[_weighted(rng, MENTEE_LANGUAGES)] = rng.choice(["B1", "B2", "C1", "C2"])
    sectors = sorted({_weighted(rng, SECTORS) for _ in range(rng.randint(1, 3))})
    offers = rng.sample(sorted(reference_data.codes("goals")), rng.randint(2, 5))
    profile = Profile(
        goals=sorted(offers),
        goals_text="; ".join(rng.choice(OFFER_TEXTS[s]) for s in sectors),
        city=_weighted(rng, BERLIN_AREA),
        country="DE",
        online=rng.random() < 0.75,
        availability=_slots(rng, rng.randint(3, 9)),
        gender=Gender.WOMAN if first in MENTOR_FIRST[:10] + MENTOR_FIRST[15:] else Gender.MAN,
        capacity=rng.randint(1, 5) if not employer else rng.randint(2, 8),
        verified_at=now if fixed is not None or rng.random() < 0.75 else None,
    )
    display = first if fixed is not None else f"{first} ({'Employer' if employer else 'Mentor'})"
    return first, display.split(" (")[0], f"{first} {family}", profile, languages, sectors


def _save_people(people: list[tuple[User, Programme, str, Profile, dict[str, str], list[str]]], now: datetime) -> None:
    """Saves the demo's people (user, programme, role, profile, languages, sectors) with their memberships, language
    skills, sectors and consents, a few queries in all."""
    User.objects.bulk_create([p[0] for p in people])
    memberships = Membership.objects.bulk_create(
        [Membership(user=user, programme=programme, role=role) for user, programme, role, *_ in people]
    )
    for membership, (_user, _prog, _role, profile, _langs, _sectors) in zip(memberships, people, strict=True):
        profile.membership = membership
    Profile.objects.bulk_create([p[3] for p in people])
    LanguageSkill.objects.bulk_create(
        LanguageSkill(profile=profile, language=code, level=level)
        for _u, _p, _r, profile, languages, _s in people
        for code, level in languages.items()
    )
    ProfileSector.objects.bulk_create(
        ProfileSector(profile=profile, code=code) for _u, _p, _r, profile, _l, sectors in people for code in sectors
    )
    ConsentRecord.objects.bulk_create(
        _consent_record(user, programme, ConsentPurpose.PROGRAMME, now) for user, programme, *_ in people
    )
    # The optional purposes: results counted for everyone, contacts shared where she chose to share them.
    ConsentRecord.objects.bulk_create(
        _consent_record(user, programme, purpose, now)
        for user, programme, _role, profile, *_ in people
        for purpose in (ConsentPurpose.OUTCOME_REPORTING, ConsentPurpose.CONTACT_SHARING)
        if purpose == ConsentPurpose.OUTCOME_REPORTING or profile.share_email or profile.share_phone
    )


def _consent_record(user: User, programme: Programme, purpose: str, now: datetime) -> ConsentRecord:
    """Her consent to the text asked now, in her language, as the sign-up records it."""
    asked = consent_asked(programme=programme, purpose=purpose, language=user.preferred_language)
    return ConsentRecord(
        user=user,
        programme=programme,
        purpose=purpose,
        text_version=asked.version,
        text=asked.text,
        language=asked.language,
        given_at=now,
    )
