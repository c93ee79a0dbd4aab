"""Sign-up (self and assisted), profile updates and mentor verification."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.emails import send_already_signed_up
from accounts.models import User
from common.errors import Conflict, DomainError, NotAllowed
from common.names import name_fields_normalise
from mentoring.models import OPEN_STATES, Match
from privacy.consents import ConsentAsked, consent_asked
from privacy.models import ConsentMethod, ConsentPurpose, ConsentRecord
from privacy.services import consent_give, contact_sharing_ensure
from profiles.models import LanguageSkill, Profile, ProfileSector
from programmes.models import Membership, Programme, Role
from programmes.services import check_programme_open

_PROFILE_SCALARS = (
    "goals",
    "goals_text",
    "city",
    "country",
    "online",
    "availability",
    "gender",
    "woman_mentor_only",
    "online_only",
    "share_email",
    "share_phone",
    "capacity",
    "support_qualities",
    "available",
    "organisation",
    "worker_role",
    "topics_expertise",
    "topics_interest",
)


@dataclass(frozen=True)
class ConsentInput:
    version: str
    method: str = ConsentMethod.SELF_ONLINE
    purposes: tuple[str, ...] = ()
    """Optional further purposes she agreed to at sign-up, each to its current text version."""


def _check_signup_allowed(programme: Programme, role: str) -> None:
    if not programme.signup_open:
        raise NotAllowed(gettext("Sign-up to this programme is closed at the moment."))
    if role not in programme.participant_roles():
        allowed = ", ".join(programme.participant_roles())
        raise DomainError(gettext("This programme takes people as: %(roles)s.") % {"roles": allowed}, field="role")


def _check_consent(programme: Programme, consent: ConsentInput) -> None:
    if consent.version != programme.consent_version:
        raise DomainError(
            gettext("The consent text has changed since the form was opened; please read it again and agree."),
            field="consent.version",
        )


def _email_taken(email: str) -> bool:
    return User.objects.annotate(email_lower=Lower("email")).filter(email_lower=email.lower()).exists()


def _send_verification(request: HttpRequest, address: EmailAddress) -> None:
    # allauth builds the link from the request it finds in its context, which may be over by commit time.
    with request_context(request):
        address.send_confirmation(request, signup=True)


def _write_profile(profile: Profile, data: dict[str, Any]) -> None:
    for field in _PROFILE_SCALARS:
        if field in data:
            setattr(profile, field, data[field])
    profile.full_clean(exclude=["membership"])
    profile.save()
    if "languages" in data:
        profile.languages.all().delete()
        LanguageSkill.objects.bulk_create(
            LanguageSkill(profile=profile, language=item["code"], level=item["level"]) for item in data["languages"]
        )
    if "sectors" in data:
        profile.sectors.all().delete()
        ProfileSector.objects.bulk_create(
            ProfileSector(profile=profile, code=code) for code in sorted(set(data["sectors"]))
        )


def _programme_consent(
    user: User, programme: Programme, asked: ConsentAsked, *, now: datetime, method: str, entered_by: User | None
) -> dict[str, Any]:
    """Her consent to the programme's purpose, as the text she was asked: a ConsentRecord's fields."""
    return {
        "user": user,
        "programme": programme,
        "purpose": ConsentPurpose.PROGRAMME,
        "text_version": asked.version,
        "text": asked.text,
        "language": asked.language,
        "given_at": now,
        "method": method,
        "entered_by": entered_by,
    }


def _create_participant(
    *,
    user: User,
    programme: Programme,
    role: str,
    profile_data: dict[str, Any],
    consent: ConsentInput,
    now: datetime,
    entered_by: User | None,
) -> Profile:
    if Membership.objects.filter(user=user, programme=programme).exclude(role=Role.COORDINATOR).exists():
        raise Conflict(gettext("You have already signed up to this programme."))
    membership = Membership.objects.create(user=user, programme=programme, role=role)
    profile = Profile(membership=membership)
    _write_profile(profile, profile_data)
    # The text she read, in the language of her sign-up (the form asks the programme in her interface language).
    asked = consent_asked(programme=programme, purpose=ConsentPurpose.PROGRAMME, language=user.preferred_language)
    ConsentRecord.objects.create(
        **_programme_consent(user, programme, asked, now=now, method=consent.method, entered_by=entered_by)
    )
    purposes = set(consent.purposes)
    if profile.share_email or profile.share_phone:
        purposes.add(ConsentPurpose.CONTACT_SHARING)  # ticking "show my email/phone" is that consent
    for purpose in sorted(purposes - {ConsentPurpose.PROGRAMME}):
        version = consent_asked(programme=programme, purpose=purpose, language=user.preferred_language).version
        consent_give(
            user=user,
            programme=programme,
            purpose=purpose,
            version=version,
            now=now,
            language=user.preferred_language,
            method=consent.method,
            entered_by=entered_by,
        )
    return profile


def participant_sign_up(
    *,
    programme: Programme,
    role: str,
    account: dict[str, Any] | None,
    user: User | None,
    profile_data: dict[str, Any],
    consent: ConsentInput,
    now: datetime,
    request: HttpRequest | None = None,
) -> Profile | None:
    """Create the account (unless ``user`` is given), membership, profile and consent, all or nothing.

    The verification email is sent only once everything is stored. A new account whose email is already taken
    gets None and nothing is stored: the owner of the address is emailed instead, and the caller answers as
    for a new account, so that sign-up never tells whether an address has an account.
    """
    _check_signup_allowed(programme, role)
    _check_consent(programme, consent)
    if user is None:
        if account is None:
            raise DomainError(gettext("Give your email, a password and your name."), field="account")
        if _email_taken(account["email"]):
            _tell_owner_of_taken_email(account, programme)
            return None
    try:
        with transaction.atomic():
            if user is None:
                assert account is not None
                user = User.objects.create_user(
                    account["email"],
                    account["password"],
                    display_name=account["display_name"],
                    full_name=account.get("full_name", ""),
                    phone=account.get("phone", ""),
                    preferred_language=account.get("preferred_language", "en"),
                    address_as=account.get("address_as", ""),
                )
                address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
                if request is not None:
                    transaction.on_commit(lambda: _send_verification(request, address))
            return _create_participant(
                user=user,
                programme=programme,
                role=role,
                profile_data=profile_data,
                consent=consent,
                now=now,
                entered_by=None,
            )
    except IntegrityError:
        # Two sign-ups with the same email raced each other; the database kept one.
        if user is None and account is not None:
            _tell_owner_of_taken_email(account, programme)
            return None
        raise Conflict(gettext("An account with this email already exists. Log in to join.")) from None


def participant_join_invited(
    *, programme: Programme, role: str, user: User, profile_data: dict[str, Any], consent: ConsentInput, now: datetime
) -> Profile:
    """An invited person joins as a participant with her account (new or existing): as sign-up, but open to her
    also while the programme's public sign-up is closed (the invitation is the way in). Call it inside the
    invitation's transaction."""
    check_programme_open(programme)
    if role not in programme.participant_roles():
        allowed = ", ".join(programme.participant_roles())
        raise DomainError(gettext("This programme takes people as: %(roles)s.") % {"roles": allowed}, field="role")
    _check_consent(programme, consent)
    return _create_participant(
        user=user, programme=programme, role=role, profile_data=profile_data, consent=consent, now=now, entered_by=None
    )


def _tell_owner_of_taken_email(account: dict[str, Any], programme: Programme) -> None:
    # Hash the given password as a new account would, so the answer takes as long either way.
    make_password(account.get("password") or None)
    owner = User.objects.annotate(email_lower=Lower("email")).filter(email_lower=account["email"].lower()).first()
    if owner is not None:
        send_already_signed_up(user=owner, programme=programme)


def mentee_assisted_sign_up(
    *,
    programme: Programme,
    coordinator: User,
    account: dict[str, Any],
    profile_data: dict[str, Any],
    consent: ConsentInput,
    now: datetime,
) -> Profile:
    """A coordinator registers a mentee who has no email or needs help; her consent is recorded with who
    entered it and how she gave it. She has no password: she can be invited to set one later."""
    _check_signup_allowed(programme, Role.MENTEE)
    _check_consent(programme, consent)
    email = account.get("email") or None
    if email and _email_taken(email):
        raise DomainError(gettext("An account with this email already exists."), field="account.email")
    with transaction.atomic():
        user = User.objects.create_user(
            email,
            None,
            display_name=account["display_name"],
            full_name=account.get("full_name", ""),
            phone=account.get("phone", ""),
            preferred_language=account.get("preferred_language", "en"),
            address_as=account.get("address_as", ""),
        )
        if email:
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        return _create_participant(
            user=user,
            programme=programme,
            role=Role.MENTEE,
            profile_data=profile_data,
            consent=consent,
            now=now,
            entered_by=coordinator,
        )


def profile_update(*, profile: Profile, data: dict[str, Any], now: datetime | None = None) -> Profile:
    with transaction.atomic():
        locked = Profile.objects.select_for_update().get(pk=profile.pk)
        if "capacity" in data:
            load = Match.objects.filter(mentor=locked, state__in=OPEN_STATES).count()
            if data["capacity"] < load:
                raise Conflict(
                    ngettext(
                        "You have %(load)d offered or active match now; end it before lowering your capacity "
                        "to %(capacity)d.",
                        "You have %(load)d offered or active matches now; end one before lowering your capacity "
                        "to %(capacity)d.",
                        load,
                    )
                    % {"load": load, "capacity": data["capacity"]}
                )
        _write_profile(locked, data)
        if data.get("share_email") or data.get("share_phone"):
            contact_sharing_ensure(
                user=locked.membership.user, programme=locked.membership.programme, now=now or timezone.now()
            )
    return locked


def profile_verify(*, profile: Profile, by: User, now: datetime) -> Profile:
    if profile.membership.role not in (Role.MENTOR, Role.EMPLOYER):
        raise DomainError(gettext("Only mentors and employers are verified."))
    if profile.verified_at is None:
        profile.verified_at = now
        profile.verified_by = by
        profile.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return profile


def participants_import(
    *,
    programme: Programme,
    coordinator: User,
    role: str,
    people: list[tuple[dict[str, Any], dict[str, Any]]],
    consent_method: str,
    now: datetime,
) -> list[tuple[User, bool]]:
    """A coordinator's import, already checked row by row with sign-up's own serializers: each (account, profile)
    becomes a participant. A new person gets an account without a password; an email that has an account joins
    that account (never a second one). Consent is recorded as given to the coordinator, with how. Written in
    bulk (a few statements per kind of row, not per person); call it inside the import's transaction. Returns each
    person's account and whether it is new, in order."""
    check_programme_open(programme)
    if role not in programme.participant_roles():
        allowed = ", ".join(programme.participant_roles())
        raise DomainError(gettext("This programme takes people as: %(roles)s.") % {"roles": allowed}, field="role")
    emails = {account["email"].lower() for account, _profile in people if account.get("email")}
    known: dict[str, User] = {
        str(user.email).lower(): user
        for user in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=list(emails))
    }
    if Membership.objects.filter(user__in=list(known.values()), programme=programme).exclude(role=Role.COORDINATOR):
        raise Conflict(gettext("This person is already in the programme."))
    accounts: list[tuple[User, bool]] = []
    for account, _profile in people:
        email = (account.get("email") or "").lower() or None
        found = known.get(email) if email else None
        if found is None:
            user = User(
                email=email,
                display_name=account["display_name"],
                full_name=account.get("full_name", ""),
                phone=account.get("phone", ""),
                preferred_language=account.get("preferred_language", "en"),
            )
            user.set_unusable_password()
            name_fields_normalise(user, "display_name", "full_name", "phone")
            accounts.append((user, True))
        else:
            accounts.append((found, False))
    new = [user for user, created in accounts if created]
    User.objects.bulk_create(new, batch_size=500)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, primary=True, verified=False) for user in new if user.email],
        batch_size=500,
    )
    memberships = [Membership(user=user, programme=programme, role=role) for user, _created in accounts]
    Membership.objects.bulk_create(memberships, batch_size=500)
    profiles = []
    for membership, (_account, data) in zip(memberships, people, strict=True):
        profile = Profile(membership=membership)
        for field in _PROFILE_SCALARS:
            if field in data:
                setattr(profile, field, data[field])
        name_fields_normalise(profile, "city", "organisation")
        profiles.append(profile)
    Profile.objects.bulk_create(profiles, batch_size=500)
    LanguageSkill.objects.bulk_create(
        [
            LanguageSkill(profile=profile, language=item["code"], level=item["level"])
            for profile, (_account, data) in zip(profiles, people, strict=True)
            for item in data.get("languages", [])
        ],
        batch_size=1000,
    )
    ProfileSector.objects.bulk_create(
        [
            ProfileSector(profile=profile, code=code)
            for profile, (_account, data) in zip(profiles, people, strict=True)
            for code in sorted(set(data.get("sectors", [])))
        ],
        batch_size=1000,
    )
    asked: dict[str, ConsentAsked] = {}
    records = []
    for person, _created in accounts:
        language = person.preferred_language
        if language not in asked:
            asked[language] = consent_asked(programme=programme, purpose=ConsentPurpose.PROGRAMME, language=language)
        fields = _programme_consent(
            person, programme, asked[language], now=now, method=consent_method, entered_by=coordinator
        )
        records.append(ConsentRecord(**fields))
    ConsentRecord.objects.bulk_create(records, batch_size=500)
    return accounts
