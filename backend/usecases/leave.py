"""Leaving a programme: one use case ends her part in every app at once, however she leaves.

She leaves by her own request, by withdrawing her consent to take part, when her account is deactivated (by an
administrator, or a coordinator acting on a safety report) or erased. Each way ends the same things, through each
app's own service: mentoring (proposals go, open offers are declined, running matches end, the other side is told
neutrally), peers (opt-ins go, she leaves draft groups, her published groups see that a member left, no follow-up
is asked), notifications (the programme's notices to her not yet emailed are not sent).
"""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from mentoring.services import matches_end_for_leaving
from notifications.services import notifications_cancel_for_leaving
from peers.services import member_leave
from privacy import services as privacy
from privacy.audit import audit_record
from privacy.models import ConsentPurpose, ConsentRecord
from privacy.selectors import participant_membership, participant_memberships
from profiles.models import Profile
from programmes.models import Membership, Programme
from safeguarding.models import Report
from safeguarding.services import report_suspend_person


def participation_end(*, membership: Membership, now: datetime, by: User | None, by_role: str, how: str) -> Membership:
    """End her part in the programme in every app and mark her as having left. ``how`` says which way she left
    (own_request, consent_withdrawn, deactivated, erased); replaying changes nothing."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("user", "programme").get(pk=membership.pk)
        profile = Profile.objects.filter(membership=locked).select_related("membership").first()
        if profile is not None:
            matches_end_for_leaving(profile=profile, now=now, by=by)
            member_leave(profile=profile, now=now)
        notifications_cancel_for_leaving(user=locked.user, programme=locked.programme, now=now)
        if locked.left_at is None:
            locked.left_at = now
            locked.save(update_fields=["left_at", "updated_at"])
            audit_record(
                action="programme.leave",
                target=locked,
                at=now,
                actor=by,
                actor_role=by_role,
                programme=locked.programme,
                detail={"how": how},
            )
    return locked


def programme_leave(*, user: User, programme: Programme, now: datetime) -> Membership:
    """She leaves the programme at her own request: her consents there are withdrawn and her part ends."""
    with transaction.atomic():
        membership = participant_membership(user=user, programme=programme)
        privacy.consents_withdraw_all(user=user, programme=programme, now=now)
        return participation_end(membership=membership, now=now, by=user, by_role=membership.role, how="own_request")


def consent_withdraw(*, user: User, programme: Programme, purpose: str, now: datetime) -> ConsentRecord:
    """Withdraw one consent. Withdrawing the consent to take part is leaving the programme: every other consent
    of hers there goes too, and her part ends in every app."""
    if purpose != ConsentPurpose.PROGRAMME:
        return privacy.consent_withdraw(user=user, programme=programme, purpose=purpose, now=now)
    with transaction.atomic():
        membership = participant_membership(user=user, programme=programme)
        record = privacy.consents_withdraw_all(user=user, programme=programme, now=now)
        if record is None:
            raise NotFound(gettext("There is no consent for this purpose to withdraw."))
        participation_end(membership=membership, now=now, by=user, by_role=membership.role, how="consent_withdrawn")
    return record


def account_deactivate(*, user: User, by: User | None, by_role: str, now: datetime) -> None:
    """Deactivate her account: she can no longer sign in (her sessions end at her next request) and her part in
    every programme ends. Her data stays until she or the retention schedule erases it."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        for membership in participant_memberships(user=user):
            participation_end(membership=membership, now=now, by=by, by_role=by_role, how="deactivated")
        audit_record(action="account.deactivate", target=user, at=now, actor=by, actor_role=by_role)


def report_suspend(*, report: Report, by: User, note: str, now: datetime) -> Report:
    """A coordinator suspends the person a safety report is about: safeguarding deactivates her account and ends
    the reported match, and her part in every programme ends."""
    with transaction.atomic():
        decided = report_suspend_person(report=report, by=by, note=note, now=now)
        if decided.reported is not None:
            for membership in participant_memberships(user=decided.reported):
                participation_end(membership=membership, now=now, by=by, by_role="coordinator", how="deactivated")
    return decided


def memberships_end_for_erasure(*, user: User, now: datetime, by_role: str) -> None:
    """Her account is being erased (``usecases.erasure``): her part in every programme ends first."""
    by = user if by_role == "self" else None
    for membership in participant_memberships(user=user):
        participation_end(membership=membership, now=now, by=by, by_role=by_role, how="erased")
