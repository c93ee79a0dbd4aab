"""Safeguarding: report a person (pausing the match and alerting the coordinators), block a person, and the
coordinators' decisions on a report. Every step is audited in the same transaction.

The reported person never learns who reported: nothing here notifies her, and the reporter's identity is only
in the coordinators' view and the audit trail.
"""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from accounts.models import User
from common.errors import Conflict, DomainError, NotAllowed, NotFound
from mentoring import services as mentoring
from mentoring.models import Match, MatchSource, MatchState
from notifications.services import notify
from peers.models import GroupMember, PeerGroup, RoundStatus
from privacy.audit import audit_record
from profiles.models import Profile
from programmes.models import Programme, Role
from safeguarding.models import Block, Report, ReportContext, ReportStatus

SAFETY_END_REASON = "safety_concern"
"""The end reason recorded when a coordinator ends a match after a report; the other side sees "Other"."""

_PAUSABLE = (MatchState.OFFERED, MatchState.ACTIVE)


def _coordinators(programme: Programme) -> list[User]:
    return list(
        User.objects.filter(
            memberships__programme=programme, memberships__role=Role.COORDINATOR, is_active=True
        ).distinct()
    )


def _alert_coordinators(report: Report, now: datetime) -> None:
    for coordinator in _coordinators(report.programme):
        notify(
            user=coordinator,
            kind="safety_report",
            programme=report.programme,
            audience="coordinator",
            dedupe_key=f"safety_report:{report.pk}:{coordinator.pk}",
            now=now,
        )


def _audit(report: Report, action: str, *, by: User | None, role: str, now: datetime, reason: str = "") -> None:
    audit_record(
        action=f"safety.{action}",
        target=report,
        at=now,
        actor=by,
        actor_role=role,
        programme=report.programme,
        reason=reason,
        detail={"category": report.category, "context": report.context, "status": report.status},
    )


def _check_text(text: str) -> str:
    text = text.strip()
    if len(text) > 4000:
        raise DomainError(gettext("Please keep it under 4000 characters."), field="text")
    return text


def report_on_match(
    *,
    match: Match,
    reporter: User,
    role: str,
    category: str,
    text: str,
    now: datetime,
    excerpt: list[dict[str, Any]] | None = None,
) -> Report:
    """The mentee or the mentor reports the other side: the match is paused at once (if offered or active) and
    the programme's coordinators are alerted. ``excerpt``: the messages she chose to attach."""
    if role not in ("mentee", "mentor"):
        raise NotAllowed(gettext("Only the mentee or the mentor of this match can report the other person."))
    other = match.mentor if role == "mentee" else match.mentee
    with transaction.atomic():
        report = Report.objects.create(
            programme=match.programme,
            context=ReportContext.MATCH,
            match=match,
            reporter=reporter,
            reporter_role=role,
            reported=other.membership.user,
            reported_role=other.membership.role,
            category=category,
            text=_check_text(text),
            excerpt=excerpt or None,
        )
        _audit(report, "report", by=reporter, role=role, now=now)
        if match.state in _PAUSABLE:
            mentoring.match_pause(match=match, by=reporter, role=role, now=now)
        _alert_coordinators(report, now)
    return report


def _member(group: PeerGroup, profile_id: UUID) -> GroupMember | None:
    return group.members.select_related("profile__membership__user").filter(profile_id=profile_id).first()


def report_on_group_member(
    *,
    group: PeerGroup,
    reporter: User,
    member: Profile,
    category: str,
    text: str,
    now: datetime,
    excerpt: list[dict[str, Any]] | None = None,
) -> Report:
    """A frontline worker reports another member of her published peer group; coordinators are alerted."""
    if group.round.status != RoundStatus.PUBLISHED or not group.members.filter(profile__membership__user=reporter):
        raise NotFound(gettext("No such group among yours."))
    target = _member(group, member.pk)
    if target is None or target.profile.membership.user_id == reporter.pk:
        raise DomainError(gettext("Choose another member of this group."), field="person")
    with transaction.atomic():
        report = Report.objects.create(
            programme=group.round.programme,
            context=ReportContext.GROUP,
            group=group,
            reporter=reporter,
            reporter_role=Role.FRONTLINE_WORKER,
            reported=target.profile.membership.user,
            reported_role=target.profile.membership.role,
            category=category,
            text=_check_text(text),
            excerpt=excerpt or None,
        )
        _audit(report, "report", by=reporter, role=Role.FRONTLINE_WORKER, now=now)
        _alert_coordinators(report, now)
    return report


def block_create(*, blocker: User, blocked: User, programme: Programme | None, now: datetime) -> Block:
    """``blocker`` blocks ``blocked``: the pair is never proposed again, and ``blocked`` no longer sees
    ``blocker``'s card or contact. Blocking twice changes nothing."""
    if blocker.pk == blocked.pk:
        raise DomainError(gettext("You cannot block yourself."))
    with transaction.atomic():
        block = Block.objects.filter(blocker=blocker, blocked=blocked).first()
        if block is not None:
            return block
        try:
            with transaction.atomic():
                block = Block.objects.create(blocker=blocker, blocked=blocked, programme=programme)
        except IntegrityError:
            return Block.objects.get(blocker=blocker, blocked=blocked)
        # Proposals nobody acted on yet between the two are withdrawn (offers and matches stay, to be decided).
        Match.objects.filter(
            state=MatchState.PROPOSED,
            source__in=[MatchSource.ENGINE, MatchSource.HAND, MatchSource.ROLLOVER],
            mentee__membership__user__in=[blocker, blocked],
            mentor__membership__user__in=[blocker, blocked],
        ).delete()
        audit_record(
            action="safety.block", target=block, at=now, actor=blocker, actor_role="participant", programme=programme
        )
    return block


def block_remove(*, block: Block, by: User, now: datetime) -> None:
    if block.blocker_id != by.pk:
        raise NotFound(gettext("No such block among yours."))
    with transaction.atomic():
        audit_record(
            action="safety.unblock",
            target=block,
            at=now,
            actor=by,
            actor_role="participant",
            programme=block.programme,
        )
        block.delete()


def _lock_open(report: Report) -> Report:
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("programme", "match", "reported")
        .get(pk=report.pk)
    )
    if locked.status != ReportStatus.OPEN:
        raise Conflict(gettext("This report has already been dealt with."))
    return locked


def _resolve(report: Report, status: str, *, by: User, note: str, now: datetime) -> None:
    report.status = status
    report.resolved_by = by
    report.resolved_at = now
    report.resolution_note = note
    report.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"])


def _check_note(note: str) -> str:
    note = note.strip()
    if not note:
        raise DomainError(gettext("Write a short note on what you decided and why."), field="note")
    return note


def report_dismiss(*, report: Report, by: User, note: str, now: datetime) -> Report:
    """No action needed: the report is closed and a paused match goes on where it was."""
    note = _check_note(note)
    with transaction.atomic():
        locked = _lock_open(report)
        if locked.match is not None and locked.match.state == MatchState.PAUSED:
            mentoring.match_resume(match=locked.match, by=by, reason="safety report dismissed", now=now)
        _resolve(locked, ReportStatus.DISMISSED, by=by, note=note, now=now)
        _audit(locked, "dismiss", by=by, role="coordinator", now=now)
    return locked


def _end_match(match: Match | None, *, by: User, now: datetime) -> None:
    if match is None:
        return
    match.refresh_from_db()
    if match.state in (MatchState.ACTIVE, MatchState.PAUSED):
        mentoring.match_end(
            match=match, by=by, role="coordinator", reason_code=SAFETY_END_REASON, reason_text="", now=now
        )
    elif match.state == MatchState.OFFERED:
        mentoring.match_pause(match=match, by=by, role="coordinator", now=now)
        mentoring.match_end(
            match=match, by=by, role="coordinator", reason_code=SAFETY_END_REASON, reason_text="", now=now
        )


def report_end_match(*, report: Report, by: User, note: str, now: datetime) -> Report:
    """End the reported match for good (the other side sees a neutral reason)."""
    note = _check_note(note)
    with transaction.atomic():
        locked = _lock_open(report)
        if locked.match is None:
            raise DomainError(gettext("This report is not about a match; dismiss it or suspend the person instead."))
        _end_match(locked.match, by=by, now=now)
        _resolve(locked, ReportStatus.MATCH_ENDED, by=by, note=note, now=now)
        _audit(locked, "end_match", by=by, role="coordinator", now=now)
    return locked


def report_suspend_person(*, report: Report, by: User, note: str, now: datetime) -> Report:
    """Deactivate the reported person's account (her next request is refused and her sessions end) and end the
    reported match. Staff accounts are suspended by an administrator, not from here."""
    note = _check_note(note)
    with transaction.atomic():
        locked = _lock_open(report)
        person = locked.reported
        if person is None:
            raise Conflict(gettext("The reported account no longer exists."))
        if person.is_staff or person.pk == by.pk:
            raise NotAllowed(gettext("This account cannot be suspended from here; ask an administrator."))
        # Her sessions stay in the store but the session middleware answers 401 to the next request and ends it.
        User.objects.filter(pk=person.pk).update(is_active=False)
        _end_match(locked.match, by=by, now=now)
        _resolve(locked, ReportStatus.PERSON_SUSPENDED, by=by, note=note, now=now)
        _audit(locked, "suspend", by=by, role="coordinator", now=now)
        audit_record(
            action="account.suspend",
            target=person,
            at=now,
            actor=by,
            actor_role="coordinator",
            programme=locked.programme,
            detail={"report": str(locked.pk)},
        )
    return locked
