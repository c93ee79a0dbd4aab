"""The figures of a funder's report, counted in SQL for a list of programmes and a period of whole months.

Every function takes programme ids, not one programme: a report for a whole organisation is the same code over its
programmes. Each figure is one GROUP BY query (by breakdown group, column and month); the months feed the
suppression's rule against comparing two reports (suppression.py). The median waiting time reads only the middle
one or two rows of each group, sorted in SQL.
"""

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from accounts.models import User
from common.errors import NotFound
from mentoring.models import Feedback, GoalReached, Match, MatchState
from messaging.models import FirstMeeting
from peers.models import FollowUp, GroupMember, Round
from privacy.models import ConsentPurpose, ConsentRecord
from profiles.models import LanguageSkill, Profile
from programmes import reference_data
from programmes.models import Membership, Programme, ProgrammeKind, Role
from programmes.selectors import coordinated_programme
from reports.suppression import THRESHOLD, Grid, grid_of

MAX_MONTHS = 36
"""The longest period a report covers: three years."""

BREAKDOWNS = ("language", "city", "role")
ALL = "__all__"
"""The one row of a report without a breakdown."""
NOT_GIVEN = "__none__"
"""The group of people who did not say (no city, no language)."""


@dataclass(frozen=True)
class Period:
    """Whole calendar months, from the first day of ``first`` to the last day of ``last``, in the server's zone."""

    first: date
    last: date

    @classmethod
    def covering(cls, start: date, end: date) -> "Period":
        """The months that ``start`` to ``end`` touch (rule 3 of suppression.py: a report counts whole months)."""
        last_day = calendar.monthrange(end.year, end.month)[1]
        return cls(start.replace(day=1), end.replace(day=last_day))

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """From the start of the first day to the start of the day after the last."""
        zone = timezone.get_current_timezone()
        start = datetime.combine(self.first, time.min, tzinfo=zone)
        return start, datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=zone)


def reportable_programme(*, user: User, programme_id: UUID) -> Programme:
    """A programme she may see the report of: one she coordinates, or any for a site administrator. Anybody else
    gets the answer an unknown id gets."""
    if user.is_authenticated and user.is_superuser:
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None:
            raise NotFound(gettext("No such programme among those you coordinate."))
        return programme
    return coordinated_programme(user=user, programme_id=programme_id)


# --- Who a row is about, and the groups of the breakdown -------------------------------------------------------


def _best_language() -> Subquery:
    """The language the person in the row's ``person`` column speaks best (highest level, then by code): one
    language group each, so that the groups add up to the total."""
    return Subquery(
        LanguageSkill.objects.filter(profile_id=OuterRef("person"))
        .order_by("-level", "language")
        .values("language")[:1]
    )


def _of_person(field: str) -> Subquery:
    return Subquery(Profile.objects.filter(pk=OuterRef("person")).values(field)[:1])


GROUPERS: dict[str, Callable[[], Any]] = {
    "language": lambda: Coalesce(_best_language(), Value(NOT_GIVEN), output_field=CharField()),
    "city": lambda: Coalesce(_of_person("city"), Value(""), output_field=CharField()),
    "role": lambda: _of_person("membership__role"),
}


@dataclass(frozen=True)
class FigureQuery:
    """One figure: its rows (``queryset``), the time that puts a row in a month (``at``), the profile it is about
    (``person``), and what splits it into columns (``column``; none: one column of people)."""

    key: str
    label: Any
    kinds: tuple[str, ...]
    queryset: Callable[[Sequence[UUID]], QuerySet[Any]]
    at: str
    person: Callable[[], Any]
    column: Callable[[], Any] | None = None
    columns: Callable[[str], list[tuple[str, str]]] | None = None
    about_people: bool = True


def _participants(programme_ids: Sequence[UUID]) -> QuerySet[Membership]:
    return Membership.objects.filter(programme_id__in=programme_ids).exclude(role=Role.COORDINATOR)


def _first_match_at() -> Subquery:
    return Subquery(
        Match.objects.filter(mentee_id=OuterRef("pk"), accepted_at__isnull=False)
        .order_by("accepted_at")
        .values("accepted_at")[:1]
    )


def _matched_mentees(programme_ids: Sequence[UUID]) -> QuerySet[Any]:
    """Mentees with the time their first match began (``first_match_at``): each mentee counts once, in the month her
    first match began."""
    return Profile.objects.filter(membership__programme_id__in=programme_ids, membership__role=Role.MENTEE).annotate(
        first_match_at=_first_match_at()
    )


def _outcome_withheld() -> Q:
    """She withdrew her consent to outcome reporting (and did not give it again): her answers are not counted."""
    records = ConsentRecord.objects.filter(
        user_id=OuterRef("author_id"),
        programme_id=OuterRef("match__programme_id"),
        purpose=ConsentPurpose.OUTCOME_REPORTING,
    )
    return Q(Exists(records)) & ~Q(Exists(records.filter(withdrawn_at__isnull=True)))


def _decline_reasons(language: str) -> list[tuple[str, str]]:
    return [(item.code, item.label(language)) for item in reference_data.decline_reasons()]


def _goals_reached(language: str) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in GoalReached.choices]


def _people(language: str) -> list[tuple[str, str]]:
    return [("people", gettext("People"))]


def _decliner() -> Case:
    return Case(When(closed_by_role=Role.MENTEE, then=F("mentee_id")), default=F("mentor_id"))


def _author() -> Case:
    return Case(When(author_role=Role.MENTEE, then=F("match__mentee_id")), default=F("match__mentor_id"))


MENTORING = (ProgrammeKind.MENTORING,)
PEERS = (ProgrammeKind.PEER_NETWORK,)
BOTH = (ProgrammeKind.MENTORING, ProgrammeKind.PEER_NETWORK)

FIGURES: tuple[FigureQuery, ...] = (
    FigureQuery(
        "signed_up",
        gettext_lazy("People who signed up"),
        BOTH,
        _participants,
        "created_at",
        lambda: F("profile__id"),
    ),
    FigureQuery(
        "verified",
        gettext_lazy("People verified by a coordinator"),
        BOTH,
        lambda ids: Profile.objects.filter(membership__programme_id__in=ids).exclude(membership__role=Role.COORDINATOR),
        "verified_at",
        lambda: F("pk"),
    ),
    FigureQuery(
        "matched",
        gettext_lazy("Mentees matched (their first match began)"),
        MENTORING,
        _matched_mentees,
        "first_match_at",
        lambda: F("pk"),
    ),
    FigureQuery(
        "declined",
        gettext_lazy("Offers declined, by reason"),
        MENTORING,
        lambda ids: Match.objects.filter(programme_id__in=ids, state=MatchState.DECLINED),
        "closed_at",
        _decliner,
        column=lambda: F("reason_code"),
        columns=_decline_reasons,
    ),
    FigureQuery(
        "matches_started",
        gettext_lazy("Matches that became active"),
        MENTORING,
        lambda ids: Match.objects.filter(programme_id__in=ids),
        "accepted_at",
        lambda: F("mentee_id"),
    ),
    FigureQuery(
        "matches_completed",
        gettext_lazy("Matches completed"),
        MENTORING,
        lambda ids: Match.objects.filter(programme_id__in=ids, completed=True),
        "closed_at",
        lambda: F("mentee_id"),
    ),
    FigureQuery(
        "first_meetings",
        gettext_lazy("First meetings booked"),
        MENTORING,
        lambda ids: FirstMeeting.objects.filter(match__programme_id__in=ids),
        "first_booked_at",
        lambda: F("match__mentee_id"),
    ),
    FigureQuery(
        "outcomes",
        gettext_lazy("Outcomes reported at the end of a match"),
        MENTORING,
        lambda ids: Feedback.objects.filter(match__programme_id__in=ids).exclude(_outcome_withheld()),
        "created_at",
        _author,
        column=lambda: F("goal_reached"),
        columns=_goals_reached,
    ),
    FigureQuery(
        "rounds_formed",
        gettext_lazy("Peer-group rounds formed"),
        PEERS,
        lambda ids: Round.objects.filter(programme_id__in=ids),
        "formed_at",
        lambda: Value(None),
        about_people=False,
    ),
    FigureQuery(
        "placed_in_groups",
        gettext_lazy("People placed in a peer group (published rounds)"),
        PEERS,
        lambda ids: GroupMember.objects.filter(round__programme_id__in=ids),
        "round__published_at",
        lambda: F("profile_id"),
    ),
    FigureQuery(
        "groups_met",
        gettext_lazy("Members who said their group met"),
        PEERS,
        lambda ids: FollowUp.objects.filter(group__round__programme_id__in=ids, met=True),
        "answered_at",
        lambda: F("profile_id"),
    ),
)


def figures_for(kinds: set[str]) -> list[FigureQuery]:
    return [figure for figure in FIGURES if kinds & set(figure.kinds)]


@dataclass
class FigureResult:
    key: str
    label: str
    about_people: bool
    columns: list[tuple[str, str]]
    grid: Grid


def _monthly_counts(
    figure: FigureQuery, programme_ids: Sequence[UUID], period: Period, by: str | None
) -> dict[tuple[str, str, date], int]:
    start, end = period.bounds()
    rows = figure.queryset(programme_ids).filter(**{f"{figure.at}__gte": start, f"{figure.at}__lt": end})
    rows = rows.annotate(person=figure.person()) if figure.about_people else rows
    group = GROUPERS[by]() if by and figure.about_people else Value(ALL, output_field=CharField())
    column = figure.column() if figure.column else Value("people", output_field=CharField())
    counted = (
        rows.order_by()
        .values(report_group=group, report_column=column, report_month=TruncMonth(figure.at))
        .annotate(n=Count("pk"))
        .values_list("report_group", "report_column", "report_month", "n")
    )
    found: dict[tuple[str, str, date], int] = {}
    for row_key, column_key, month, n in counted:
        month_day = month.date() if isinstance(month, datetime) else month
        key = (str(row_key if row_key is not None else NOT_GIVEN) or NOT_GIVEN, str(column_key or ""), month_day)
        found[key] = found.get(key, 0) + n
    return found


def report_figures(
    *, programme_ids: Sequence[UUID], kinds: set[str], period: Period, by: str | None, language: str
) -> list[FigureResult]:
    """Every figure that applies to programmes of these kinds, counted and suppressed (suppression.py)."""
    results = []
    for figure in figures_for(kinds):
        counts = _monthly_counts(figure, programme_ids, period, by)
        columns = figure.columns(language) if figure.columns else [("people", gettext("People"))]
        known = {key for key, _label in columns}
        # A code no longer in the reference list (or none given) is still counted, under "Other".
        if any(column not in known for _row, column, _month in counts):
            counts = {
                (row, column if column in known else "other", month): n for (row, column, month), n in counts.items()
            }
            if "other" not in known:
                columns = [*columns, ("other", gettext("Other or not given"))]
        rows = sorted({row for row, _column, _month in counts}) or [ALL]
        if not by or not figure.about_people:
            rows = [ALL]
        grid = grid_of(rows, [key for key, _label in columns], counts, about_people=figure.about_people)
        results.append(FigureResult(figure.key, str(figure.label), figure.about_people, columns, grid))
    return results


# --- The median waiting time ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Median:
    people: int
    days: float | None
    """None when fewer than THRESHOLD people: no median is given for so few."""


def _median_days(queryset: QuerySet[Any], count: int) -> float | None:
    if count < THRESHOLD:
        return None
    first = (count - 1) // 2
    middle = list(queryset.order_by("waited").values_list("waited", flat=True)[first : first + 2 - count % 2])
    seconds = [gap.total_seconds() if isinstance(gap, timedelta) else float(gap) / 1e6 for gap in middle]
    return round(sum(seconds) / len(seconds) / 86400, 1)


def median_waiting(
    *, programme_ids: Sequence[UUID], period: Period, by: str | None
) -> tuple[Median, dict[str, Median]]:
    """Days from sign-up to the first match's beginning, over the mentees whose first match began in the period:
    overall and per group of the breakdown (a group of fewer than THRESHOLD people gets no median)."""
    start, end = period.bounds()
    mentees = (
        _matched_mentees(programme_ids)
        .filter(first_match_at__gte=start, first_match_at__lt=end)
        .annotate(
            person=F("pk"),
            waited=ExpressionWrapper(F("first_match_at") - F("membership__created_at"), output_field=DurationField()),
        )
        .order_by()
    )
    overall_count = mentees.count()
    overall = Median(overall_count, _median_days(mentees, overall_count))
    groups: dict[str, Median] = {}
    if by:
        grouped = mentees.annotate(report_group=GROUPERS[by]())
        sizes = grouped.values("report_group").annotate(n=Count("pk")).values_list("report_group", "n")
        for group, size in sizes:
            key = str(group) if group else NOT_GIVEN
            members = grouped.filter(report_group=group) if group is not None else grouped.filter(report_group=None)
            groups[key] = Median(size, _median_days(members, size))
    return overall, groups


# --- The report as people read it -------------------------------------------------------------------------------


def _group_label(by: str | None, key: str, language: str) -> str:
    if key == ALL:
        return gettext("Everybody")
    if key in (NOT_GIVEN, ""):
        return gettext("Not given")
    if by == "language":
        return reference_data.language_name(key, language)
    if by == "role":
        return str(Role(key).label) if key in Role.values else key
    return key


def _cell(grid: Grid, row: str, column: str) -> dict[str, Any]:
    """What a reader sees of one cell: its number only when it is shown (a hidden number is never sent)."""
    cell = grid.cells[(row, column)]
    shown = cell.status == "shown"
    display = str(cell.value) if shown else SMALL_TEXT if cell.status == "small" else HIDDEN_TEXT
    return {"value": cell.value if shown else None, "display": display, "status": str(cell.status)}


SMALL_TEXT = "< 5"
HIDDEN_TEXT = "–"


def programme_report(
    *, programmes: Sequence[Programme], period: Period, by: str | None, language: str, asked: tuple[date, date]
) -> dict[str, Any]:
    """The whole report for these programmes (one, or an organisation's): every figure as a suppressed table, and
    the median waiting time, with labels in ``language`` (the request's)."""
    programme_ids = [programme.pk for programme in programmes]
    kinds = {programme.kind for programme in programmes}
    figures = []
    for result in report_figures(programme_ids=programme_ids, kinds=kinds, period=period, by=by, language=language):
        grid = result.grid
        column_keys = grid.all_columns
        labels = dict(result.columns)
        rows = [
            {
                "key": row,
                "label": gettext("Total") if row == "__total__" else _group_label(by, row, language),
                "total": row == "__total__",
                "cells": [_cell(grid, row, column) for column in column_keys],
            }
            for row in grid.all_rows
        ]
        figures.append(
            {
                "key": result.key,
                "label": result.label,
                "about_people": result.about_people,
                "columns": [
                    {"key": column, "label": gettext("Total") if column == "__total__" else labels[column]}
                    for column in column_keys
                ],
                "rows": rows,
            }
        )
    waiting: dict[str, Any] | None = None
    if ProgrammeKind.MENTORING in kinds:
        overall, groups = median_waiting(programme_ids=programme_ids, period=period, by=by)

        def shown(median: Median) -> dict[str, Any]:
            few = median.days is None
            return {
                "days": median.days,
                "display": gettext("< 5 people") if few else gettext("%(days)s days") % {"days": median.days},
                "status": "small" if few else "shown",
            }

        waiting = {
            "label": gettext("Median waiting time from sign-up to the first match"),
            "overall": shown(overall),
            "rows": [
                {"key": key, "label": _group_label(by, key, language), **shown(median)}
                for key, median in sorted(groups.items())
            ],
        }
    return {
        "programmes": [
            {"id": str(programme.pk), "name": programme.name, "kind": programme.kind} for programme in programmes
        ],
        "period": {"from": period.first.isoformat(), "to": period.last.isoformat()},
        "asked": {"from": asked[0].isoformat(), "to": asked[1].isoformat()},
        "by": by or "",
        "threshold": THRESHOLD,
        "figures": figures,
        "waiting": waiting,
    }
