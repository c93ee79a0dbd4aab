"""A safeguarding block is a hard rule for mentoring: a run never proposes the pair (also when the block comes
while the run computes), and a coordinator cannot match them by hand, by a swap, from recommendations, or by
approving an old proposal. Nobody is told who blocked whom."""

from typing import Any

import pytest
from django.utils import timezone

from mentoring import services
from mentoring.models import Match, MatchingRun, MatchSource, MatchState
from profiles.models import Profile
from safeguarding.models import Block
from safeguarding.services import block_create
from tests.backend.mentoring.conftest import Programme1

pytestmark = pytest.mark.django_db


def block(blocker: Profile, blocked: Profile) -> None:
    block_create(blocker=blocker.membership.user, blocked=blocked.membership.user, programme=None, now=timezone.now())


def pairs(**filters: Any) -> set[tuple[Any, Any]]:
    return set(Match.objects.filter(**filters).values_list("mentee_id", "mentor_id"))


def test_a_coordinator_cannot_pair_a_blocked_pair_by_hand_swap_or_recommendation(
    as_user: Any, mentoring: Programme1
) -> None:
    m = mentoring
    client = as_user(m.coordinator)
    mentee, mentor = m.mentees[0], m.mentors[0]
    block(mentor, mentee)

    explained = client.get(f"/api/v1/programmes/{m.programme.id}/explain/", {"mentee": mentee.id, "mentor": mentor.id})
    assert explained.status_code == 200
    assert explained.json()["eligible"] is False
    assert "excluded_pair" in {r["code"] for r in explained.json()["reasons"]}

    url = f"/api/v1/programmes/{m.programme.id}/matches/"
    refused = client.post(url, {"mentee": str(mentee.id), "mentor": str(mentor.id)}, format="json")
    assert refused.status_code == 409
    assert "block" not in refused.json()["errors"][0]["detail"].lower()

    recommended = client.get(f"/api/v1/profiles/{mentee.id}/recommendations/", {"k": 5}).json()
    assert str(mentor.id) not in {row["mentor"]["profile"] for row in recommended}
    assert recommended, "the other mentor is still recommended"

    # Two proposals whose swap would pair the blocked two.
    first = client.post(url, {"mentee": str(mentee.id), "mentor": str(m.mentors[1].id)}, format="json").json()
    second = client.post(url, {"mentee": str(m.mentees[1].id), "mentor": str(mentor.id)}, format="json").json()
    swapped = client.post("/api/v1/matches/swap/", {"first": first["id"], "second": second["id"]}, format="json")
    assert swapped.status_code == 409
    assert (mentee.pk, mentor.pk) not in pairs()


def test_a_run_never_proposes_a_blocked_pair_even_one_blocked_while_it_ran(
    as_user: Any, mentoring: Programme1, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    m = mentoring
    block(m.mentees[0], m.mentors[0])
    original = services.engine.match
    blocked_midway: list[tuple[str, str]] = []

    def match_then_block(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        # Someone blocks her proposed mentor while the engine's result is on its way to the database.
        chosen = result.assignments[0]
        blocked_midway.append((chosen.mentee_id, chosen.mentor_id))
        mentee, mentor = Profile.objects.get(pk=chosen.mentee_id), Profile.objects.get(pk=chosen.mentor_id)
        Block.objects.create(blocker=mentee.membership.user, blocked=mentor.membership.user)
        return result

    monkeypatch.setattr(services.engine, "match", match_then_block)
    with django_capture_on_commit_callbacks(execute=True):
        started = as_user(m.coordinator).post(f"/api/v1/programmes/{m.programme.id}/runs/", {}, format="json")
    assert started.status_code == 202, started.json()

    run = MatchingRun.objects.get(pk=started.json()["id"])
    assert run.status == "done"
    proposed = {(str(a), str(b)) for a, b in pairs(run=run)}
    assert proposed, "the run proposed the other pairs"
    assert (str(m.mentees[0].pk), str(m.mentors[0].pk)) not in proposed
    [(mentee_id, mentor_id)] = blocked_midway
    assert (mentee_id, mentor_id) not in proposed
    assert run.unmatched[mentee_id] == [{"code": "excluded_pair", "params": {}}]
    assert run.counts["proposals"] == len(proposed)


def test_a_proposal_of_a_pair_blocked_since_is_not_offered(as_user: Any, mentoring: Programme1) -> None:
    m = mentoring
    mentee, mentor = m.mentees[0], m.mentors[0]
    proposal = Match.objects.create(
        programme=m.programme, mentee=mentee, mentor=mentor, source=MatchSource.ENGINE, score=0.5
    )
    # Made at the same moment as the proposal, so the block did not withdraw it.
    Block.objects.create(blocker=mentor.membership.user, blocked=mentee.membership.user)

    refused = as_user(m.coordinator).post(f"/api/v1/matches/{proposal.id}/approve/")

    assert refused.status_code == 409, refused.json()
    assert "kept apart" in refused.json()["errors"][0]["detail"]
    assert Match.objects.get(pk=proposal.pk).state == MatchState.PROPOSED
