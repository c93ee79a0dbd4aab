"""Reads of safety reports and blocks, with the permission filter built in."""

from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import gettext

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
        raise NotFound(gettext("No such report among those of your programmes."))
    return report


def open_reports_count(*, user: User) -> int:
    return Report.objects.filter(programme__in=programmes_coordinated_by(user=user), status=ReportStatus.OPEN).count()


def blocks_by(*, user: User) -> QuerySet[Block]:
    return Block.objects.filter(blocker=user).select_related("blocked", "programme")
