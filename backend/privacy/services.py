"""Privacy's changes: consents given and withdrawn, and sensitive attributes.

Each change runs in a transaction and writes its audit row in it. Withdrawing a consent stops its use at
once: see ``consent_withdraw`` for what each purpose stops. Leaving a programme (withdrawing the consent to take
part), erasure, export and retention span every app and are use cases (usecases/), which call these.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from accounts.models import User
from common.errors import Conflict, DomainError, NotFound
from outcomes.models import OutcomeRequest
from privacy.audit import audit_record
from privacy.consents import consent_asked
from privacy.models import ConsentMethod, ConsentPurpose, ConsentRecord, SensitiveAttributes
from privacy.selectors import participant_membership
from privacy.sensitive import SENSITIVE_CODES
from programmes.models import Membership, Programme


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
        raise DomainError(gettext("Choose one of the listed purposes."), field="purpose")
    asked = consent_asked(programme=programme, purpose=purpose, language=language)
    if version != asked.version:
        raise DomainError(
            gettext("The consent text has changed since the page was opened; please read it again and agree."),
            field="version",
        )
    with transaction.atomic():
        membership = participant_membership(user=user, programme=programme)
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
                    text=asked.text,
                    language=asked.language,
                    given_at=now,
                    method=method,
                    entered_by=entered_by,
                )
        except IntegrityError:
            raise Conflict(gettext("This consent was just recorded; reload the page.")) from None
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
    """Withdraw one optional consent; its use stops at once.

    - sensitive_matching: the engine no longer sees her sensitive attributes (next run, recommendations);
    - contact_sharing: nobody sees her email or phone any more (her sharing choices are cleared);
    - outcome_reporting: her feedback and results are left out of the programme's figures.

    The consent to take part (purpose programme) is withdrawn by leaving the programme, which ends her part in
    every app: that is the use case ``usecases.leave``, which calls ``consents_withdraw_all``.
    """
    if purpose not in ConsentPurpose.values:
        raise DomainError(gettext("Choose one of the listed purposes."), field="purpose")
    if purpose == ConsentPurpose.PROGRAMME:
        raise ValueError(gettext("Withdrawing the consent to take part is leaving the programme: use usecases.leave."))
    with transaction.atomic():
        membership = participant_membership(user=user, programme=programme)
        record = (
            ConsentRecord.objects.select_for_update()
            .filter(user=user, programme=programme, purpose=purpose, withdrawn_at__isnull=True)
            .first()
        )
        if record is None:
            latest = ConsentRecord.objects.filter(user=user, programme=programme, purpose=purpose).first()
            if latest is not None:
                return latest  # already withdrawn: replaying changes nothing
            raise NotFound(gettext("There is no consent for this purpose to withdraw."))
        _withdraw(record, membership=membership, now=now)
    return record


def consents_withdraw_all(*, user: User, programme: Programme, now: datetime) -> ConsentRecord | None:
    """She leaves the programme: her consent to take part and every other consent of hers there are withdrawn.

    Only the leave use case (``usecases.leave``) calls this, as it also ends her part in every app. Returns her
    consent to take part as it now stands (None if she never gave one); replaying changes nothing.
    """
    with transaction.atomic():
        membership = participant_membership(user=user, programme=programme)
        in_force = ConsentRecord.objects.select_for_update().filter(
            user=user, programme=programme, withdrawn_at__isnull=True
        )
        for record in in_force.order_by("purpose"):
            _withdraw(record, membership=membership, now=now)
    return ConsentRecord.objects.filter(user=user, programme=programme, purpose=ConsentPurpose.PROGRAMME).first()


def _withdraw(record: ConsentRecord, *, membership: Membership, now: datetime) -> None:
    record.withdrawn_at = now
    record.save(update_fields=["withdrawn_at", "updated_at"])
    audit_record(
        action="consent.withdraw",
        target=record,
        at=now,
        actor=membership.user,
        actor_role=membership.role,
        programme=membership.programme,
        detail={"purpose": record.purpose, "version": record.text_version},
    )
    profile = getattr(membership, "profile", None)
    if record.purpose == ConsentPurpose.CONTACT_SHARING and profile is not None:
        profile.share_email = False
        profile.share_phone = False
        profile.save(update_fields=["share_email", "share_phone", "updated_at"])
    if record.purpose == ConsentPurpose.IMPROVE_MATCHING:  # her questions about what came of her matches stop
        OutcomeRequest.objects.filter(
            user_id=record.user_id, match__programme_id=record.programme_id, cancelled_at__isnull=True
        ).update(cancelled_at=now, updated_at=now)


def contact_sharing_ensure(*, user: User, programme: Programme, now: datetime) -> None:
    """Ticking "show my email / phone to my mentor" is her consent to share contacts: record it if not yet."""
    if not ConsentRecord.objects.filter(
        user=user, programme=programme, purpose=ConsentPurpose.CONTACT_SHARING, withdrawn_at__isnull=True
    ).exists():
        version = consent_asked(programme=programme, purpose=ConsentPurpose.CONTACT_SHARING).version
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
        raise DomainError(
            gettext("Unknown choice: %(choices)s.") % {"choices": ", ".join(unknown)}, field="sensitive_attributes"
        )
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
