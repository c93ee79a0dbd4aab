"""Closing a programme, across apps: sign-up stops, proposals go, open offers are withdrawn with a polite notice to
both sides, nothing new can start (runs, offers, rounds, imports: ``programmes.services.check_programme_open``).
Running matches and published peer groups go on to their natural end, and every figure is kept for the reports.
Closing twice changes nothing."""

from datetime import datetime

from django.db import transaction

from accounts.models import User
from mentoring.services import offers_withdraw_for_closing
from privacy.audit import audit_record
from programmes.models import Programme, ProgrammeKind


def programme_close(*, programme: Programme, by: User, now: datetime) -> tuple[Programme, int]:
    """Returns the closed programme and how many open offers were withdrawn."""
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if locked.closed_at is not None:
            return locked, 0
        locked.closed_at = now
        locked.signup_open = False
        locked.save(update_fields=["closed_at", "signup_open", "updated_at"])
        withdrawn = 0
        if locked.kind == ProgrammeKind.MENTORING:
            withdrawn = offers_withdraw_for_closing(programme=locked, by=by, now=now)
        audit_record(
            action="programme.close",
            target=locked,
            at=now,
            actor=by,
            actor_role="coordinator",
            programme=locked,
            detail={"offers_withdrawn": withdrawn},
        )
    return locked, withdrawn
