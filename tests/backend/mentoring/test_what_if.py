"""The what-if of a settings change: the last run's people matched again with the changed rules or weights, the
figures old → new, nothing saved; 409 in plain words before any run."""

from typing import Any

import pytest

from mentoring.models import Match, MatchingRun
from privacy.models import AuditEvent
from programmes.models import Programme
from tests.backend.factories import ProgrammeFactory, coordinator_of
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db

ONLY_PLACE = {"language": 0, "sector": 0, "goals": 0, "place": 1, "availability": 0}


@pytest.fixture
def start_run(as_user: Any, django_capture_on_commit_callbacks: Any) -> Any:
    def start(programme: Programme, coordinator: Any) -> dict[str, Any]:
        with django_capture_on_commit_callbacks(execute=True):
            response = as_user(coordinator).post(f"/api/v1/programmes/{programme.id}/runs/", {}, format="json")
        assert response.status_code == 202, response.json()
        return response.json()

    return start


def _what_if(client: Any, programme: Programme, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/programmes/{programme.id}/what-if/", body, format="json")


@pytest.fixture
def crossed(db: None) -> tuple[Programme, Any]:
    """Two mentees and two mentors of one place each: by sector each fits the mentor in the other city, by place the
    one in her own city. The default weights pair them by sector; weighing only the place swaps both pairs."""
    programme = ProgrammeFactory(name="Crossed")
    coordinator = coordinator_of(programme)
    mentee_profile(programme, sectors=["86"], city="Berlin")
    mentee_profile(programme, sectors=["62"], city="Hamburg")
    mentor_profile(programme, capacity=1, sectors=["86"], city="Hamburg")
    mentor_profile(programme, capacity=1, sectors=["62"], city="Berlin")
    return programme, coordinator


def test_no_run_yet_is_a_plain_409(as_user: Any, mentoring: Programme1) -> None:
    response = _what_if(as_user(mentoring.coordinator), mentoring.programme, {"min_score": 0.2})
    assert response.status_code == 409
    assert "Run matching once first" in response.json()["errors"][0]["detail"]


def test_a_weight_change_changes_the_proposals(as_user: Any, start_run: Any, crossed: tuple[Programme, Any]) -> None:
    programme, coordinator = crossed
    start_run(programme, coordinator)
    response = _what_if(as_user(coordinator), programme, {"weights": ONLY_PLACE})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["mentees"] == 2 and data["differs_from_last_run"] == 0
    assert (data["pairs_added"], data["pairs_removed"], data["mentees_changed"]) == (2, 2, 2)
    assert data["before"]["match_rate"] == data["after"]["match_rate"] == 1.0
    assert data["before"]["total_score"] != data["after"]["total_score"]
    # the saved settings tried again change nothing
    same = _what_if(as_user(coordinator), programme, {}).json()
    assert (same["pairs_added"], same["pairs_removed"], same["before"], same["after"]) == (
        0,
        0,
        data["before"],
        data["before"],
    )


def test_a_stricter_rule_lowers_the_match_rate_and_nothing_is_saved(
    as_user: Any, start_run: Any, mentoring: Programme1
) -> None:
    run = start_run(mentoring.programme, mentoring.coordinator)
    # one of the run's pairs was offered since: she still counts among the run's people, her place is given back
    offered = Match.objects.filter(run_id=run["id"]).first()
    assert offered is not None
    as_user(mentoring.coordinator).post(f"/api/v1/matches/{offered.id}/approve/")
    settings_before = Programme.objects.get(pk=mentoring.programme.pk).matching_settings
    matches_before = sorted(Match.objects.values_list("id", "state", "mentor_id"))
    audit_before = AuditEvent.objects.count()

    # mentors speak Arabic at B2 and German at C2; mentees Arabic at C2 and German at B1: nobody shares C1
    response = _what_if(as_user(mentoring.coordinator), mentoring.programme, {"min_language_level": "C1"})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["mentees"] == 4
    assert data["before"]["match_rate"] == 1.0 and data["before"]["matched"] == 4
    assert data["after"]["match_rate"] == 0.0 and data["after"]["total_score"] == 0
    assert data["pairs_removed"] == 4 and data["pairs_added"] == 0

    assert Programme.objects.get(pk=mentoring.programme.pk).matching_settings == settings_before
    assert sorted(Match.objects.values_list("id", "state", "mentor_id")) == matches_before
    assert MatchingRun.objects.filter(programme=mentoring.programme).count() == 1
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize(
    ("body", "attr"),
    [
        ({"weights": {"language": 0, "sector": 0, "goals": 0, "place": 0, "availability": 0}}, "weights"),
        ({"weights": {"charm": 1}}, "weights"),
        ({"min_score": -1}, "min_score"),
        ({"min_language_level": "D1"}, "min_language_level"),
    ],
)
def test_a_bad_what_if_is_named_field_by_field(
    as_user: Any, start_run: Any, mentoring: Programme1, body: dict[str, Any], attr: str
) -> None:
    start_run(mentoring.programme, mentoring.coordinator)
    response = _what_if(as_user(mentoring.coordinator), mentoring.programme, body)
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == [attr]


def test_only_its_coordinators_preview(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    start_run(mentoring.programme, mentoring.coordinator)
    for who in (mentoring.other_coordinator, mentoring.outsider, mentoring.mentees[0]):
        assert _what_if(as_user(who), mentoring.programme, {"min_score": 0.1}).status_code == 404


def test_a_peer_network_has_no_preview(client_for: Any) -> None:
    from programmes.models import ProgrammeKind

    network = ProgrammeFactory(name="Network", kind=ProgrammeKind.PEER_NETWORK)
    response = _what_if(client_for(coordinator_of(network)), network, {})
    assert response.status_code == 400 and "mentoring programmes" in response.json()["errors"][0]["detail"]


def test_a_run_too_large_to_preview_says_so(
    as_user: Any, start_run: Any, mentoring: Programme1, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentoring import what_if

    start_run(mentoring.programme, mentoring.coordinator)
    monkeypatch.setattr(what_if, "PREVIEW_MAX_MENTEES", 3)
    response = _what_if(as_user(mentoring.coordinator), mentoring.programme, {"min_score": 0.1})
    detail = response.json()["errors"][0]["detail"]
    assert response.status_code == 409 and "more than 3 mentees: too many to preview" in detail
