"""Reads of consents and sensitive attributes, with the permission filter built in and sensitive reads audited.

The consent reads every app makes (whose consent is in force) are the leaf module privacy.consents."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from privacy.audit import audit_record
from privacy.consent_texts import CONSENT_TEXTS
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose, ConsentRecord, RetentionFlag, SensitiveAttributes
from privacy.sensitive import BY_CODE
from programmes.models import Membership, Programme, Role
from programmes.texts import programme_name


def consent_records_of(*, user: User) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(user=user).select_related("programme").order_by("programme__name", "-given_at")


def participant_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user).exclude(role=Role.COORDINATOR).select_related("programme").order_by("pk")
    )


def participant_membership(*, user: User, programme: Programme) -> Membership:
    """Her membership as a participant (not as a coordinator) of ``programme``; 404 in plain words if she has none."""
    membership = participant_memberships(user=user).filter(programme=programme).first()
    if membership is None:
        raise NotFound(gettext("You do not take part in this programme."))
    return membership


def coordinates_person(*, coordinator: User, person: User) -> Programme | None:
    """A programme that ``coordinator`` runs and ``person`` takes part in, or None."""
    return (
        Programme.objects.filter(memberships__user=coordinator, memberships__role=Role.COORDINATOR)
        .filter(Q(memberships__user=person) & ~Q(memberships__role=Role.COORDINATOR))
        .first()
    )


def sensitive_codes_read(
    *, subject: User, reader: User | None, reader_role: str, now: datetime, programme: Programme | None = None
) -> list[str]:
    """Her sensitive attribute codes; every read goes on the audit trail (who, when, whose), never the values.

    The caller has checked that ``reader`` may read them (the person herself or her programme's coordinator).
    """
    row = SensitiveAttributes.objects.filter(user=subject).first()
    codes = [code for code in (row.codes or []) if code in BY_CODE] if row is not None else []
    audit_record(
        action="sensitive.read",
        target=subject,
        at=now,
        actor=reader,
        actor_role=reader_role,
        programme=programme,
        detail={"count": len(codes)},
    )
    return codes


def matching_needs(
    *, programme: Programme, user_ids: Iterable[Any] | QuerySet[Any, Any], now: datetime
) -> dict[UUID, tuple[str, ...]]:
    """The matching effects of the sensitive attributes of those among ``user_ids`` who consented to their use
    for matching in ``programme``. One audit row records that the engine read them, and for how many people.

    ``user_ids`` may be a queryset of user ids (``.values("membership__user_id")``): it is then read as a
    subquery, so a run over a whole programme sends no IN list of every person (nor hits a parameter limit)."""
    in_force = ConsentRecord.objects.filter(
        programme=programme,
        purpose=ConsentPurpose.SENSITIVE_MATCHING,
        withdrawn_at__isnull=True,
        user_id=OuterRef("user_id"),
    )
    rows: list[SensitiveAttributes] = []
    if isinstance(user_ids, QuerySet):
        rows = list(SensitiveAttributes.objects.filter(Exists(in_force), user_id__in=user_ids))
    else:
        people = list(user_ids)
        for start in range(0, len(people), 5000):
            chunk = people[start : start + 5000]
            rows.extend(SensitiveAttributes.objects.filter(Exists(in_force), user_id__in=chunk))
    needs: dict[UUID, tuple[str, ...]] = {}
    for row in rows:
        effects = sorted({effect for code in row.codes or [] if code in BY_CODE for effect in BY_CODE[code].effects})
        if effects:
            needs[row.user_id] = tuple(effects)
    if needs:
        audit_record(
            action="sensitive.use_for_matching",
            target=programme,
            at=now,
            actor=None,
            actor_role="system",
            programme=programme,
            detail={"people": len(needs)},
        )
    return needs


def retention_flags_for_coordinator(*, user: User, programme: Programme) -> QuerySet[RetentionFlag]:
    coordinated = Membership.objects.filter(user=user, programme=programme, role=Role.COORDINATOR).exists()
    if not coordinated:
        return RetentionFlag.objects.none()
    return RetentionFlag.objects.filter(programme=programme).select_related("user").order_by("erase_after", "id")


def consent_statuses(*, user: User, language: str) -> list[dict[str, Any]]:
    """Each purpose in each programme she takes part in: in force, withdrawn or never given, with its records
    and the text asked for now."""
    records: dict[tuple[UUID, str], list[ConsentRecord]] = {}
    for record in ConsentRecord.objects.filter(user=user).order_by("-given_at"):
        records.setdefault((record.programme_id, record.purpose), []).append(record)
    rows = []
    for membership in participant_memberships(user=user).order_by("programme__name"):
        programme = membership.programme
        for purpose in ConsentPurpose.values:
            history = records.get((programme.pk, purpose), [])
            in_force = next((r for r in history if r.withdrawn_at is None), None)
            asked = consent_asked(programme=programme, purpose=purpose, language=language)
            rows.append(
                {
                    "programme": programme.pk,
                    "programme_name": programme_name(programme, language),
                    "purpose": purpose,
                    "consent_state": "given" if in_force else ("withdrawn" if history else "not_given"),
                    "current_version": asked.version,
                    "current_text": asked.text,
                    "current_language": asked.language,
                    "stops": CONSENT_TEXTS[purpose].stop(language),
                    "record": in_force or (history[0] if history else None),
                    "history": history,
                }
            )
    return rows
