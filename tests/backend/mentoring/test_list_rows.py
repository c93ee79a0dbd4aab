"""A page rendered from rows (common.rows) is byte for byte what DRF renders from the same matches as model instances,
through the API, for every filter and page; and a plan refuses what it cannot render when it is made."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from common.rows import RowPlan
from mentoring.models import Match, MatchingRun, MatchSource, MatchState
from mentoring.serializers import CoordinatorMatchOutputSerializer
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db

STATES = [MatchState.PROPOSED, MatchState.OFFERED, MatchState.ACTIVE, MatchState.CLOSED, MatchState.REJECTED]


def _matches(mentoring: Programme1) -> None:
    """Matches of every shape the list shows: with and without a run, by hand and by the engine, open and closed
    (with a reason in words), people with a form of address and without, names in other scripts, score parts,
    reasons and alternatives with nested parameters, equal scores (ordered by id)."""
    programme, now = mentoring.programme, timezone.now()
    run = MatchingRun.objects.create(programme=programme, started_by=mentoring.coordinator)
    mentors = [
        mentor_profile(programme, capacity=10),
        mentor_profile(programme, capacity=10),
    ]
    mentors[1].membership.user.display_name = "سلمى"
    mentors[1].membership.user.address_as = "feminine"
    mentors[1].membership.user.save()
    for index in range(23):
        mentee = mentee_profile(programme)
        if index % 4 == 0:
            mentee.membership.user.display_name, mentee.membership.user.full_name = "Оксана", "Оксана «Ш» Коваль"
            mentee.membership.user.address_as = "neutral"
            mentee.membership.user.save()
        state = STATES[index % len(STATES)]
        closed = state in (MatchState.CLOSED, MatchState.REJECTED)
        Match.objects.create(
            programme=programme,
            mentee=mentee,
            mentor=mentors[index % 2],
            run=run if index % 3 else None,
            source=MatchSource.ENGINE if index % 3 else MatchSource.HAND,
            state=state,
            score=0.5 if index % 5 == 0 else round(0.9 - index / 97, 6),
            parts=[{"name": "language", "weight": 0.4, "value": index / 7, "contribution": 0.1}],
            reasons=[{"code": "shared_language", "params": {"language": "ar", "levels": ["C2", "B1"], "n": index}}],
            alternatives=[{"mentor": str(mentors[(index + 1) % 2].pk), "score": 0.25, "rank": 1}] if index % 2 else [],
            offered_at=None if state == MatchState.PROPOSED else now - timedelta(days=index),
            offer_expires_at=now + timedelta(days=7, microseconds=index) if state == MatchState.OFFERED else None,
            accepted_at=now if state in (MatchState.ACTIVE, MatchState.CLOSED) else None,
            closed_at=now if closed else None,
            reason_code="other" if closed else "",
            reason_text="Ela mudou-se — «moved» \n to Lyon" if closed else "",
            closed_by_role="coordinator" if closed else "",
            completed=state == MatchState.CLOSED and index % 2 == 0,
        )


def _as_drf(matches: Any) -> list[Any]:
    return json.loads(JSONRenderer().render(CoordinatorMatchOutputSerializer(list(matches), many=True).data))


@pytest.mark.parametrize(
    "query",
    ["", "?page=2&page_size=7", "?page_size=200", "?state=proposed", "?state=closed", "?state=active&page_size=2"],
)
def test_each_page_is_what_the_serializer_renders_from_models(as_user: Any, mentoring: Programme1, query: str) -> None:
    _matches(mentoring)
    programme = mentoring.programme
    answer = as_user(mentoring.coordinator).get(f"/api/v1/programmes/{programme.id}/matches/{query}")
    assert answer.status_code == 200, answer.json()
    body = answer.json()

    everything = Match.objects.filter(programme=programme).order_by("-score", "id")
    if "state=" in query:
        everything = everything.filter(state=query.split("state=")[1].split("&")[0])
    size = int(query.split("page_size=")[1].split("&")[0]) if "page_size=" in query else 25
    page = int(query.split("page=")[1].split("&")[0]) if "?page=" in query else 1
    expected = _as_drf(everything[(page - 1) * size : page * size])
    assert body["count"] == everything.count()
    assert body["results"], "the page is not empty"
    assert body["results"] == expected


def test_the_rows_follow_a_filter_by_run_and_by_person(as_user: Any, mentoring: Programme1) -> None:
    _matches(mentoring)
    programme = mentoring.programme
    run = MatchingRun.objects.get(programme=programme)
    mentor = Match.objects.filter(programme=programme).first().mentor  # type: ignore[union-attr]
    coordinator = as_user(mentoring.coordinator)
    for query, matches in (
        (f"?run={run.pk}", Match.objects.filter(run=run)),
        (f"?mentor={mentor.pk}", Match.objects.filter(mentor=mentor)),
    ):
        answer = coordinator.get(f"/api/v1/programmes/{programme.id}/matches/{query}&page_size=200")
        assert answer.json()["results"] == _as_drf(matches.order_by("-score", "id"))


def test_the_count_reads_the_matches_alone(as_user: Any, mentoring: Programme1) -> None:
    """The rows' query joins each match's two people; counting through it joined every match's (~40 ms at 20k)."""
    _matches(mentoring)
    programme = mentoring.programme
    with CaptureQueriesContext(connection) as queries:
        answer = as_user(mentoring.coordinator).get(f"/api/v1/programmes/{programme.id}/matches/?page_size=5")
    assert answer.json()["count"] == 23
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert "JOIN" not in counts[0].upper()


def test_a_plan_refuses_what_it_cannot_render() -> None:
    class WithMethod(serializers.Serializer):
        name = serializers.SerializerMethodField()

    class Whole(serializers.Serializer):
        everything = serializers.DictField(source="*")

    class ManyNested(serializers.Serializer):
        people = CoordinatorMatchOutputSerializer(many=True)

    for refused in (WithMethod, Whole, ManyNested):
        with pytest.raises(TypeError, match="RowPlan"):
            RowPlan(refused)


def _participants(mentoring: Programme1) -> None:
    """Besides the fixture's people: no languages or sectors at all, a section and its divisions (job families
    from both), an unverified mentor, someone signed up without an email, names in other scripts."""
    programme = mentoring.programme
    mentor_profile(programme, sectors=["86", "87", "Q", "C"], languages={"uk": "C2", "en": "A1", "de": "B2"})
    unverified = mentor_profile(programme, sectors=[], languages={})
    unverified.verified_at = None
    unverified.country, unverified.city = "", ""
    unverified.save()
    quiet = mentee_profile(programme, sectors=["62"], languages={"ar": "C2"})
    quiet.membership.user.email, quiet.membership.user.display_name = None, "فاطمة"
    quiet.membership.user.save()
    for index in range(9):
        mentee_profile(programme, sectors=["47"] if index % 2 else [], languages={"fa": "B1"} if index % 3 else {})


def _participants_as_drf(profiles: Any) -> list[Any]:
    from profiles.serializers import ProfileOutputSerializer

    return json.loads(JSONRenderer().render(ProfileOutputSerializer(list(profiles), many=True).data))


@pytest.mark.parametrize("query", ["", "?page=2&page_size=4", "?role=mentor", "?language=ar", "?verified=false"])
def test_each_page_of_participants_is_what_their_serializer_renders(
    as_user: Any, mentoring: Programme1, query: str
) -> None:
    from profiles.models import LanguageSkill, Profile

    _participants(mentoring)
    programme = mentoring.programme
    answer = as_user(mentoring.coordinator).get(f"/api/v1/programmes/{programme.id}/participants/{query}")
    assert answer.status_code == 200, answer.json()

    profiles = Profile.objects.filter(membership__programme=programme).order_by(
        "membership__user__display_name", "membership__user_id"
    )
    if "role=" in query:
        profiles = profiles.filter(membership__role="mentor")
    if "language=" in query:
        profiles = profiles.filter(pk__in=LanguageSkill.objects.filter(language="ar").values("profile_id"))
    if "verified=" in query:
        profiles = profiles.filter(verified_at__isnull=True)
    page = profiles[4:8] if "page=2" in query else profiles[:25]
    body = answer.json()
    assert body["count"] == profiles.count()
    assert body["results"], "the page is not empty"
    assert body["results"] == _participants_as_drf(page)


def test_a_state_no_match_can_be_in_is_refused_in_plain_words(as_user: Any, mentoring: Programme1) -> None:
    _matches(mentoring)
    coordinator = as_user(mentoring.coordinator)
    answer = coordinator.get(f"/api/v1/programmes/{mentoring.programme.id}/matches/?state=aktiv")
    assert answer.status_code == 400
    [error] = answer.json()["errors"]
    assert (error["attr"], error["code"]) == ("state", "invalid_choice")
    assert "aktiv" in error["detail"]
    paused = coordinator.get(f"/api/v1/programmes/{mentoring.programme.id}/matches/?state=paused")
    assert paused.status_code == 200 and paused.json()["count"] == 0
