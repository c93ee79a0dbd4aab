"""Invariants 1 (capacity) and 3 (state graph) are kept by the database, not only by the services: a write that
goes around them, straight through the ORM, is refused with an IntegrityError. Runs on SQLite and PostgreSQL."""

import itertools
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from mentoring import database_rules, services
from mentoring.apps import _install_database_rules
from mentoring.models import OPEN_STATES, Match, MatchState
from profiles.models import Profile
from profiles.services import profile_update
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db

# The life cycle of DESIGN.md, written out by hand so that a change to the transition table is seen here.
STEPS = {
    "proposed>offered",
    "proposed>rejected",
    "offered>active",
    "offered>declined",
    "offered>expired",
    "offered>paused",
    "active>closed",
    "active>paused",
    "paused>closed",
    "paused>offered",
    "paused>active",
}


def refused(rule: str) -> Any:
    return pytest.raises(IntegrityError, match=rule)


def test_the_rules_are_installed() -> None:
    assert database_rules.installed(connection) == set(database_rules.TRIGGERS[connection.vendor])


def test_the_rules_come_back_after_a_migrate_that_lost_them() -> None:
    # SQLite drops a table's triggers when a migration rebuilds the table; every migrate puts them back.
    database_rules.uninstall(connection)
    assert database_rules.installed(connection) == set()
    _install_database_rules(sender=None, using="default")  # type: ignore[arg-type]
    assert database_rules.installed(connection) == set(database_rules.TRIGGERS[connection.vendor])


def test_the_database_steps_are_the_transition_table() -> None:
    assert set(database_rules.allowed_steps()) == STEPS


def test_a_direct_insert_beyond_capacity_is_refused(mentoring: Programme1) -> None:
    mentor = mentor_profile(mentoring.programme, capacity=3)
    for state in OPEN_STATES:  # a paused match keeps its place too
        mentoring.offer(mentee_profile(mentoring.programme), mentor, state=state)
    with refused(database_rules.CAPACITY_RULE), transaction.atomic():
        mentoring.offer(mentee_profile(mentoring.programme), mentor)
    assert Match.objects.filter(mentor=mentor, state__in=OPEN_STATES).count() == 3


def test_a_direct_update_into_an_open_state_beyond_capacity_is_refused(mentoring: Programme1) -> None:
    mentor = mentor_profile(mentoring.programme, capacity=1)
    mentoring.offer(mentoring.mentees[0], mentor, state=MatchState.ACTIVE)
    proposal = mentoring.offer(mentoring.mentees[1], mentor, state=MatchState.PROPOSED)
    with refused(database_rules.CAPACITY_RULE), transaction.atomic():
        Match.objects.filter(pk=proposal.pk).update(state=MatchState.OFFERED)
    proposal.state = MatchState.OFFERED
    with refused(database_rules.CAPACITY_RULE), transaction.atomic():
        proposal.save()
    # Moving an open match onto a full mentor is refused as well.
    other = mentoring.offer(mentoring.mentees[2], mentoring.mentors[0], state=MatchState.ACTIVE)
    with refused(database_rules.CAPACITY_RULE), transaction.atomic():
        Match.objects.filter(pk=other.pk).update(mentor=mentor)


def test_a_closed_match_frees_its_place_and_open_steps_need_none(mentoring: Programme1) -> None:
    mentor = mentor_profile(mentoring.programme, capacity=1)
    offer = mentoring.offer(mentoring.mentees[0], mentor)
    Match.objects.filter(pk=offer.pk).update(state=MatchState.ACTIVE)  # open to open: no new place needed
    Match.objects.filter(pk=offer.pk).update(state=MatchState.PAUSED)
    Match.objects.filter(pk=offer.pk).update(state=MatchState.CLOSED)
    mentoring.offer(mentoring.mentees[1], mentor)


def test_a_mentor_without_capacity_holds_no_place(mentoring: Programme1) -> None:
    mentor = mentor_profile(mentoring.programme, capacity=None)
    with refused(database_rules.CAPACITY_RULE), transaction.atomic():
        mentoring.offer(mentoring.mentees[0], mentor)


def test_capacity_cannot_be_lowered_below_the_places_taken(mentoring: Programme1) -> None:
    mentor = mentor_profile(mentoring.programme, capacity=3)
    mentoring.offer(mentoring.mentees[0], mentor, state=MatchState.ACTIVE)
    mentoring.offer(mentoring.mentees[1], mentor, state=MatchState.OFFERED)
    for capacity in (1, None):
        with refused(database_rules.CAPACITY_LOWERED_RULE), transaction.atomic():
            Profile.objects.filter(pk=mentor.pk).update(capacity=capacity)
    Profile.objects.filter(pk=mentor.pk).update(capacity=2)  # down to exactly the places taken is fine
    Profile.objects.filter(pk=mentor.pk).update(capacity=5)
    with pytest.raises(services.Conflict, match="end one before lowering"):
        profile_update(profile=mentor, data={"capacity": 1})


PAIRS = [pair for pair in itertools.product(MatchState.values, MatchState.values) if pair[0] != pair[1]]


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{a}>{b}" for a, b in PAIRS])
def test_a_match_changes_state_only_along_the_graph(mentoring: Programme1, source: str, target: str) -> None:
    match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0], state=source)
    if f"{source}>{target}" in STEPS:
        Match.objects.filter(pk=match.pk).update(state=target)
        match.refresh_from_db()
        assert match.state == target
    else:
        with refused(database_rules.STATE_GRAPH_RULE), transaction.atomic():
            Match.objects.filter(pk=match.pk).update(state=target)
        match.refresh_from_db()
        assert match.state == source


def test_saving_a_match_without_changing_its_state_is_allowed(mentoring: Programme1) -> None:
    match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0], state=MatchState.CLOSED)
    match.reason_text = ""
    match.save()


def test_a_refusal_by_the_database_reaches_the_caller_as_a_plain_409(
    client_for: Any, mentoring: Programme1, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Should a service's own count ever be wrong, the database still refuses, and the caller gets words.
    mentor = mentoring.mentors[0]  # capacity 2
    mentoring.offer(mentoring.mentees[0], mentor, state=MatchState.ACTIVE)
    mentoring.offer(mentoring.mentees[1], mentor)
    proposal = mentoring.offer(mentoring.mentees[2], mentor, state=MatchState.PROPOSED)
    monkeypatch.setattr(services, "_places_taken", lambda mentor, besides=None: 0)

    response = client_for(mentoring.coordinator).post(f"/api/v1/matches/{proposal.id}/approve/")

    assert response.status_code == 409
    assert response.json()["errors"][0]["detail"] == services.FULL_MESSAGE
    proposal.refresh_from_db()
    assert proposal.state == MatchState.PROPOSED


def test_accept_counts_places_as_approve_does(client_for: Any, mentoring: Programme1) -> None:
    """An offer holds its place: accepting it needs no second one, whatever else the mentor holds."""
    mentor = mentoring.mentors[0]  # capacity 2
    mentoring.offer(mentoring.mentees[0], mentor, state=MatchState.PAUSED)
    offer = mentoring.offer(mentoring.mentees[1], mentor)
    response = client_for(mentor.membership.user).post(f"/api/v1/matches/{offer.id}/accept/")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "active"
