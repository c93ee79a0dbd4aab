"""Changes to programmes by their coordinators, and by their organisation's admins (new programmes, coordinators)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from accounts.models import User
from common.errors import Conflict, DomainError
from common.languages import FALLBACK_LANGUAGE
from learning.selectors import has_ready_model
from privacy.audit import audit_record
from programmes.matching_settings import (
    GROUP_FIELDS,
    LEARNING_FIELDS,
    MATCHING_FIELDS,
    RULE_FIELDS,
    effective_matching_settings,
    group_sizes,
    learning_values,
    weights_of,
)
from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role
from programmes.tasks import send_coordinator_appointment
from programmes.texts import local_text, texts_clean, texts_merge


def check_programme_open(programme: Programme) -> None:
    """Refuses what starts something new in a closed programme (runs, offers, rounds, sign-up)."""
    if programme.closed_at is not None:
        raise Conflict(gettext("This programme is closed. Its figures are kept, but nothing new can start in it."))


def matching_settings_merge(*, programme: Programme, changes: dict[str, Any]) -> dict[str, Any]:
    """The programme's stored matching settings with ``changes`` laid over them (weights part by part), checked
    as a whole: the weights cannot all be 0, the smallest group cannot be larger than the largest, and each setting
    must suit the programme's kind. Raises DomainError naming the field."""
    peer_network = programme.kind == ProgrammeKind.PEER_NETWORK
    for field in changes:
        if field in GROUP_FIELDS and not peer_network:
            raise DomainError(gettext("Group sizes are a setting of peer networks."), field=field)
        if field in RULE_FIELDS and peer_network:
            raise DomainError(gettext("Matching rules and weights are settings of mentoring programmes."), field=field)
        if field in LEARNING_FIELDS and peer_network:
            raise DomainError(gettext("Learning from outcomes is a setting of mentoring programmes."), field=field)
    merged = dict(programme.matching_settings or {})
    for field, value in changes.items():
        merged[field] = {**weights_of(merged.get("weights")), **value} if field == "weights" else value
    if "weights" in changes and not any(weight > 0 for weight in merged["weights"].values()):
        raise DomainError(
            gettext("At least one weight must be above 0: a score made of nothing cannot tell pairs apart."),
            field="weights",
        )
    if any(field in LEARNING_FIELDS for field in changes):
        _learning_check(programme, merged, changes)
    if peer_network and changes:
        low, high = group_sizes(merged)
        if low > high:
            field = "group_max_size" if "group_max_size" in changes else "group_min_size"
            raise DomainError(gettext("The smallest group cannot be larger than the largest."), field=field)
    return merged


def _learning_check(programme: Programme, merged: dict[str, Any], changes: dict[str, Any]) -> None:
    """The fairness guard protects one of the monitored groupings; a learned weight needs a trained model."""
    learning = learning_values(merged)
    if learning["fairness_min_share"] is not None:
        monitored, group = learning["monitored_groups"], learning["fairness_group"]
        if group is None and len(monitored) == 1:
            merged["fairness_group"] = monitored[0]
        elif group not in monitored:
            raise DomainError(
                gettext("The fairness guard protects one of the monitored groups: monitor it, or choose another."),
                field="fairness_group",
            )
    if changes.get("learned_weight", 0) > 0 and not has_ready_model(programme):
        raise DomainError(
            gettext("There is no trained model yet: train one on the model page before giving it a weight."),
            field="learned_weight",
        )


def programme_update(*, programme: Programme, data: dict[str, Any], by: User, now: datetime) -> Programme:
    """Changes the programme's settings; each change is recorded in its audit trail (old and new value)."""
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if data.get("signup_open"):
            check_programme_open(locked)
        before = {**programme_settings_values(locked)}
        matching = {field: value for field, value in data.items() if field in MATCHING_FIELDS}
        if matching:
            locked.matching_settings = matching_settings_merge(programme=locked, changes=matching)
        for field, value in data.items():
            if field not in MATCHING_FIELDS:
                setattr(locked, field, value)
        locked.full_clean()
        locked.save()
        after = programme_settings_values(locked)
        changed = {field: [before[field], after[field]] for field in after if before[field] != after[field]}
        if changed:
            audit_record(
                action="programme.settings_change",
                target=locked,
                at=now,
                actor=by,
                actor_role="coordinator",
                programme=locked,
                detail=changed,
            )
    return locked


def programme_settings_values(programme: Programme) -> dict[str, Any]:
    """The values an update can change, as a run or the retention job would read them."""
    return {
        "languages": list(programme.languages),
        "signup_open": programme.signup_open,
        "offer_expiry_days": programme.offer_expiry_days,
        "match_duration_days": programme.match_duration_days,
        "retention_inactive_days": programme.retention_inactive_days,
        "retention_grace_days": programme.retention_grace_days,
        "message_retention_months": programme.message_retention_months,
        **effective_matching_settings(programme),
    }


def _next_version(version: str) -> str:
    return str(int(version) + 1) if version.isdigit() else f"{version}.1"


def programme_texts_update(*, programme: Programme, changes: dict[str, Any]) -> Programme:
    """Lays ``changes`` (``{field: {language: text}}``, an empty text removing that language) over the programme's
    texts. A changed consent addition is a new consent wording: the consent version moves on, so the ledger's
    records keep saying what each person agreed to, and sign-ups from now on agree to the new words."""
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        try:
            texts = texts_clean(texts_merge(locked.texts, changes))
        except ValidationError as error:
            raise DomainError(error.messages[0], field="texts") from None
        if texts.get("consent_addition") != locked.texts.get("consent_addition"):
            locked.consent_version = _next_version(locked.consent_version)
        locked.texts = texts
        locked.name = local_text(texts, "name", FALLBACK_LANGUAGE).text
        locked.full_clean()
        locked.save()
    return locked


def _free_slug(name: str) -> str:
    base = (slugify(name, allow_unicode=False) or "programme")[:70].strip("-") or "programme"
    slug, n = base, 1
    while Programme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def programme_create(
    *, organisation: Organisation, data: dict[str, Any], name_language: str, by: User, coordinate: bool
) -> Programme:
    """A new programme of the organisation, its sign-up closed until it is set up (unless asked open). The admin
    who creates it becomes one of its coordinators when she asks to (``coordinate``)."""
    fields = dict(data)
    name = fields.pop("name")
    with transaction.atomic():
        programme = Programme(
            organisation=organisation,
            slug=_free_slug(name),
            name=name,
            texts={"name": {name_language: name}},
            **fields,
        )
        programme.full_clean()
        programme.save()
        if coordinate:
            Membership.objects.create(user=by, programme=programme, role=Role.COORDINATOR)
    return programme


@dataclass(frozen=True)
class Appointment:
    membership: Membership
    created: bool
    """False: she already coordinated this programme (nothing changed, no email sent)."""
    new_account: bool


def coordinator_appoint(
    *, programme: Programme, email: str, display_name: str, language: str, site: str
) -> Appointment:
    """Makes the person with this email a coordinator of the programme. An existing account is used as it is; a new
    one is made without a password, and its owner gets a link to set one. Either way she is told by email (after
    the commit), in her language."""
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        new_account = user is None
        if user is None:
            user = User(email=email, display_name=display_name, preferred_language=language)
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
        membership, created = Membership.objects.get_or_create(
            user=user, programme=programme, role=Role.COORDINATOR, defaults={}
        )
        if created:
            transaction.on_commit(lambda: send_coordinator_appointment.delay(str(membership.pk), site, new_account))
    return Appointment(membership=membership, created=created, new_account=new_account)


def coordinator_remove(*, membership: Membership) -> None:
    """Ends a coordinator's role in the programme (her account and any other role stay). The last coordinator
    cannot be removed: offers wait for a coordinator's approval, and nobody would be left to give it."""
    with transaction.atomic():
        Programme.objects.select_for_update().get(pk=membership.programme_id)
        coordinators = Membership.objects.filter(programme_id=membership.programme_id, role=Role.COORDINATOR)
        if not coordinators.filter(pk=membership.pk).exists():
            return  # removed meanwhile: the answer is the same
        if coordinators.count() == 1:
            raise Conflict(
                gettext("A programme needs at least one coordinator: appoint another before removing this one.")
            )
        membership.delete()


COPIED_SETTINGS = (
    "kind",
    "city",
    "country",
    "online",
    "languages",
    "offer_expiry_days",
    "match_duration_days",
    "matching_settings",
    "retention_inactive_days",
    "retention_grace_days",
    "message_retention_months",
)
"""What the next cohort takes over from a programme: every setting, never its people, matches or figures."""


def programme_duplicate(
    *, programme: Programme, name: str, name_language: str, by: User, coordinate: bool
) -> Programme:
    """A new programme of the same organisation with the same settings and texts (description, welcome, the
    programme's own consent words) under a new name; sign-up closed until it is opened."""
    texts = {field: dict(value) for field, value in (programme.texts or {}).items() if field != "name"}
    with transaction.atomic():
        copy = Programme(
            organisation_id=programme.organisation_id,
            slug=_free_slug(name),
            name=name,
            texts={**texts, "name": {name_language: name}},
            signup_open=False,
            **{field: getattr(programme, field) for field in COPIED_SETTINGS},
        )
        copy.full_clean()
        copy.save()
        if coordinate:
            Membership.objects.create(user=by, programme=copy, role=Role.COORDINATOR)
    return copy
