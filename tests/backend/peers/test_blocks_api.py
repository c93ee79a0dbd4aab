"""A safeguarding block is a hard rule for peer groups: formation never groups the two, a coordinator's move
cannot join them even when forced, and draft groups that hold them are not published. Nobody is told who blocked
whom."""

from typing import Any

import pytest
from django.utils import timezone

from peers.models import GroupMember
from privacy.models import AuditEvent
from profiles.models import Profile
from safeguarding.services import block_create
from tests.backend.peers.conftest import Network, worker
from tests.backend.peers.test_api import form, groups, open_round

pytestmark = pytest.mark.django_db
__all__ = ["form"]  # the fixture, used by the tests below


def block(blocker: Profile, blocked: Profile, n: Network) -> None:
    block_create(
        blocker=blocker.membership.user, blocked=blocked.membership.user, programme=n.programme, now=timezone.now()
    )


def group_of(round_id: Any) -> dict[str, int]:
    return {str(m.profile_id): m.group.index for m in GroupMember.objects.filter(round_id=round_id)}


def test_formation_never_groups_a_blocked_pair_and_says_who_it_could_not_place(
    as_user: Any, network: Network, form: Any
) -> None:
    n = network
    # Three people share French and nobody else speaks it: with groups of three they can only be one group.
    french = [worker(n.programme, 20 + i, languages={"fr": "C1"}) for i in range(3)]
    block(french[0], french[1], n)
    rid = open_round(as_user, n, min_size=3, max_size=3, target_size=3, min_distinct_cities=1)["id"]

    round = form(n, rid)

    placed = group_of(rid)
    first, second = str(french[0].pk), str(french[1].pk)
    assert not (first in placed and second in placed and placed[first] == placed[second])
    [left_out] = {first, second} - set(placed)
    assert round["stats"]["unplaced"] == {left_out: [{"code": "not_placed_kept_apart", "params": {}}]}
    assert {"code": "workers_not_placed", "params": {"workers": 1}} in round["stats"]["notes"]
    assert len(placed) == len(n.workers) + 2


def moves_url(round_id: Any) -> str:
    return f"/api/v1/rounds/{round_id}/moves/"


def test_a_move_next_to_a_blocked_person_is_refused_even_when_forced(as_user: Any, network: Network, form: Any) -> None:
    n = network
    rid = open_round(as_user, n, min_size=4, max_size=8, min_distinct_cities=1)["id"]
    form(n, rid)
    before = groups(as_user, n, rid)
    mover, other = before[0]["members"][0]["profile"], before[1]["members"][0]["profile"]
    profiles = {str(p.pk): p for p in n.workers}
    block(profiles[other], profiles[mover], n)

    details = []
    for who, to_group in ((mover, 1), (other, 0)):  # the one blocked and the one who blocked
        for force in (False, True):
            refused = as_user(n.coordinator).post(
                moves_url(rid), {"worker": who, "to_group": to_group, "force": force}, format="json"
            )
            assert refused.status_code == 409, refused.json()
            [error] = refused.json()["errors"]
            assert error["code"] == "conflict"
            details.append(error["detail"])
    # One plain message, the same whoever moves: it names nobody and does not say who blocked whom.
    assert len(set(details)) == 1 and "kept apart" in details[0]
    assert not any(name in details[0] for name in (mover, other, "Worker", "block"))
    assert groups(as_user, n, rid) == before
    assert not AuditEvent.objects.filter(action="round.move").exists()

    # Moving someone else into that group is still possible.
    third = before[0]["members"][1]["profile"]
    moved = as_user(n.coordinator).post(moves_url(rid), {"worker": third, "to_group": 1}, format="json")
    assert moved.status_code == 200, moved.json()


def test_draft_groups_holding_a_pair_blocked_after_formation_are_not_published(
    as_user: Any, network: Network, form: Any
) -> None:
    n = network
    rid = open_round(as_user, n, min_size=4, max_size=8, min_distinct_cities=1)["id"]
    form(n, rid)
    first = groups(as_user, n, rid)[0]["members"]
    profiles = {str(p.pk): p for p in n.workers}
    block(profiles[first[0]["profile"]], profiles[first[1]["profile"]], n)

    refused = as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")

    assert refused.status_code == 409
    [error] = refused.json()["errors"]
    assert error["code"] == "conflict" and "kept apart" in error["detail"] and ": 1." in error["detail"]
    assert as_user(n.coordinator).get(f"/api/v1/rounds/{rid}/").json()["status"] == "draft"

    moved = as_user(n.coordinator).post(
        moves_url(rid), {"worker": first[0]["profile"], "to_group": 1, "force": True}, format="json"
    )
    assert moved.status_code == 200, moved.json()
    published = as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")
    assert published.status_code == 200, published.json()
