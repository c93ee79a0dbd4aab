"""The whole role × action table of the match life cycle, through the API.

Read a row as: in state S, role R trying action A gets status N. Roles that may not see a match get 404
(they must not learn it exists); roles that see it but may not act get 403; a wrong state gets 409. A refused
action changes nothing and says why in plain words.
"""

from typing import Any

import pytest
from django.utils import timezone

from common.errors import DomainError
from mentoring import services
from mentoring.models import Match, MatchState
from tests.backend.mentoring.conftest import Programme1

pytestmark = pytest.mark.django_db

ROLES = ("coordinator", "other_coordinator", "mentee", "mentor", "other_mentee", "other_mentor", "outsider")
STATES = [state.value for state in MatchState]
HIDDEN_FROM_PARTICIPANTS = {"proposed", "rejected"}
OPEN = ("offered", "active", "paused")
BODIES = {
    "reject": {"reason": "Not a fit"},
    "decline": {"reason": "no_time"},
    "end": {"reason": "moved_away"},
    "feedback": {"rating": 5},
}
PARTICIPANTS = ("mentee", "mentor")


def expected_status(state: str, action: str, role: str) -> int:
    """The table, written as rules so that every (state, action, role) has its answer."""
    if role not in ("coordinator", *PARTICIPANTS):
        return 404  # another programme's coordinator, another pair's people, anyone else
    if role in PARTICIPANTS and state in HIDDEN_FROM_PARTICIPANTS:
        return 404  # proposals and rejections are the coordinators' business
    may = {
        "approve": ("coordinator",),
        "reject": ("coordinator",),
        "accept": ("mentor",),
        "decline": PARTICIPANTS,
        "end": ("coordinator", *PARTICIPANTS),
        "complete": ("coordinator",),
        "rollover": ("coordinator",),
        "feedback": PARTICIPANTS,
    }[action]
    if role not in may:
        return 403
    done = {
        "approve": {"proposed": 200, "offered": 200},  # a replayed approve answers with the same offer
        "reject": {"proposed": 200},
        "accept": {"offered": 200, "active": 200},  # a replayed accept too
        "decline": {"offered": 200},
        "end": {"active": 200, "paused": 200},
        "complete": {"active": 200},
        "rollover": {"declined": 201, "expired": 201},
        "feedback": {"active": 201, "closed": 201},
    }[action]
    return done.get(state, 409)


ACTIONS = ("approve", "reject", "accept", "decline", "end", "complete", "rollover", "feedback")
CASES = [
    (state, action, role, expected_status(state, action, role))
    for state in STATES
    for action in ACTIONS
    for role in ROLES
]


def caller(m: Programme1, role: str, mentee: Any, mentor: Any) -> Any:
    return {
        "coordinator": m.coordinator,
        "other_coordinator": m.other_coordinator,
        "mentee": mentee.membership.user,
        "mentor": mentor.membership.user,
        "other_mentee": m.mentees[1].membership.user,
        "other_mentor": m.mentors[1].membership.user,
        "outsider": m.outsider,
    }[role]


def match_in(m: Programme1, state: str) -> Match:
    """The pair under test (first mentee, first mentor) in ``state``, with a next-best mentor kept for roll-over."""
    match = m.offer(m.mentees[0], m.mentors[0], state=state)
    match.alternatives = [{"mentor": str(m.mentors[1].pk), "score": 0.4, "rank": 1}]
    match.paused_from = MatchState.ACTIVE if state == MatchState.PAUSED else ""
    match.save()
    return match


def assert_refused(response: Any, match: Match, state: str) -> None:
    match.refresh_from_db()
    assert match.state == state, "a refused action must not change the match"
    assert response.json()["errors"][0]["detail"]  # a plain message, always


@pytest.mark.parametrize(("state", "action", "role", "expected"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_role_action_table(
    client_for: Any, mentoring: Programme1, state: str, action: str, role: str, expected: int
) -> None:
    mentee, mentor = mentoring.mentees[0], mentoring.mentors[0]
    match = match_in(mentoring, state)
    client = client_for(caller(mentoring, role, mentee, mentor))

    response = client.post(f"/api/v1/matches/{match.id}/{action}/", BODIES.get(action, {}), format="json")

    assert response.status_code == expected, response.json()
    if expected >= 400:
        assert_refused(response, match, state)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_swap_is_for_the_coordinator_and_proposals_only(
    client_for: Any, mentoring: Programme1, state: str, role: str
) -> None:
    mentee, mentor = mentoring.mentees[0], mentoring.mentors[0]
    match = match_in(mentoring, state)
    partner = mentoring.offer(mentoring.mentees[1], mentoring.mentors[1], state=MatchState.PROPOSED)
    client = client_for(caller(mentoring, role, mentee, mentor))

    response = client.post("/api/v1/matches/swap/", {"first": str(match.id), "second": str(partner.id)}, format="json")

    # Nobody but the programme's coordinator may see the partner proposal, so the others learn nothing.
    expected = (200 if state == "proposed" else 409) if role == "coordinator" else 404
    assert response.status_code == expected, response.json()
    if expected != 200:
        assert_refused(response, match, state)
        partner.refresh_from_db()
        assert partner.mentor_id == mentoring.mentors[1].pk


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("bulk", ["approve", "reject"])
def test_bulk_approve_and_reject_report_each_refusal(
    client_for: Any, mentoring: Programme1, state: str, role: str, bulk: str
) -> None:
    mentee, mentor = mentoring.mentees[0], mentoring.mentors[0]
    match = match_in(mentoring, state)
    client = client_for(caller(mentoring, role, mentee, mentor))
    body: dict[str, Any] = {"ids": [str(match.id)], **({"reason": "Not a fit"} if bulk == "reject" else {})}

    response = client.post(f"/api/v1/programmes/{mentoring.programme.id}/matches/bulk-{bulk}/", body, format="json")

    if role != "coordinator":  # bulk actions live on the programme, which only its coordinators may act on
        assert response.status_code == 404, response.json()
        assert_refused(response, match, state)
        return
    assert response.status_code == 200, response.json()
    (row,) = response.json()
    done = {"approve": ("proposed", "offered"), "reject": ("proposed",)}[bulk]
    assert row["ok"] is (state in done), row
    match.refresh_from_db()
    if row["ok"]:
        assert match.state == {"approve": "offered", "reject": "rejected"}[bulk] and row["error"] == ""
    else:
        assert match.state == state and row["state"] == state
        assert row["error"].startswith(f"This pairing is {MatchState(state).label.lower()}")


SERVICE_ROLES = ("coordinator", "mentee", "mentor", "system")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", SERVICE_ROLES)
def test_pause_and_resume_follow_the_table(mentoring: Programme1, state: str, role: str) -> None:
    """Pausing comes through a safety report and resuming through a coordinator's decision on it (safeguarding's
    API checks who may report and decide); the match services apply the table underneath."""
    now = timezone.now()
    user = None if role == "system" else mentoring.coordinator

    def outcome(act: Any) -> int:
        try:
            act()
        except DomainError as error:
            return error.status_code
        return 200

    match = match_in(mentoring, state)
    pause = outcome(lambda: services.match_pause(match=match, by=user, role=role, now=now))
    if role == "system":
        assert pause == 403
    else:  # pausing a paused match changes nothing
        assert pause == (200 if state in OPEN else 409)
    match.refresh_from_db()
    assert match.state == ("paused" if pause == 200 else state)

    match.delete()
    match = match_in(mentoring, state)
    resume = outcome(
        lambda: services.match_resume(match=match, by=mentoring.coordinator, reason="checked", now=now, role=role)
    )
    assert resume == ((200 if state == "paused" else 409) if role == "coordinator" else 403)
    match.refresh_from_db()
    assert match.state == ("active" if resume == 200 else state)


@pytest.mark.parametrize("state", ["proposed", "offered", "active"])
def test_anonymous_gets_nothing(api: Any, mentoring: Programme1, state: str) -> None:
    match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0], state=state)
    assert api.get(f"/api/v1/matches/{match.id}/").status_code == 403
    assert api.post(f"/api/v1/matches/{match.id}/approve/").status_code == 403


def test_participants_never_see_proposals_or_rejections(client_for: Any, mentoring: Programme1) -> None:
    for state in (MatchState.PROPOSED, MatchState.REJECTED):
        match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0], state=state)
        for profile in (mentoring.mentees[0], mentoring.mentors[0]):
            client = client_for(profile.membership.user)
            assert client.get(f"/api/v1/matches/{match.id}/").status_code == 404
            assert client.get("/api/v1/matches/").json()["count"] == 0
        match.delete()


def test_capacity_full_is_a_409_with_a_plain_message(client_for: Any, mentoring: Programme1) -> None:
    mentor = mentoring.mentors[0]  # capacity 2
    mentoring.offer(mentoring.mentees[0], mentor, state=MatchState.ACTIVE)
    mentoring.offer(mentoring.mentees[1], mentor, state=MatchState.OFFERED)
    proposal = mentoring.offer(mentoring.mentees[2], mentor, state=MatchState.PROPOSED)
    response = client_for(mentoring.coordinator).post(f"/api/v1/matches/{proposal.id}/approve/")
    assert response.status_code == 409
    assert "no free place" in response.json()["errors"][0]["detail"]
