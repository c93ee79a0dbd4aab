"""Approving or rejecting every proposal a filter selects, across all pages of the list, and never more than the
coordinator saw it select."""

from typing import Any

import pytest

from mentoring.models import Match, MatchingRun, MatchState, RunStatus
from programmes.models import Programme
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db


def _propose(
    programme: Programme, mentees: int, *, run: MatchingRun | None = None, per_mentor: int = 10
) -> list[Match]:
    """Proposals as a run leaves them: each new mentee with a verified mentor who has a place for her."""
    mentors = [mentor_profile(programme, capacity=per_mentor) for _ in range(-(-mentees // per_mentor))]
    return Match.objects.bulk_create(
        Match(
            programme=programme,
            mentee=mentee_profile(programme),
            mentor=mentors[index // per_mentor],
            run=run,
            score=round(1 - index / 1000, 3),
        )
        for index in range(mentees)
    )


def _url(mentoring: Programme1, action: str) -> str:
    return f"/api/v1/programmes/{mentoring.programme.id}/matches/bulk-{action}/"


def _proposed_count(client: Any, mentoring: Programme1) -> int:
    listed = client.get(f"/api/v1/programmes/{mentoring.programme.id}/matches/?state=proposed&page_size=200")
    assert listed.status_code == 200
    return int(listed.json()["count"])


def test_approving_all_a_filter_selects_includes_the_pages_not_loaded(as_user: Any, mentoring: Programme1) -> None:
    proposals = _propose(mentoring.programme, 205)
    coordinator = as_user(mentoring.coordinator)
    first_page = coordinator.get(f"/api/v1/programmes/{mentoring.programme.id}/matches/?state=proposed&page_size=200")
    assert len(first_page.json()["results"]) == 200 and first_page.json()["count"] == 205

    response = coordinator.post(_url(mentoring, "approve"), {"filter": {}, "expected_count": 205}, format="json")

    assert response.status_code == 200, response.json()
    results = response.json()
    # Best first, as listed, so the best pairs take the mentors' places first.
    assert [row["id"] for row in results] == [str(m.pk) for m in sorted(proposals, key=lambda m: -m.score)]
    assert all(row["ok"] and row["state"] == "offered" for row in results)
    assert _proposed_count(coordinator, mentoring) == 0
    assert Match.objects.filter(programme=mentoring.programme, state=MatchState.OFFERED).count() == 205


def test_a_stale_count_approves_nothing(as_user: Any, mentoring: Programme1) -> None:
    _propose(mentoring.programme, 12)
    coordinator = as_user(mentoring.coordinator)
    seen = _proposed_count(coordinator, mentoring)
    # Meanwhile another run (or a colleague's hand match) adds a proposal she has not seen.
    _propose(mentoring.programme, 1)

    response = coordinator.post(_url(mentoring, "approve"), {"filter": {}, "expected_count": seen}, format="json")

    assert response.status_code == 409, response.json()
    body = response.json()
    assert body["type"] == "client_error"
    assert [error["code"] for error in body["errors"]] == ["conflict"]
    assert "13" in body["errors"][0]["detail"] and "12" in body["errors"][0]["detail"]
    assert Match.objects.filter(state=MatchState.OFFERED).count() == 0
    # One approved by a colleague meanwhile makes the count smaller: refused too.
    Match.objects.filter(pk=Match.objects.filter(state=MatchState.PROPOSED).first().pk).update(  # type: ignore[union-attr]
        state=MatchState.REJECTED
    )
    assert (
        coordinator.post(_url(mentoring, "approve"), {"filter": {}, "expected_count": 13}, format="json").status_code
        == 409
    )


def test_the_filter_selects_one_run_and_only_proposals_of_her_programme(as_user: Any, mentoring: Programme1) -> None:
    older = MatchingRun.objects.create(programme=mentoring.programme, status=RunStatus.DONE)
    newer = MatchingRun.objects.create(programme=mentoring.programme, status=RunStatus.DONE)
    _propose(mentoring.programme, 3, run=older)
    chosen = _propose(mentoring.programme, 4, run=newer)
    offered = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0])
    elsewhere = Programme.objects.exclude(pk=mentoring.programme.pk).get()
    _propose(elsewhere, 2)

    response = as_user(mentoring.coordinator).post(
        _url(mentoring, "approve"), {"filter": {"run": str(newer.pk)}, "expected_count": 4}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert sorted(row["id"] for row in response.json()) == sorted(str(m.pk) for m in chosen)
    assert Match.objects.filter(run=older, state=MatchState.PROPOSED).count() == 3
    assert Match.objects.filter(programme=elsewhere, state=MatchState.PROPOSED).count() == 2
    offered.refresh_from_db()
    assert offered.state == MatchState.OFFERED


def test_rejecting_all_a_filter_selects_keeps_one_reason(as_user: Any, mentoring: Programme1) -> None:
    _propose(mentoring.programme, 205)
    response = as_user(mentoring.coordinator).post(
        _url(mentoring, "reject"), {"filter": {}, "expected_count": 205, "reason": "A new intake"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert len(response.json()) == 205 and all(row["ok"] for row in response.json())
    assert set(Match.objects.values_list("state", "reason_text")) == {(MatchState.REJECTED, "A new intake")}

    stale = as_user(mentoring.coordinator).post(
        _url(mentoring, "reject"), {"filter": {}, "expected_count": 205, "reason": "Again"}, format="json"
    )
    assert stale.status_code == 409


@pytest.mark.parametrize(
    ("body", "attr"),
    [
        ({"filter": {}}, "expected_count"),
        ({"filter": {}, "expected_count": 0}, "expected_count"),
        ({"filter": {"run": "not-a-uuid"}, "expected_count": 1}, "filter.run"),
        ({"ids": [], "filter": {}, "expected_count": 1}, "ids"),
        ({}, "non_field_errors"),
    ],
)
def test_a_filter_needs_the_count_she_saw(as_user: Any, mentoring: Programme1, body: dict[str, Any], attr: str) -> None:
    _propose(mentoring.programme, 2)
    response = as_user(mentoring.coordinator).post(_url(mentoring, "approve"), body, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["type"] == "validation_error"
    assert attr in [error["attr"] for error in response.json()["errors"]]
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == 2


def test_ids_and_a_filter_together_are_refused(as_user: Any, mentoring: Programme1) -> None:
    [proposal] = _propose(mentoring.programme, 1)
    response = as_user(mentoring.coordinator).post(
        _url(mentoring, "approve"), {"ids": [str(proposal.pk)], "filter": {}, "expected_count": 1}, format="json"
    )
    assert response.status_code == 400
    assert Match.objects.get().state == MatchState.PROPOSED


def test_another_programmes_coordinator_cannot_approve_by_filter(as_user: Any, mentoring: Programme1) -> None:
    _propose(mentoring.programme, 2)
    response = as_user(mentoring.other_coordinator).post(
        _url(mentoring, "approve"), {"filter": {}, "expected_count": 2}, format="json"
    )
    assert response.status_code == 404
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == 2
