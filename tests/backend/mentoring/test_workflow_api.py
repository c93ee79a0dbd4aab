"""The mentoring journey through the API: run, review, approve, accept, end, feedback — and what each side sees."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from mentoring import services
from mentoring.models import Match, MatchingRun, MatchState
from privacy.models import AuditEvent
from programmes.models import ProgrammeKind, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, coordinator_of
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def start_run(as_user: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Start a run through the API; its task is queued after commit, so run it when the request is done."""

    def start(m: Programme1, **body: Any) -> dict[str, Any]:
        with django_capture_on_commit_callbacks(execute=True):
            response = as_user(m.coordinator).post(f"/api/v1/programmes/{m.programme.id}/runs/", body, format="json")
        assert response.status_code == 202, response.json()
        return response.json()

    return start


def test_a_run_proposes_pairs_with_scores_and_reasons(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    run = start_run(mentoring)
    detail = as_user(mentoring.coordinator).get(f"/api/v1/runs/{run['id']}/").json()
    assert detail["status"] == "done" and detail["progress"] == 100
    assert detail["counts"]["proposals"] == 4  # two mentors with two places each, four mentees
    assert detail["counts"]["mentees"] == 4 and detail["timings"]["total"] >= 0
    # the run says it is the best possible, and the bound it proves is its own total score
    certificate = detail["certificate"]
    assert certificate["proven"] and certificate["gap"] == 0 and certificate["objective"] == "total_score"
    assert certificate["upper_bound"] == pytest.approx(detail["counts"]["total_score"], abs=1e-3)
    proposals = (
        as_user(mentoring.coordinator)
        .get(f"/api/v1/programmes/{mentoring.programme.id}/matches/", {"state": "proposed"})
        .json()["results"]
    )
    assert len(proposals) == 4
    assert all(0 < p["score"] <= 1 for p in proposals)
    codes = {reason["code"] for p in proposals for reason in p["reasons"]}
    assert "shared_language" in codes
    assert {part["name"] for part in proposals[0]["parts"]} >= {"language", "sector"}


def test_unmatched_mentees_get_the_engines_reasons(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    loner = mentee_profile(mentoring.programme, languages={"ti": "C2"})
    run = start_run(mentoring)
    unmatched = {row["mentee"]: row["reasons"] for row in run_detail(as_user, mentoring, run)["unmatched"]}
    assert unmatched[str(loner.id)][0]["code"] == "no_shared_working_language"


def test_a_greedy_run_claims_no_proof(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    run = start_run(mentoring, mode="greedy")
    assert run_detail(as_user, mentoring, run)["certificate"] is None


def run_detail(as_user: Any, m: Programme1, run: dict[str, Any]) -> dict[str, Any]:
    return as_user(m.coordinator).get(f"/api/v1/runs/{run['id']}/").json()


def test_full_journey_approve_accept_end_feedback(
    as_user: Any, start_run: Any, mentoring: Programme1, django_capture_on_commit_callbacks: Any
) -> None:
    start_run(mentoring)
    proposal = Match.objects.filter(state=MatchState.PROPOSED).first()
    assert proposal is not None
    coordinator = as_user(mentoring.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        approved = coordinator.post(f"/api/v1/matches/{proposal.id}/approve/")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["state"] == "offered"
    mentor, mentee = as_user(proposal.mentor), as_user(proposal.mentee)
    assert len([m for m in mail.outbox if proposal.mentor.membership.user.email in m.to]) == 1

    # The mentor sees a card without the mentee's full name, contact or preferences.
    offer = mentor.get(f"/api/v1/matches/{proposal.id}/").json()
    assert offer["my_role"] == "mentor" and offer["contact"] is None
    # Until the mentor accepts, the mentee is a pseudonymous card: her initial only (privacy).
    assert offer["counterpart"]["first_name"] == proposal.mentee.membership.user.display_name[0] + "."
    assert "full_name" not in offer["counterpart"] and "woman_mentor_only" not in str(offer)
    assert mentee.get("/api/v1/matches/").json()["results"][0]["state"] == "offered"

    assert mentee.post(f"/api/v1/matches/{proposal.id}/accept/").status_code == 403
    accepted = mentor.post(f"/api/v1/matches/{proposal.id}/accept/")
    assert accepted.status_code == 200 and accepted.json()["state"] == "active"
    active = mentor.get(f"/api/v1/matches/{proposal.id}/").json()
    assert active["contact"]["full_name"] == proposal.mentee.membership.user.full_name
    assert active["contact"]["email"] is None  # she did not choose to share it

    ended = mentee.post(f"/api/v1/matches/{proposal.id}/end/", {"reason": "goal_reached"}, format="json")
    assert ended.status_code == 200 and ended.json()["state"] == "closed"
    feedback = mentee.post(
        f"/api/v1/matches/{proposal.id}/feedback/", {"rating": 5, "goal_reached": "job", "text": "Danke"}, format="json"
    )
    assert feedback.status_code == 201
    again = mentee.post(f"/api/v1/matches/{proposal.id}/feedback/", {"rating": 4}, format="json")
    assert again.status_code == 409

    actions = list(AuditEvent.objects.filter(target_id=str(proposal.id)).values_list("action", flat=True))
    assert {"match.approve", "match.accept", "match.end", "feedback.submit"} <= set(actions)
    audit = coordinator.get(f"/api/v1/programmes/{mentoring.programme.id}/audit/").json()
    assert audit["count"] >= 5
    health = coordinator.get(f"/api/v1/programmes/{mentoring.programme.id}/health/").json()
    assert health["states"]["closed"] == 1 and health["feedback"]["count"] == 1
    assert health["acceptance_rate"] == 1.0


def test_shared_contact_is_shown_once_active(as_user: Any, mentoring: Programme1) -> None:
    mentee = mentoring.mentees[0]
    mentee.share_email = True
    mentee.save()
    match = mentoring.offer(mentee, mentoring.mentors[0], state=MatchState.ACTIVE)
    view = as_user(mentoring.mentors[0]).get(f"/api/v1/matches/{match.id}/").json()
    assert view["contact"]["email"] == mentee.membership.user.email


def test_replaying_an_approve_gives_the_same_offer_and_one_notification(
    as_user: Any, start_run: Any, mentoring: Programme1, django_capture_on_commit_callbacks: Any
) -> None:
    start_run(mentoring)
    proposal = Match.objects.filter(state=MatchState.PROPOSED).first()
    assert proposal is not None
    client = as_user(mentoring.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/api/v1/matches/{proposal.id}/approve/").json()
        second = client.post(f"/api/v1/matches/{proposal.id}/approve/").json()
    assert first["offer_expires_at"] == second["offer_expires_at"]
    mentor_email = proposal.mentor.membership.user.email
    assert len([m for m in mail.outbox if mentor_email in m.to]) == 1


def test_decline_then_rollover_to_the_next_best_and_never_again(
    as_user: Any, start_run: Any, mentoring: Programme1
) -> None:
    start_run(mentoring, mentees=[str(mentoring.mentees[0].id)])
    proposal = Match.objects.get(state=MatchState.PROPOSED)
    assert proposal.alternatives, "the run keeps ranked alternatives"
    as_user(mentoring.coordinator).post(f"/api/v1/matches/{proposal.id}/approve/")
    declined = as_user(proposal.mentor).post(
        f"/api/v1/matches/{proposal.id}/decline/", {"reason": "no_time", "text": "Travelling"}, format="json"
    )
    assert declined.status_code == 200 and declined.json()["state"] == "declined"
    rolled = as_user(mentoring.coordinator).post(f"/api/v1/matches/{proposal.id}/rollover/")
    assert rolled.status_code == 201, rolled.json()
    assert rolled.json()["state"] == "offered" and rolled.json()["mentor"]["profile"] != str(proposal.mentor_id)
    # The declined pair is never proposed again.
    Match.objects.filter(pk=rolled.json()["id"]).update(state=MatchState.EXPIRED)
    start_run(mentoring, mentees=[str(mentoring.mentees[0].id)])
    assert not Match.objects.filter(mentee=proposal.mentee, mentor=proposal.mentor, state=MatchState.PROPOSED).exists()


def test_bad_decline_reason_is_a_400(as_user: Any, mentoring: Programme1) -> None:
    match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0])
    response = as_user(mentoring.mentors[0]).post(
        f"/api/v1/matches/{match.id}/decline/", {"reason": "bored"}, format="json"
    )
    assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "reason"
    match.refresh_from_db()
    assert match.state == MatchState.OFFERED


def test_hand_match_shows_the_engines_score_and_refuses_broken_rules(as_user: Any, mentoring: Programme1) -> None:
    client = as_user(mentoring.coordinator)
    url = f"/api/v1/programmes/{mentoring.programme.id}/matches/"
    mentee, mentor = mentoring.mentees[0], mentoring.mentors[0]
    preview = client.get(
        f"/api/v1/programmes/{mentoring.programme.id}/explain/", {"mentee": mentee.id, "mentor": mentor.id}
    ).json()
    assert preview["eligible"] is True and preview["score"] > 0
    created = client.post(url, {"mentee": str(mentee.id), "mentor": str(mentor.id)}, format="json")
    assert created.status_code == 201 and created.json()["source"] == "hand"
    assert created.json()["score"] == pytest.approx(preview["score"], abs=1e-3)
    man = mentor_profile(mentoring.programme, gender="man")
    picky = mentee_profile(mentoring.programme, woman_mentor_only=True)
    refused = client.post(url, {"mentee": str(picky.id), "mentor": str(man.id)}, format="json")
    assert refused.status_code == 409 and "rule" in refused.json()["errors"][0]["detail"]


@pytest.mark.parametrize("swap", ["mentee", "mentor", "both"])
def test_explain_with_the_wrong_role_names_the_field_as_a_hand_match_does(
    as_user: Any, mentoring: Programme1, swap: str
) -> None:
    mentee, mentor = mentoring.mentees[0], mentoring.mentors[0]
    query = {
        "mentee": (mentoring.mentors[1] if swap in ("mentee", "both") else mentee).id,
        "mentor": (mentoring.mentees[1] if swap in ("mentor", "both") else mentor).id,
    }
    response = as_user(mentoring.coordinator).get(f"/api/v1/programmes/{mentoring.programme.id}/explain/", query)
    assert response.status_code == 400
    wrong = "mentee" if swap != "mentor" else "mentor"
    assert [(error["attr"], error["code"]) for error in response.json()["errors"]] == [(wrong, "invalid")]


def test_bulk_approve_reports_each_result(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    start_run(mentoring)
    ids = [str(pk) for pk in Match.objects.filter(state=MatchState.PROPOSED).values_list("id", flat=True)]
    response = as_user(mentoring.coordinator).post(
        f"/api/v1/programmes/{mentoring.programme.id}/matches/bulk-approve/", {"ids": ids}, format="json"
    )
    assert response.status_code == 200
    assert [row["ok"] for row in response.json()] == [True] * 4
    assert Match.objects.filter(state=MatchState.OFFERED).count() == 4


def test_bulk_reject_rejects_with_one_reason_and_reports_each_result(
    as_user: Any, start_run: Any, mentoring: Programme1
) -> None:
    start_run(mentoring)
    proposed = list(Match.objects.filter(state=MatchState.PROPOSED))
    first, second = proposed[0], proposed[1]
    services.match_approve(match=second, by=mentoring.coordinator, now=timezone.now())
    elsewhere = "00000000-0000-0000-0000-000000000000"
    url = f"/api/v1/programmes/{mentoring.programme.id}/matches/bulk-reject/"
    coordinator = as_user(mentoring.coordinator)

    response = coordinator.post(
        url, {"ids": [str(first.id), str(second.id), elsewhere], "reason": "Languages do not fit"}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json() == [
        {"id": str(first.id), "ok": True, "state": "rejected", "error": ""},
        {
            "id": str(second.id),
            "ok": False,
            "state": "offered",
            "error": "This pairing is offered, so it cannot be rejected now.",
        },
        {"id": elsewhere, "ok": False, "state": "", "error": "No such proposal."},
    ]
    first.refresh_from_db()
    assert (first.state, first.reason_text, first.closed_by_role) == ("rejected", "Languages do not fit", "coordinator")
    assert AuditEvent.objects.filter(action="match.reject", target_id=str(first.id), reason="Languages do not fit")
    # A rejected pair is not proposed again.
    start_run(mentoring)
    assert not Match.objects.filter(mentee=first.mentee, mentor=first.mentor, state=MatchState.PROPOSED).exists()


def test_bulk_reject_needs_a_reason(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    start_run(mentoring)
    ids = [str(pk) for pk in Match.objects.filter(state=MatchState.PROPOSED).values_list("id", flat=True)]
    url = f"/api/v1/programmes/{mentoring.programme.id}/matches/bulk-reject/"
    for body in ({"ids": ids}, {"ids": ids, "reason": "  "}, {"ids": [], "reason": "No"}):
        response = as_user(mentoring.coordinator).post(url, body, format="json")
        assert response.status_code == 400, response.json()
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == len(ids)


def test_bulk_reject_is_all_or_nothing_when_something_breaks(
    as_user: Any, start_run: Any, mentoring: Programme1, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_run(mentoring)
    ids = [str(pk) for pk in Match.objects.filter(state=MatchState.PROPOSED).values_list("id", flat=True)]
    original = services.match_reject
    calls = []

    def fail_on_the_third(**kwargs: Any) -> Match:
        calls.append(kwargs["match"].pk)
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return original(**kwargs)

    monkeypatch.setattr(services, "match_reject", fail_on_the_third)
    client = as_user(mentoring.coordinator)
    client.raise_request_exception = False
    response = client.post(
        f"/api/v1/programmes/{mentoring.programme.id}/matches/bulk-reject/", {"ids": ids, "reason": "x"}, format="json"
    )
    assert response.status_code == 500
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == len(ids) == 4
    assert not AuditEvent.objects.filter(action="match.reject").exists()


def test_swap_exchanges_mentors_of_two_proposals(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    start_run(mentoring)
    a = Match.objects.filter(state=MatchState.PROPOSED).first()
    assert a is not None
    b = Match.objects.filter(state=MatchState.PROPOSED).exclude(mentor=a.mentor).first()
    assert b is not None, "the run proposes both mentors"
    response = as_user(mentoring.coordinator).post(
        "/api/v1/matches/swap/", {"first": str(a.id), "second": str(b.id)}, format="json"
    )
    assert response.status_code == 200, response.json()
    a2, b2 = Match.objects.get(pk=a.id), Match.objects.get(pk=b.id)
    assert (a2.mentor_id, b2.mentor_id) == (b.mentor_id, a.mentor_id)


def test_offers_expire_with_a_reminder_first(mentoring: Programme1) -> None:
    match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0])
    now = timezone.now()
    assert services.offers_remind_due(now=now + timedelta(days=5, hours=12)) == 1
    assert services.offers_remind_due(now=now + timedelta(days=6)) == 0  # once only
    assert services.offers_expire_due(now=now + timedelta(days=8)) == 1
    match.refresh_from_db()
    assert match.state == MatchState.EXPIRED
    assert AuditEvent.objects.filter(action="match.expire", target_id=str(match.id)).exists()


def test_active_matches_complete_after_the_programmes_duration(mentoring: Programme1) -> None:
    match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0], state=MatchState.ACTIVE)
    later = timezone.now() + timedelta(days=mentoring.programme.match_duration_days + 1)
    assert services.matches_complete_due(now=later) == 1
    match.refresh_from_db()
    assert match.state == MatchState.CLOSED and match.completed


def test_two_runs_of_one_programme_cannot_run_at_once(as_user: Any, mentoring: Programme1) -> None:
    MatchingRun.objects.create(programme=mentoring.programme, status="assigning", heartbeat_at=timezone.now())
    response = as_user(mentoring.coordinator).post(
        f"/api/v1/programmes/{mentoring.programme.id}/runs/", {}, format="json"
    )
    assert response.status_code == 409
    assert "already under way" in response.json()["errors"][0]["detail"]


def test_a_run_that_fails_midway_leaves_no_partial_proposals(
    as_user: Any, start_run: Any, mentoring: Programme1, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_run(mentoring)
    before = set(Match.objects.values_list("id", flat=True))
    original = Match.objects.bulk_create

    def half_then_crash(objs: Any, *args: Any, **kwargs: Any) -> Any:
        objs = list(objs)
        original(objs[:2], *args, **kwargs)
        raise RuntimeError("worker lost")

    monkeypatch.setattr(Match.objects, "bulk_create", half_then_crash)
    start_run(mentoring)
    assert set(Match.objects.values_list("id", flat=True)) == before
    failed = MatchingRun.objects.order_by("-created_at").first()
    assert failed is not None and failed.status == "failed" and "Nothing was changed" in failed.error
    monkeypatch.undo()
    again = start_run(mentoring)
    assert run_detail(as_user, mentoring, again)["status"] == "done"


def test_recommendations_for_a_mentee_with_reasons(as_user: Any, mentoring: Programme1) -> None:
    mentee = mentoring.mentees[0]
    response = as_user(mentoring.coordinator).get(f"/api/v1/profiles/{mentee.id}/recommendations/", {"k": 3})
    assert response.status_code == 200, response.json()
    rows = response.json()
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1)) and len(rows) == 2
    assert all(row["explanation"]["eligible"] for row in rows)
    assert as_user(mentoring.other_coordinator).get(f"/api/v1/profiles/{mentee.id}/recommendations/").status_code == 404


@pytest.mark.parametrize("role", ["mentor", "employer", "frontline_worker"])
def test_recommendations_for_someone_who_is_not_a_mentee_are_a_plain_404(
    as_user: Any, mentoring: Programme1, role: str
) -> None:
    # Only a mentee has recommended mentors; for anyone else the route names nothing that exists.
    if role == "frontline_worker":
        network = ProgrammeFactory(kind=ProgrammeKind.PEER_NETWORK)
        coordinator = coordinator_of(network)
        profile = ProfileFactory(membership=MembershipFactory(programme=network, role=Role.FRONTLINE_WORKER))
    else:
        coordinator = mentoring.coordinator
        profile = mentor_profile(mentoring.programme, role=role) if role == "employer" else mentoring.mentors[0]
    response = as_user(coordinator).get(f"/api/v1/profiles/{profile.id}/recommendations/")
    assert response.status_code == 404
    assert response.json()["type"] == "client_error"
    assert [error["code"] for error in response.json()["errors"]] == ["not_found"]
    assert "mentee" in response.json()["errors"][0]["detail"]


def test_unmatched_mentees_can_be_told_apart(as_user: Any, start_run: Any, mentoring: Programme1) -> None:
    """Two women called Amal who could not be placed: the coordinator sees their full names and cities."""
    first = mentee_profile(mentoring.programme, languages={"ti": "C2"}, city="Berlin")
    second = mentee_profile(mentoring.programme, languages={"ti": "C2"}, city="Potsdam")
    for profile, full_name in ((first, "Amal Haddad"), (second, "Amal Nasser")):
        profile.membership.user.display_name, profile.membership.user.full_name = "Amal", full_name
        profile.membership.user.save()
    nameless = mentee_profile(mentoring.programme, languages={"ti": "C2"})
    nameless.membership.user.full_name = ""
    nameless.membership.user.save()
    run = start_run(mentoring)
    unmatched = {row["mentee"]: row for row in run_detail(as_user, mentoring, run)["unmatched"]}
    assert (unmatched[str(first.id)]["name"], unmatched[str(first.id)]["city"]) == ("Amal Haddad", "Berlin")
    assert (unmatched[str(second.id)]["name"], unmatched[str(second.id)]["city"]) == ("Amal Nasser", "Potsdam")
    assert unmatched[str(nameless.id)]["name"] == nameless.membership.user.display_name


def test_participants_see_whether_they_gave_feedback(as_user: Any, mentoring: Programme1) -> None:
    mentee = mentoring.mentees[0]
    match = mentoring.offer(mentee, mentoring.mentors[0], state=MatchState.ACTIVE)
    client = as_user(mentee)
    assert client.get(f"/api/v1/matches/{match.id}/").json()["feedback_given"] is False
    given = client.post(f"/api/v1/matches/{match.id}/feedback/", {"rating": 5}, format="json")
    assert given.status_code == 201
    assert client.get(f"/api/v1/matches/{match.id}/").json()["feedback_given"] is True
    [own] = [m for m in client.get("/api/v1/matches/").json()["results"] if m["id"] == str(match.id)]
    assert own["feedback_given"] is True
    mentor_view = as_user(mentoring.mentors[0]).get("/api/v1/matches/").json()["results"][0]
    assert mentor_view["feedback_given"] is False
    assert as_user(mentoring.mentors[0]).get(f"/api/v1/matches/{match.id}/").json()["feedback_given"] is False


def test_explaining_a_proposal_shows_the_score_the_run_used(
    as_user: Any, start_run: Any, mentoring: Programme1
) -> None:
    """The text part of a score depends on every text in the run; a pair explained on its own would show another
    score than the one the run optimised. The coordinator sees the run's."""
    texts = [
        "Pflege im Krankenhaus, Anerkennung meines Abschlusses",
        "software testing and web development",
        "restaurant kitchen, cooking and catering",
        "teaching children, kindergarten",
        "accounting and bookkeeping, Buchhaltung",
        "nursing the elderly at home",
    ]
    for i, text in enumerate(texts):
        ProfileFactory(
            membership=MembershipFactory(programme=mentoring.programme, role=Role.MENTEE),
            languages={"ar": "C2", "de": "B2"},
            sectors=["86" if i % 2 else "62"],
            goals=["job_search"],
            goals_text=text,
            gender="woman",
        )
    for text in ("software careers and IT support", "Krankenpflege und Altenpflege beraten"):
        ProfileFactory(
            membership=MembershipFactory(programme=mentoring.programme, role=Role.MENTOR),
            languages={"de": "C2", "ar": "C1"},
            sectors=["62", "86"],
            goals=["job_search"],
            goals_text=text,
            capacity=3,
            verified_at=timezone.now(),
            gender="woman",
        )
    start_run(mentoring)
    proposals = list(Match.objects.filter(programme=mentoring.programme, state=MatchState.PROPOSED))
    assert len(proposals) >= 6
    coordinator = as_user(mentoring.coordinator)
    differs = 0
    for proposal in proposals:
        shown = coordinator.get(
            f"/api/v1/programmes/{mentoring.programme.id}/explain/",
            {"mentee": str(proposal.mentee_id), "mentor": str(proposal.mentor_id)},
        ).json()
        assert shown["eligible"] and shown["score"] == pytest.approx(proposal.score, abs=1e-6)
        stored = {part["name"]: part["value"] for part in proposal.parts}
        assert {part["name"]: part["value"] for part in shown["parts"]} == pytest.approx(stored, abs=1e-6)
        assert sum(part["contribution"] for part in shown["parts"]) == pytest.approx(proposal.score, abs=1e-3)
        fresh = services.adapter.explain_pair(mentoring.programme, proposal.mentee, proposal.mentor)
        differs += abs(fresh.score - proposal.score) > 1e-4
    # the reason this matters: on its own, at least one pair scores differently
    assert differs > 0
