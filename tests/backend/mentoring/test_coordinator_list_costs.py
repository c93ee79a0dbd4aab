"""The coordinators' lists and the programme's health cost the same number of queries with 10 participants as
with 200 (a page read by index, aggregates counted in SQL), the health figures are cached per programme when
asked to, and each mentor's load is a paged list of its own."""

import time
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from common import pagination
from mentoring.models import Feedback, Match, MatchState
from profiles.models import Profile
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db

PATHS = (
    "participants/",
    "participants/?language=ar&sector=Q&search=a",
    "matches/",
    "matches/?state=proposed",
    "matches/?state=active",
    "health/",
    "health/mentor-load/",
    "runs/",
)
"""Every coordinator list of the load benchmark's mix (bench/load/mix.py) and the health page's own list."""


def grow(m: Programme1, mentees: int) -> None:
    """``mentees`` more mentees and a mentor for every second one, with proposals, declines, an active match with
    feedback, so that every list and figure has rows of each kind."""
    now = timezone.now()
    for i in range(mentees):
        mentee = mentee_profile(m.programme)
        if i % 2:
            continue
        mentor = mentor_profile(m.programme, capacity=1 + i % 3)
        Match.objects.create(programme=m.programme, mentee=mentee, mentor=mentor, score=i / mentees)
        if i % 4 == 0:
            state = MatchState.DECLINED if i % 8 else MatchState.ACTIVE
            match = Match.objects.create(
                programme=m.programme,
                mentee=mentee,
                mentor=mentor_profile(m.programme, capacity=2),
                state=state,
                reason_code="no_time" if state == MatchState.DECLINED else "",
                accepted_at=now if state == MatchState.ACTIVE else None,
            )
            if state == MatchState.ACTIVE:
                Feedback.objects.create(
                    match=match, author=mentee.membership.user, author_role="mentee", rating=4, goal_reached="job"
                )


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


def test_the_coordinators_lists_and_health_cost_the_same_at_10_and_200(mentoring: Programme1, as_user: Any) -> None:
    client = as_user(mentoring.coordinator)
    base = f"/api/v1/programmes/{mentoring.programme.pk}/"
    grow(mentoring, 10 - len(mentoring.mentees))
    client.get(base + "health/")  # the first request fills caches (content types, reference data)
    small = {path: queries(client, base + path) for path in PATHS}
    grow(mentoring, 190)
    assert Profile.objects.filter(membership__programme=mentoring.programme, membership__role="mentee").count() == 200
    large = {path: queries(client, base + path) for path in PATHS}
    # the same, but for the count a list needs once it is longer than its first page (a shorter one is not counted)
    assert all(small[path] <= large[path] <= small[path] + 1 for path in PATHS), (small, large)
    assert large == {path: queries(client, base + path) for path in PATHS}
    # A fixed, small number whatever the size: the session, her account, the programme, her role, the count, the
    # page and at most two prefetches of its rows' lists (languages, sectors); health's aggregates are computed.
    assert max(n for path, n in large.items() if not path.startswith("health/")) <= 8, large


def test_a_long_lists_count_is_cached_briefly_and_a_short_ones_never(
    mentoring: Programme1, as_user: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a programme's participants joins every one of them; from CACHED_COUNT_FROM rows on (1,000; 4 here)
    the count is served from the cache for LIST_COUNT_CACHE_SECONDS, keyed by the list's filters. Proposals are
    always counted: a bulk action confirms the count the coordinator saw."""
    settings.LIST_COUNT_CACHE_SECONDS = 30
    monkeypatch.setattr(pagination, "CACHED_COUNT_FROM", 4)
    client = as_user(mentoring.coordinator)
    base = f"/api/v1/programmes/{mentoring.programme.pk}/"
    mentors = client.get(base + "health/mentor-load/").json()["count"]
    assert mentors < 4
    # pages of two, so that these lists are longer than their first page and counted
    participants = client.get(base + "participants/?page_size=2").json()["count"]
    assert participants >= 4
    counted = queries(client, base + "participants/?role=mentee&page_size=2")
    assert queries(client, base + "participants/?role=mentee&page_size=2") == counted - 1  # the count was cached
    mentee_profile(mentoring.programme)
    mentor_profile(mentoring.programme)
    assert client.get(base + "participants/?page_size=2").json()["count"] == participants  # within the time
    assert client.get(base + "participants/?search=zzz").json()["count"] == 0  # other filters, their own count
    assert client.get(base + "health/mentor-load/").json()["count"] == mentors + 1  # short: counted every time
    proposals = client.get(base + "matches/?state=proposed").json()["count"]
    Match.objects.create(
        programme=mentoring.programme, mentee=mentee_profile(mentoring.programme), mentor=mentoring.mentors[0]
    )
    assert client.get(base + "matches/?state=proposed").json()["count"] == proposals + 1
    settings.LIST_COUNT_CACHE_SECONDS = 0
    assert client.get(base + "participants/").json()["count"] == participants + 3


def test_a_list_that_can_match_nothing_is_counted_without_the_cache(settings: Any) -> None:
    """Django cannot write SQL for a filter that matches nothing (none(), an empty IN), so it has no cache key."""
    settings.LIST_COUNT_CACHE_SECONDS = 30
    assert pagination.CachedCountPaginator(Profile.objects.none().order_by("pk"), 10).count == 0
    assert pagination.CachedCountPaginator(Profile.objects.filter(pk__in=[]).order_by("pk"), 10).count == 0


def test_the_health_figures_are_cached_per_programme_for_the_configured_time(
    mentoring: Programme1, as_user: Any, settings: Any
) -> None:
    # One second, waited for in real time: Redis (the PostgreSQL phase's cache) expires keys by its own clock.
    settings.PROGRAMME_HEALTH_CACHE_SECONDS = 1
    client = as_user(mentoring.coordinator)
    url = f"/api/v1/programmes/{mentoring.programme.pk}/health/"
    other_url = f"/api/v1/programmes/{mentoring.other_coordinator.memberships.get().programme_id}/health/"
    computed = queries(client, url)
    first = client.get(url).json()
    assert first["mentees"] == 4
    mentee_profile(mentoring.programme)
    assert queries(client, url) < computed
    assert client.get(url).json() == first  # within the second: the same figures, not recomputed
    assert as_user(mentoring.other_coordinator).get(other_url).json()["mentees"] == 0  # each programme its own
    time.sleep(1.2)
    assert queries(client, url) == computed
    assert client.get(url).json()["mentees"] == 5


def test_each_mentors_load_is_a_page_by_name(mentoring: Programme1, as_user: Any) -> None:
    first, second = mentoring.mentors
    User.objects.filter(pk=first.membership.user_id).update(display_name="Zora")
    User.objects.filter(pk=second.membership.user_id).update(display_name="Anke")
    mentoring.offer(mentoring.mentees[0], first, state=MatchState.ACTIVE)
    mentoring.offer(mentoring.mentees[1], first, state=MatchState.OFFERED)
    mentoring.offer(mentoring.mentees[2], second, state=MatchState.DECLINED)
    client = as_user(mentoring.coordinator)
    page = client.get(f"/api/v1/programmes/{mentoring.programme.pk}/health/mentor-load/", {"page_size": 1}).json()
    assert page["count"] == 2 and page["next"]
    assert page["results"] == [{"mentor": str(second.pk), "name": "Anke", "open_matches": 0, "capacity": 2}]
    rest = client.get(page["next"]).json()["results"]
    assert rest == [{"mentor": str(first.pk), "name": "Zora", "open_matches": 2, "capacity": 2}]
    health = client.get(f"/api/v1/programmes/{mentoring.programme.pk}/health/").json()
    assert health["mentor_load"] == {"full": 1, "some": 0, "free": 1}
    other = as_user(mentoring.other_coordinator)
    assert other.get(f"/api/v1/programmes/{mentoring.programme.pk}/health/mentor-load/").status_code == 404


@pytest.mark.parametrize("rows", [0, 3, 4, 5, 9])
def test_the_first_page_is_counted_only_when_the_list_is_longer(mentoring: Programme1, rows: int) -> None:
    profiles = [mentee_profile(mentoring.programme) for _ in range(rows)]
    listed = Profile.objects.filter(pk__in=[p.pk for p in profiles]).order_by("pk")
    with CaptureQueriesContext(connection) as read:
        paginator = pagination.FirstPagePaginator(listed, 4)
        page = paginator.page("1")
        assert [p.pk for p in page] == sorted(p.pk for p in profiles)[:4]
        assert paginator.count == rows and paginator.num_pages == max(1, -(-rows // 4))
        assert page.has_next() is (rows > 4)
    # the page (none for an empty IN, which Django knows matches nothing), and the count only past it
    assert len(read.captured_queries) == (2 if rows > 4 else 1 if rows else 0)
    if rows > 4:
        assert [p.pk for p in pagination.FirstPagePaginator(listed, 4).page(2)] == sorted(p.pk for p in profiles)[4:8]
