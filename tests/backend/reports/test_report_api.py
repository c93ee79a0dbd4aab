"""The funder's report through its API: each figure equals a direct count in the database, small counts read
"< 5", nothing can be worked out by subtraction (in one report, or between two whose periods differ by a day),
and only the programme's coordinators and site administrators read it, as JSON, CSV or XLSX."""

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db.models import Count
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from mentoring.models import Feedback, GoalReached, Match, MatchState
from messaging.models import FirstMeeting
from profiles.models import Profile
from programmes.models import Membership, Programme, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, coordinator_of

pytestmark = pytest.mark.django_db

BERLIN_ZONE = timezone.get_fixed_timezone(60)  # March in Berlin: UTC+1
MARCH = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _person(
    programme: Programme, role: str, *, city: str, at: datetime, languages: dict[str, str] | None = None
) -> Profile:
    profile = ProfileFactory(
        membership=MembershipFactory(programme=programme, role=role), city=city, languages=languages or {"ar": "C2"}
    )
    Membership.objects.filter(pk=profile.membership_id).update(created_at=at)
    Profile.objects.filter(pk=profile.pk).update(created_at=at)
    profile.refresh_from_db()
    return profile


def _match(programme: Programme, mentee: Profile, mentor: Profile, state: str, **fields: Any) -> Match:
    return Match.objects.create(programme=programme, mentee=mentee, mentor=mentor, state=state, **fields)


@pytest.fixture
def funded(db: None) -> dict[str, Any]:
    """A programme with people in March 2026: 13 mentees in Berlin (Arabic) and 3 in Potsdam (Ukrainian), 6 mentors
    in Berlin, matches begun, declined for two reasons, completed, with outcomes and first meetings; and one
    mentee who signed up in February (outside the period)."""
    programme = ProgrammeFactory(name="Jobs Berlin")
    coordinator = coordinator_of(programme)
    berlin = [_person(programme, Role.MENTEE, city="Berlin", at=MARCH + timedelta(hours=i)) for i in range(13)]
    potsdam = [
        _person(programme, Role.MENTEE, city="Potsdam", at=MARCH + timedelta(days=1, hours=i), languages={"uk": "C2"})
        for i in range(3)
    ]
    mentors = [_person(programme, Role.MENTOR, city="Berlin", at=MARCH, languages={"de": "C2"}) for _ in range(6)]
    Profile.objects.filter(pk__in=[m.pk for m in mentors]).update(verified_at=MARCH + timedelta(days=2), capacity=10)
    _person(programme, Role.MENTEE, city="Berlin", at=datetime(2026, 2, 10, tzinfo=UTC))
    # Seven mentees matched in March, 3 to 9 days after signing up (one match each, then two completed).
    for i, mentee in enumerate(berlin[:7]):
        accepted = mentee.membership.created_at + timedelta(days=3 + i)
        _match(programme, mentee, mentors[i % 6], MatchState.ACTIVE, accepted_at=accepted, offered_at=accepted)
    completed = Match.objects.filter(mentee__in=berlin[:2])
    completed.update(state=MatchState.CLOSED, completed=True, closed_at=MARCH + timedelta(days=15))
    # Declines: 6 "no_time" and 5 "language_mismatch" (by the mentors), 2 "not_a_good_fit" (by mentees).
    for i, mentee in enumerate(berlin[7:13]):
        _match(
            programme,
            mentee,
            mentors[i],
            MatchState.DECLINED,
            reason_code="no_time",
            closed_by_role="mentor",
            closed_at=MARCH + timedelta(days=4),
        )
    for i, mentee in enumerate(berlin[7:12]):
        _match(
            programme,
            mentee,
            mentors[(i + 1) % 6],
            MatchState.DECLINED,
            reason_code="language_mismatch",
            closed_by_role="mentor",
            closed_at=MARCH + timedelta(days=5),
        )
    for i, mentee in enumerate(potsdam[:2]):
        _match(
            programme,
            mentee,
            mentors[i],
            MatchState.DECLINED,
            reason_code="not_a_good_fit",
            closed_by_role="mentee",
            closed_at=MARCH + timedelta(days=4),
        )
    for match in Match.objects.filter(state__in=[MatchState.ACTIVE, MatchState.CLOSED]):
        feedback = Feedback.objects.create(
            match=match,
            author=match.mentee.membership.user,
            author_role="mentee",
            rating=4,
            goal_reached=GoalReached.JOB if match.completed else GoalReached.NONE,
        )
        Feedback.objects.filter(pk=feedback.pk).update(created_at=MARCH + timedelta(days=16))
        FirstMeeting.objects.create(
            match=match,
            place_kind="online",
            time_zone="Europe/Berlin",
            first_booked_at=match.accepted_at + timedelta(days=1),
        )
    return {"programme": programme, "coordinator": coordinator, "berlin": berlin, "potsdam": potsdam}


def _report(client: Any, programme: Programme, **query: str) -> dict[str, Any]:
    answer = client.get(
        f"/api/v1/programmes/{programme.pk}/reports/", {"from": "2026-03-01", "to": "2026-03-31", **query}
    )
    assert answer.status_code == 200, answer.content
    return answer.json()


def _figure(report: dict[str, Any], key: str) -> dict[str, Any]:
    return next(figure for figure in report["figures"] if figure["key"] == key)


def _grand_total(figure: dict[str, Any]) -> dict[str, Any]:
    return figure["rows"][-1]["cells"][-1]


def test_each_figure_equals_a_direct_count(funded: dict[str, Any], client_for: Any) -> None:
    programme = funded["programme"]
    report = _report(client_for(funded["coordinator"]), programme)
    start, end = datetime(2026, 3, 1, tzinfo=BERLIN_ZONE), datetime(2026, 4, 1, tzinfo=timezone.get_fixed_timezone(120))
    in_march = {"gte": start, "lt": end}

    def between(field: str) -> dict[str, datetime]:
        return {f"{field}__{op}": moment for op, moment in in_march.items()}

    direct = {
        "signed_up": Membership.objects.filter(programme=programme, **between("created_at"))
        .exclude(role=Role.COORDINATOR)
        .count(),
        "verified": Profile.objects.filter(membership__programme=programme, **between("verified_at")).count(),
        "matched": Profile.objects.filter(membership__programme=programme, matches_as_mentee__accepted_at__isnull=False)
        .filter(**between("matches_as_mentee__accepted_at"))
        .distinct()
        .count(),
        "declined": Match.objects.filter(
            programme=programme, state=MatchState.DECLINED, **between("closed_at")
        ).count(),
        "matches_started": Match.objects.filter(programme=programme, **between("accepted_at")).count(),
        "matches_completed": Match.objects.filter(programme=programme, completed=True, **between("closed_at")).count(),
        "first_meetings": FirstMeeting.objects.filter(match__programme=programme, **between("first_booked_at")).count(),
        "outcomes": Feedback.objects.filter(match__programme=programme, **between("created_at")).count(),
    }
    assert direct == {
        "signed_up": 22,
        "verified": 6,
        "matched": 7,
        "declined": 13,
        "matches_started": 7,
        "matches_completed": 2,
        "first_meetings": 7,
        "outcomes": 7,
    }
    for key, count in direct.items():
        cell = _grand_total(_figure(report, key))
        if count >= 5:
            assert cell == {"value": count, "display": str(count), "status": "shown"}, key
        else:
            assert cell == {"value": None, "display": "< 5", "status": "small"}, key
    # Declines by reason: each reason's count, as counted in the database.
    declined = _figure(report, "declined")
    by_reason = dict(
        Match.objects.filter(programme=programme, state=MatchState.DECLINED)
        .values_list("reason_code")
        .annotate(n=Count("id"))
    )
    columns = [column["key"] for column in declined["columns"]]
    cells = declined["rows"][0]["cells"]
    assert cells[columns.index("no_time")]["value"] == by_reason["no_time"] == 6
    assert cells[columns.index("not_a_good_fit")]["display"] == "< 5"
    # 2 hidden next to a total of 13 would be 13 - 6 - 5: the smallest other reason is hidden as well.
    assert cells[columns.index("language_mismatch")] == {"value": None, "display": "–", "status": "hidden"}
    assert cells[columns.index("__total__")]["value"] == 13
    # Median waiting: 7 mentees waited 3..9 days: the middle one 6 days.
    assert report["waiting"]["overall"]["days"] == 6.0


def test_a_breakdown_counts_each_group_and_hides_small_ones(funded: dict[str, Any], client_for: Any) -> None:
    client = client_for(funded["coordinator"])
    by_language = _figure(_report(client, funded["programme"], by="language"), "signed_up")
    rows = {row["key"]: (row["label"], row["cells"][0]) for row in by_language["rows"]}
    assert rows["ar"] == ("Arabic", {"value": 13, "display": "13", "status": "shown"})  # the Berlin mentees
    assert rows["uk"] == ("Ukrainian", {"value": None, "display": "< 5", "status": "small"})  # Potsdam's three
    # 3 next to a total of 22 would be 22 - 13 - 6: the next smallest group (the 6 mentors) is hidden too.
    assert rows["de"] == ("German", {"value": None, "display": "–", "status": "hidden"})
    assert rows["__total__"] == ("Total", {"value": 22, "display": "22", "status": "shown"})

    by_city = _figure(_report(client, funded["programme"], by="city"), "signed_up")
    rows = {row["key"]: row["cells"][0]["display"] for row in by_city["rows"]}
    assert rows == {"Berlin": "–", "Potsdam": "< 5", "__total__": "22"}


def _shown_cells(report: dict[str, Any]) -> dict[tuple[str, str, str], int]:
    return {
        (figure["key"], row["key"], column["key"]): cell["value"]
        for figure in report["figures"]
        for row in figure["rows"]
        for column, cell in zip(figure["columns"], row["cells"], strict=True)
        if cell["status"] == "shown"
    }


@pytest.mark.parametrize("by", ["", "city", "language", "role"])
def test_two_reports_a_day_apart_give_nobody_away(funded: dict[str, Any], client_for: Any, by: str) -> None:
    """Inside a month the two reports are the same report; across a month's end the one person who signed up on
    the extra day changes no shown count by 1 to 4 (her cells are hidden or unchanged)."""
    programme = funded["programme"]
    client = client_for(funded["coordinator"])
    assert (
        _report(client, programme, to="2026-03-30", by=by)["figures"]
        == _report(client, programme, to="2026-03-31", by=by)["figures"]
    )

    _person(programme, Role.MENTEE, city="Cottbus", at=datetime(2026, 4, 1, 9, tzinfo=UTC), languages={"fa": "C2"})
    shorter = _shown_cells(_report(client, programme, to="2026-03-31", by=by))
    longer_report = _report(client, programme, to="2026-04-01", by=by)
    assert longer_report["period"] == {"from": "2026-03-01", "to": "2026-04-30"}
    longer = _shown_cells(longer_report)
    grand_totals = {
        ("__all__", "people"),
        ("__all__", "__total__"),
        ("__total__", "people"),
        ("__total__", "__total__"),
    }
    differences = {key: longer[key] - shorter.get(key, 0) for key in longer if key[1:] not in grand_totals}
    leaks = {key: difference for key, difference in differences.items() if 1 <= difference <= 4}
    assert leaks == {}
    # Her own group is not shown as a number in the longer report.
    if by == "city":
        assert ("signed_up", "Cottbus", "people") not in longer


def test_the_period_is_checked_in_plain_words(funded: dict[str, Any], client_for: Any) -> None:
    client = client_for(funded["coordinator"])
    url = f"/api/v1/programmes/{funded['programme'].pk}/reports/"
    for query, field in [
        ({"from": "2026-03-10", "to": "2026-03-01"}, "to"),
        ({"from": "2020-01-01", "to": "2026-03-01"}, "to"),
        ({"from": "2020-01-01"}, "to"),
        ({"from": "10.03.2026"}, "from"),
        ({"by": "sector"}, "by"),
        ({"format": "pdf"}, "format"),
        ({"colour": "red"}, "colour"),
    ]:
        answer = client.get(url, query)
        assert answer.status_code == 400, (query, answer.content)
        error = answer.json()["errors"][0]
        assert error["attr"] == field and error["detail"], (query, error)
    # Left out: the last twelve whole months, this one included.
    today = timezone.localdate()
    months = today.year * 12 + today.month - 12
    period = client.get(url).json()["period"]
    assert period["from"] == f"{months // 12}-{months % 12 + 1:02d}-01"
    assert period["to"][:7] == f"{today:%Y-%m}"


def test_only_her_coordinators_and_site_admins_read_it(funded: dict[str, Any], client_for: Any) -> None:
    programme = funded["programme"]
    url = f"/api/v1/programmes/{programme.pk}/reports/"
    unknown = client_for(funded["coordinator"]).get("/api/v1/programmes/00000000-0000-0000-0000-000000000000/reports/")
    assert unknown.status_code == 404
    other = coordinator_of(ProgrammeFactory())
    mentee = funded["berlin"][0].membership.user
    for user in (other, mentee):
        answer = client_for(user).get(url)
        assert (answer.status_code, answer.json()) == (404, unknown.json())
    assert client_for(None).get(url).status_code == 403
    admin = User.objects.create_superuser(email="root@example.org", password="correct-horse-battery-42")
    assert client_for(admin).get(url).status_code == 200


def test_labels_are_in_her_language(funded: dict[str, Any], client_for: Any) -> None:
    client = client_for(funded["coordinator"])
    answer = client.get(
        f"/api/v1/programmes/{funded['programme'].pk}/reports/",
        {"from": "2026-03-01", "to": "2026-03-31", "by": "language"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    declined = _figure(answer.json(), "declined")
    assert "Ich habe gerade keine Zeit" in [column["label"] for column in declined["columns"]]
    labels = [row["label"] for row in _figure(answer.json(), "signed_up")["rows"]]
    assert "Arabisch" in labels and "Ukrainisch" in labels


def test_downloads_carry_what_the_page_shows(funded: dict[str, Any], client_for: Any) -> None:
    programme = funded["programme"]
    _person(programme, Role.MENTEE, city='=HYPERLINK("x")', at=MARCH)
    client = client_for(funded["coordinator"])
    query = {"from": "2026-03-01", "to": "2026-03-31", "by": "city"}
    url = f"/api/v1/programmes/{programme.pk}/reports/"
    page = client.get(url, query).json()

    answer = client.get(url, {**query, "format": "csv"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    assert answer["Content-Disposition"] == f'attachment; filename="report-{programme.slug}-2026-03-2026-03.csv"'
    assert answer.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    signed_up = _figure(page, "signed_up")
    start = lines.index([signed_up["label"]])
    table = {line[0]: line[1] for line in lines[start + 2 : start + 2 + len(signed_up["rows"])]}
    assert table == {
        ("'" + row["label"] if row["label"].startswith("=") else row["label"]): row["cells"][0]["display"]
        for row in signed_up["rows"]
    }
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line if cell != "–")

    answer = client.get(url, {**query, "format": "xlsx"})
    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith('2026-03-2026-03.xlsx"')
    sheet = load_workbook(io.BytesIO(answer.content)).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert [signed_up["label"]] == [values[start][0]]
    assert all(not (isinstance(cell, str) and cell.startswith("=")) for row in values for cell in row)


def test_the_figures_are_counted_in_the_database_not_row_by_row(funded: dict[str, Any], client_for: Any) -> None:
    """The number of queries does not grow with the number of people (each figure is one aggregate query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(funded["coordinator"])
    with CaptureQueriesContext(connection) as before:
        _report(client, funded["programme"], by="city")
    for i in range(30):
        _person(funded["programme"], Role.MENTEE, city=f"Town {i % 3}", at=MARCH)
    with CaptureQueriesContext(connection) as after:
        _report(client, funded["programme"], by="city")
    assert len(after.captured_queries) == len(before.captured_queries) < 40


def test_an_organisation_report_adds_up_its_programmes_and_only_its_admins_read_it(
    funded: dict[str, Any], client_for: Any
) -> None:
    from tests.backend.factories import OrganisationAdminFactory

    programme = funded["programme"]
    organisation = programme.organisation
    # A second programme of the same organisation, with 5 more sign-ups in March; and one of another organisation.
    sister = ProgrammeFactory(organisation=organisation, name="Jobs Leipzig")
    for i in range(5):
        _person(sister, Role.MENTEE, city="Leipzig", at=MARCH + timedelta(hours=i))
    stranger = ProgrammeFactory(name="Elsewhere")
    for i in range(6):
        _person(stranger, Role.MENTEE, city="Lyon", at=MARCH + timedelta(hours=i))
    admin = OrganisationAdminFactory(organisation=organisation).user
    url = f"/api/v1/organisations/{organisation.pk}/reports/"
    answer = client_for(admin).get(url, {"from": "2026-03-01", "to": "2026-03-31"})
    assert answer.status_code == 200, answer.content
    report = answer.json()
    assert _grand_total(_figure(report, "signed_up"))["value"] == 22 + 5  # never the other organisation's 6
    assert {p["name"] for p in report["programmes"]} == {"Jobs Berlin", "Jobs Leipzig"}
    by_city = client_for(admin).get(url, {"from": "2026-03-01", "to": "2026-03-31", "by": "city"}).json()
    assert "Lyon" not in str(by_city)
    csv_answer = client_for(admin).get(url, {"from": "2026-03-01", "to": "2026-03-31", "format": "csv"})
    assert csv_answer.status_code == 200 and csv_answer["Content-Disposition"].endswith('.csv"')
    # its coordinators, another organisation's admin, and site staff: the unknown-id answer
    other_admin = OrganisationAdminFactory(organisation=stranger.organisation).user
    for user in (funded["coordinator"], other_admin):
        refused, unknown = (
            client_for(user).get(url),
            client_for(user).get("/api/v1/organisations/00000000-0000-0000-0000-000000000000/reports/"),
        )
        assert refused.status_code == unknown.status_code == 404 and refused.json() == unknown.json()
