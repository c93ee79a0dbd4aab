"""What came of her matches is in her data export and goes with her account."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from mentoring.models import Match
from outcomes.models import Outcome, OutcomeRequest
from outcomes.services import outcome_questions_ask
from tests.backend.factories import coordinator_of
from tests.backend.outcomes.conftest import agree, answer, ended_match, mentee_user, mentor_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def history() -> Match:
    """A match that ended three months ago: both asked, her own answer at the end, the mentor's view at 3 months,
    one a coordinator recorded from what she said at 6 months."""
    match = ended_match(closed_at=timezone.now() - timedelta(days=92))
    agree(mentee_user(match), match.programme)
    agree(mentor_user(match), match.programme)
    outcome_questions_ask(now=timezone.now(), site="https://bridges.example")
    answer(match, "end", "training")
    answer(match, "3m", "work", role="mentor")
    answer(match, "6m", "work", source="coordinator")
    return match


def erase(client_for: Any, user: User, capture: Any) -> None:
    with capture(execute=True):
        response = client_for(user).post("/api/v1/me/erase/", {"confirm": "DELETE"}, format="json")
    assert response.status_code == 204, response.content


def test_her_export_holds_her_answers_and_her_questions(client_for: Any, history: Match) -> None:
    data = client_for(mentee_user(history)).get("/api/v1/me/data/").json()
    assert sorted((row["checkpoint"], row["kind"], row["source"]) for row in data["outcomes"]) == [
        ("6m", "work", "coordinator"),
        ("end", "training", "self"),
    ]
    assert [(row["checkpoint"], row["respondent_role"]) for row in data["outcome_questions"]] == [("3m", "mentee")]
    mentors = client_for(mentor_user(history)).get("/api/v1/me/data/").json()
    assert [(row["checkpoint"], row["kind"]) for row in mentors["outcomes"]] == [("3m", "work")]


def test_an_erased_mentee_takes_every_outcome_about_her_match_along(
    client_for: Any, history: Match, django_capture_on_commit_callbacks: Any
) -> None:
    erase(client_for, mentee_user(history), django_capture_on_commit_callbacks)
    assert not Outcome.objects.filter(match=history).exists()
    assert not OutcomeRequest.objects.filter(user=mentee_user(history)).exists()
    assert OutcomeRequest.objects.filter(user=mentor_user(history)).exists()


def test_an_erased_mentor_takes_her_own_answers_and_questions_along(
    client_for: Any, history: Match, django_capture_on_commit_callbacks: Any
) -> None:
    erase(client_for, mentor_user(history), django_capture_on_commit_callbacks)
    assert sorted(Outcome.objects.filter(match=history).values_list("checkpoint", flat=True)) == ["6m", "end"]
    assert not OutcomeRequest.objects.filter(user=mentor_user(history)).exists()
    coordinator = client_for(coordinator_of(history.programme))
    listed = coordinator.get(f"/api/v1/programmes/{history.programme_id}/matches/{history.pk}/outcomes/").json()
    assert {row["respondent_role"] for row in listed} == {"mentee"}
