"""Reads of safety reports and blocks, with the permission filter built in."""

from uuid import UUID

from django.db.models import Q, QuerySet

from accounts.models import User
from common.errors import NotFound
from programmes.models import Programme
from programmes.selectors import is_coordinator, programmes_coordinated_by
from safeguarding.models import Block, Report, ReportStatus


def reports_for_coordinator(*, user: User, programme: Programme, status: str | None = None) -> QuerySet[Report]:
    """A programme's reports for its coordinators, open ones first then newest."""
    if not is_coordinator(user=user, programme=programme):
        return Report.objects.none()
    reports = Report.objects.filter(programme=programme).select_related(
        "reporter", "reported", "resolved_by", "match", "group"
    )
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-created_at", "id")


def report_for_coordinator(*, user: User, report_id: UUID) -> Report:
    report = (
        Report.objects.select_related("programme", "reporter", "reported", "match", "group")
        .filter(pk=report_id, programme__in=programmes_coordinated_by(user=user))
        .first()
    )
    if report is None:
        raise NotFound("No such report among those of your programmes.")
    return report


def open_reports_count(*, user: User) -> int:
    return Report.objects.filter(programme__in=programmes_coordinated_by(user=user), status=ReportStatus.OPEN).count()


def blocks_by(*, user: User) -> QuerySet[Block]:
    return Block.objects.filter(blocker=user).select_related("blocked", "programme")


def hidden_from(*, viewer_id: UUID) -> frozenset[UUID]:
    """People who blocked ``viewer``: she no longer sees their card or contact."""
    return frozenset(Block.objects.filter(blocked_id=viewer_id).values_list("blocker_id", flat=True))


def is_blocked_between(*, first: UUID, second: UUID) -> bool:
    return Block.objects.filter(
        Q(blocker_id=first, blocked_id=second) | Q(blocker_id=second, blocked_id=first)
    ).exists()


def blocked_user_pairs(*, user_ids: set[UUID] | None = None) -> frozenset[frozenset[UUID]]:
    """Unordered pairs of people with a block either way (optionally among ``user_ids`` only)."""
    blocks = Block.objects.all()
    if user_ids is not None:
        blocks = blocks.filter(blocker_id__in=user_ids, blocked_id__in=user_ids)
    return frozenset(frozenset(pair) for pair in blocks.values_list("blocker_id", "blocked_id"))
