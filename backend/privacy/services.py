"""Privacy's changes: the audit trail, consents given and withdrawn, and sensitive attributes.

Each change runs in a transaction and writes its audit row in it. Withdrawing a consent stops its use at
once: see ``consent_withdraw`` for what each purpose stops. Erasure and retention live in erasure.py and
retention.py.
"""

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import translation

from accounts.models import User
from common.errors import Conflict, DomainError, NotFound
from privacy.models import AuditEvent, ConsentMethod, ConsentPurpose, ConsentRecord, SensitiveAttributes
from privacy.sensitive import SENSITIVE_CODES
from programmes.models import Membership, Programme, Role


def audit_record(
    *,
    action: str,
    target: Any,
    at: datetime,
    actor: User | None,
    actor_role: str,
    programme: Programme | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        programme=programme,
        actor=actor,
        actor_role=actor_role,
        action=action,
        target_type=type(target).__name__.lower(),
        target_id=str(target.pk),
        at=at,
        reason=reason,
        detail=detail or {},
    )


# ------------------------------------------------------------------------------------------- consents


def consent_current(*, programme: Programme, purpose: str, language: str | None = None) -> tuple[str, str]:
    """The version and text of the consent asked for ``purpose`` now, in ``language`` where we have it.

    The programme purpose follows the programme's own version; its text is the programme's, translated from
    our catalogue while the programme keeps the standard wording.
    """
    from privacy.consent_texts import CONSENT_TEXTS, default_programme_text

    language = (language or translation.get_language() or "en").split("-")[0]
    entry = CONSENT_TEXTS[purpose]
    if purpose == ConsentPurpose.PROGRAMME:
        if programme.consent_text.strip() == default_programme_text():
            return programme.consent_version, entry.text(language)
        return programme.consent_version, programme.consent_text
    return entry.version, entry.text(language)


def _participant_membership(user: User, programme: Programme) -> Membership:
    membership = Membership.objects.filter(user=user, programme=programme).exclude(role=Role.COORDINATOR).first()
    if membership is None:
        raise NotFound("You do not take part in this programme.")
    return membership


def consent_give(
    *,
    user: User,
    programme: Programme,
    purpose: str,
    version: str,
    now: datetime,
    language: str | None = None,
    method: str = ConsentMethod.SELF_ONLINE,
    entered_by: User | None = None,
) -> ConsentRecord:
    """Record her consent for one purpose, to the text version she was shown. Giving it again changes nothing;
    agreeing to a newer version replaces the older record (which stays in the ledger as withdrawn)."""
    if purpose not in ConsentPurpose.values:
        raise DomainError("Choose one of the listed purposes.", field="purpose")
    current_version, text = consent_current(programme=programme, purpose=purpose, language=language)
    if version != current_version:
        raise DomainError(
            "The consent text has changed since the page was opened; please read it again and agree.",
            field="version",
        )
    with transaction.atomic():
        membership = _participant_membership(user, programme)
        in_force = (
            ConsentRecord.objects.select_for_update()
            .filter(user=user, programme=programme, purpose=purpose, withdrawn_at__isnull=True)
            .first()
        )
        if in_force is not None and in_force.text_version == version:
            return in_force
        if in_force is not None:
            in_force.withdrawn_at = now
            in_force.save(update_fields=["withdrawn_at", "updated_at"])
        try:
            with transaction.atomic():
                record = ConsentRecord.objects.create(
                    user=user,
                    programme=programme,
                    purpose=purpose,
                    text_version=version,
                    text=text,
                    given_at=now,
                    method=method,
                    entered_by=entered_by,
                )
        except IntegrityError:
            raise Conflict("This consent was just recorded; reload the page.") from None
        if purpose == ConsentPurpose.PROGRAMME and membership.left_at is not None:
            membership.left_at = None  # she comes back to the programme
            membership.save(update_fields=["left_at", "updated_at"])
        audit_record(
            action="consent.give",
            target=record,
            at=now,
            actor=entered_by or user,
            actor_role="coordinator" if entered_by else membership.role,
            programme=programme,
            detail={"purpose": purpose, "version": version, "method": method},
        )
    return record


def consent_withdraw(*, user: User, programme: Programme, purpose: str, now: datetime) -> ConsentRecord:
    """Withdraw one consent; its use stops at once.

    - programme: she leaves the programme: open offers and matches end (the other side gets a neutral notice),
      proposals are dropped, she is matched no more, and her other consents there are withdrawn too;
    - sensitive_matching: the engine no longer sees her sensitive attributes (next run, recommendations);
    - contact_sharing: nobody sees her email or phone any more (her sharing choices are cleared);
    - outcome_reporting: her feedback and results are left out of the programme's figures.
    """
    if purpose not in ConsentPurpose.values:
        raise DomainError("Choose one of the listed purposes.", field="purpose")
    with transaction.atomic():
        membership = _participant_membership(user, programme)
        record = (
            ConsentRecord.objects.select_for_update()
            .filter(user=user, programme=programme, purpose=purpose, withdrawn_at__isnull=True)
            .first()
        )
        if record is None:
            latest = ConsentRecord.objects.filter(user=user, programme=programme, purpose=purpose).first()
            if latest is not None:
                return latest  # already withdrawn: replaying changes nothing
            raise NotFound("There is no consent for this purpose to withdraw.")
        record.withdrawn_at = now
        record.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            action="consent.withdraw",
            target=record,
            at=now,
            actor=user,
            actor_role=membership.role,
            programme=programme,
            detail={"purpose": purpose, "version": record.text_version},
        )
        profile = getattr(membership, "profile", None)
        if purpose == ConsentPurpose.CONTACT_SHARING and profile is not None:
            profile.share_email = False
            profile.share_phone = False
            profile.save(update_fields=["share_email", "share_phone", "updated_at"])
        if purpose == ConsentPurpose.PROGRAMME:
            for other in ConsentRecord.objects.filter(
                user=user, programme=programme, withdrawn_at__isnull=True
            ).exclude(pk=record.pk):
                consent_withdraw(user=user, programme=programme, purpose=other.purpose, now=now)
            membership_leave(membership=membership, now=now, by=user)
    return record


def membership_leave(*, membership: Membership, now: datetime, by: User | None) -> Membership:
    """She stops taking part: open offers and matches end cleanly, proposals go, she is matched no more."""
    from mentoring.services import matches_end_for_leaving

    with transaction.atomic():
        profile = getattr(membership, "profile", None)
        if profile is not None:
            matches_end_for_leaving(profile=profile, now=now, by=by)
        if membership.left_at is None:
            membership.left_at = now
            membership.save(update_fields=["left_at", "updated_at"])
    return membership


def contact_sharing_ensure(*, user: User, programme: Programme, now: datetime) -> None:
    """Ticking "show my email / phone to my mentor" is her consent to share contacts: record it if not yet."""
    if not ConsentRecord.objects.filter(
        user=user, programme=programme, purpose=ConsentPurpose.CONTACT_SHARING, withdrawn_at__isnull=True
    ).exists():
        version, _text = consent_current(programme=programme, purpose=ConsentPurpose.CONTACT_SHARING)
        consent_give(
            user=user,
            programme=programme,
            purpose=ConsentPurpose.CONTACT_SHARING,
            version=version,
            now=now,
            language=user.preferred_language,
        )


# --------------------------------------------------------------------------------- sensitive attributes


def sensitive_attributes_set(*, user: User, codes: list[str], now: datetime) -> list[str]:
    """Store her answers (encrypted), or remove them all with an empty list. Only she changes them."""
    unknown = sorted(set(codes) - SENSITIVE_CODES)
    if unknown:
        raise DomainError(f"Unknown choice: {', '.join(unknown)}.", field="codes")
    chosen = sorted(set(codes))
    with transaction.atomic():
        if chosen:
            SensitiveAttributes.objects.update_or_create(user=user, defaults={"codes": chosen})
        else:
            SensitiveAttributes.objects.filter(user=user).delete()
        audit_record(
            action="sensitive.update",
            target=user,
            at=now,
            actor=user,
            actor_role="self",
            detail={"count": len(chosen)},
        )
    return chosen
