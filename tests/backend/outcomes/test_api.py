"""Answering by the email's link (no login), in the app when logged in, and coordinators recording what a mentee
told them."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from mentoring.models import Match, MatchState
from outcomes.models import Outcome, OutcomeRequest
from outcomes.services import outcome_questions_ask
from privacy.models import AuditEvent, ConsentPurpose
from privacy.services import consent_withdraw
from tests.backend.factories import coordinator_of
from tests.backend.outcomes.conftest import agree, ended_match, mentee_user, mentor_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"/outcomes/([0-9a-f]{64})\?answer=work")


@pytest.fixture
def asked(django_capture_on_commit_callbacks: Any) -> tuple[Match, dict[User, str]]:
    """A match that ended three months ago, both asked: the match and each person's link token."""
    match = ended_match(closed_at=timezone.now() - timedelta(days=92))
    agree(mentee_user(match), match.programme)
    agree(mentor_user(match), match.programme)
    with django_capture_on_commit_callbacks(execute=True):
        outcome_questions_ask(now=timezone.now(), site="https://bridges.example")
    tokens = {}
    for user in (mentee_user(match), mentor_user(match)):
        (message,) = [m for m in mail.outbox if m.to == [user.email]]
        tokens[user] = TOKEN.search(message.body).group(1)  # type: ignore[union-attr]
    return match, tokens


def test_the_link_shows_the_question_and_records_nothing(api: Any, asked: Any) -> None:
    match, tokens = asked
    response = api.get(f"/api/v1/outcomes/by-token/{tokens[mentee_user(match)]}/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["programme"] == match.programme.name
    assert body["other_first_name"] == mentor_user(match).display_name
    assert body["checkpoint"] == "3m" and body["respondent_role"] == "mentee" and body["answer"] is None
    assert mentor_user(match).full_name not in str(body) and mentor_user(match).email not in str(body)
    assert not Outcome.objects.exists()


def test_tapping_an_answer_records_it_and_a_second_tap_replaces_it(api: Any, asked: Any) -> None:
    match, tokens = asked
    url = f"/api/v1/outcomes/by-token/{tokens[mentee_user(match)]}/answer/"
    first = api.post(url, {"kind": "training"}, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["answer"] == "training"
    assert api.post(url, {"kind": "work"}, format="json").json()["answer"] == "work"
    (outcome,) = Outcome.objects.all()
    assert (outcome.kind, outcome.checkpoint, outcome.respondent_role, outcome.source) == (
        "work",
        "3m",
        "mentee",
        "self",
    )
    assert outcome.respondent == mentee_user(match)
    mentor_url = f"/api/v1/outcomes/by-token/{tokens[mentor_user(match)]}/answer/"
    assert api.post(mentor_url, {"kind": "none"}, format="json").json()["respondent_role"] == "mentor"
    assert Outcome.objects.count() == 2


def test_an_unknown_answer_is_refused_naming_the_field(api: Any, asked: Any) -> None:
    match, tokens = asked
    response = api.post(f"/api/v1/outcomes/by-token/{tokens[mentee_user(match)]}/answer/", {"kind": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "kind"


def test_unknown_and_cancelled_links_get_the_same_404_and_an_expired_one_410(api: Any, asked: Any) -> None:
    match, tokens = asked
    unknown = api.get(f"/api/v1/outcomes/by-token/{'0' * 64}/")
    assert unknown.status_code == 404
    consent_withdraw(
        user=mentee_user(match), programme=match.programme, purpose=ConsentPurpose.IMPROVE_MATCHING, now=timezone.now()
    )
    cancelled = api.post(
        f"/api/v1/outcomes/by-token/{tokens[mentee_user(match)]}/answer/", {"kind": "work"}, format="json"
    )
    assert cancelled.status_code == 404 and cancelled.json() == unknown.json()
    OutcomeRequest.objects.filter(user=mentor_user(match)).update(expires_at=timezone.now() - timedelta(days=1))
    expired = api.get(f"/api/v1/outcomes/by-token/{tokens[mentor_user(match)]}/")
    assert expired.status_code == 410
    assert "expired" in expired.json()["errors"][0]["detail"]
    assert not Outcome.objects.exists()


def test_logged_in_she_sees_her_open_questions_and_answers_one(client_for: Any, asked: Any) -> None:
    match, _tokens = asked
    client = client_for(mentee_user(match))
    (question,) = client.get("/api/v1/me/outcome-questions/").json()
    assert question["checkpoint"] == "3m" and question["other_first_name"] == mentor_user(match).display_name
    answered = client.post(
        f"/api/v1/me/outcome-questions/{question['id']}/answer/", {"kind": "recognition"}, format="json"
    )
    assert answered.status_code == 200, answered.content
    assert Outcome.objects.get().kind == "recognition"
    assert client.get("/api/v1/me/outcome-questions/").json() == []
    mentors_question = OutcomeRequest.objects.get(user=mentor_user(match))
    other = client.post(f"/api/v1/me/outcome-questions/{mentors_question.pk}/answer/", {"kind": "work"}, format="json")
    assert other.status_code == 404


@pytest.fixture
def closed_match() -> Match:
    return ended_match(closed_at=timezone.now() - timedelta(days=10))


def test_a_coordinator_records_what_the_mentee_told_her_once_she_agreed(client_for: Any, closed_match: Match) -> None:
    match = closed_match
    coordinator = coordinator_of(match.programme)
    client = client_for(coordinator)
    url = f"/api/v1/programmes/{match.programme_id}/matches/{match.pk}/outcomes/"
    refused = client.post(url, {"checkpoint": "end", "kind": "work"}, format="json")
    assert refused.status_code == 409
    assert "ask her first" in refused.json()["errors"][0]["detail"]
    agree(mentee_user(match), match.programme)
    recorded = client.post(url, {"checkpoint": "end", "kind": "work"}, format="json")
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["source"] == "coordinator" and recorded.json()["respondent_role"] == "mentee"
    listed = client.get(url).json()
    assert [(row["checkpoint"], row["kind"], row["source"]) for row in listed] == [("end", "work", "coordinator")]
    event = AuditEvent.objects.get(action="outcome.record")
    assert event.actor == coordinator
    assert set(event.detail) == {"match", "checkpoint"}


def test_her_own_answer_is_not_replaced_by_a_coordinator(client_for: Any, asked: Any) -> None:
    match, tokens = asked
    client_for(None).post(
        f"/api/v1/outcomes/by-token/{tokens[mentee_user(match)]}/answer/", {"kind": "none"}, format="json"
    )
    url = f"/api/v1/programmes/{match.programme_id}/matches/{match.pk}/outcomes/"
    response = client_for(coordinator_of(match.programme)).post(
        url, {"checkpoint": "3m", "kind": "work"}, format="json"
    )
    assert response.status_code == 409
    assert Outcome.objects.get().kind == "none"


def test_an_outcome_needs_a_match_that_ended_and_a_known_checkpoint(client_for: Any, closed_match: Match) -> None:
    agree(mentee_user(closed_match), closed_match.programme)
    client = client_for(coordinator_of(closed_match.programme))
    url = f"/api/v1/programmes/{closed_match.programme_id}/matches/{closed_match.pk}/outcomes/"
    bad = client.post(url, {"checkpoint": "9m", "kind": "work"}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["attr"] == "checkpoint"
    active = ended_match(closed_match.programme, state=MatchState.ACTIVE)
    agree(mentee_user(active), active.programme)
    active_url = f"/api/v1/programmes/{active.programme_id}/matches/{active.pk}/outcomes/"
    assert client.post(active_url, {"checkpoint": "end", "kind": "work"}, format="json").status_code == 409


def test_another_programmes_coordinator_gets_404(client_for: Any, closed_match: Match) -> None:
    other = ended_match()
    url = f"/api/v1/programmes/{other.programme_id}/matches/{closed_match.pk}/outcomes/"
    assert client_for(coordinator_of(other.programme)).get(url).status_code == 404
    own = f"/api/v1/programmes/{closed_match.programme_id}/matches/{closed_match.pk}/outcomes/"
    assert client_for(coordinator_of(other.programme)).get(own).status_code == 404


def test_feedback_with_a_goal_reached_is_an_outcome_at_the_end_when_she_agreed(
    client_for: Any, closed_match: Match
) -> None:
    match = closed_match
    agree(mentee_user(match), match.programme)
    body = {"rating": 5, "goal_reached": "job"}
    assert (
        client_for(mentee_user(match)).post(f"/api/v1/matches/{match.pk}/feedback/", body, format="json").status_code
        == 201
    )
    assert (
        client_for(mentor_user(match)).post(f"/api/v1/matches/{match.pk}/feedback/", body, format="json").status_code
        == 201
    )
    (outcome,) = Outcome.objects.all()  # the mentor did not agree: only hers
    assert (outcome.checkpoint, outcome.kind, outcome.respondent_role) == ("end", "work", "mentee")
