"""The whole role × action table of the match life cycle, through the API.

Read a row as: in state S, role R trying action A gets status N. Roles that may not see a match get 404
(they must not learn it exists); roles that see it but may not act get 403; a wrong state gets 409.
"""

from typing import Any

import pytest

from mentoring.models import MatchState
from tests.backend.mentoring.conftest import Programme1

pytestmark = pytest.mark.django_db

ROLES = ("coordinator", "other_coordinator", "mentee", "mentor", "other_mentee", "other_mentor", "outsider")
BODIES = {"reject": {"reason": "Not a fit"}, "decline": {"reason": "no_time"}, "end": {"reason": "moved_away"}}

# state → action → role → expected status (roles not listed: 404)
TABLE: dict[str, dict[str, dict[str, int]]] = {
    "proposed": {
        "approve": {"coordinator": 200},
        "reject": {"coordinator": 200},
        "accept": {"coordinator": 403},
        "decline": {"coordinator": 403},
        "end": {"coordinator": 409},
        "complete": {"coordinator": 409},
    },
    "offered": {
        "approve": {"coordinator": 200, "mentee": 403, "mentor": 403},  # replayed approve: same offer
        "reject": {"coordinator": 409, "mentee": 403, "mentor": 403},
        "accept": {"coordinator": 403, "mentee": 403, "mentor": 200},
        "decline": {"coordinator": 403, "mentee": 200, "mentor": 200},
        "end": {"coordinator": 409, "mentee": 409, "mentor": 409},
        "complete": {"coordinator": 409, "mentee": 403, "mentor": 403},
    },
    "active": {
        "approve": {"coordinator": 409, "mentee": 403, "mentor": 403},
        "reject": {"coordinator": 409, "mentee": 403, "mentor": 403},
        "accept": {"coordinator": 403, "mentee": 403, "mentor": 200},  # replayed accept
        "decline": {"coordinator": 403, "mentee": 409, "mentor": 409},
        "end": {"coordinator": 200, "mentee": 200, "mentor": 200},
        "complete": {"coordinator": 200, "mentee": 403, "mentor": 403},
    },
}
CASES = [
    (state, action, role, TABLE[state][action].get(role, 404))
    for state in TABLE
    for action in TABLE[state]
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


@pytest.mark.parametrize(("state", "action", "role", "expected"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_role_action_table(
    client_for: Any, mentoring: Programme1, state: str, action: str, role: str, expected: int
) -> None:
    mentee, mentor = mentoring.mentees[0], mentoring.mentors[0]
    match = mentoring.offer(mentee, mentor, state=state)
    client = client_for(caller(mentoring, role, mentee, mentor))

    response = client.post(f"/api/v1/matches/{match.id}/{action}/", BODIES.get(action, {}), format="json")

    assert response.status_code == expected, response.json()
    match.refresh_from_db()
    if expected != 200:
        assert match.state == state, "a refused action must not change the match"
        assert response.json()["errors"][0]["detail"]  # a plain message, always


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
