"""Her groups answer conditional GETs: a 304 while nothing changed, a new tag when the group or a member's card
changes, and never one member's tag for another's view. Her groups are found by her profile ids."""

from typing import Any

import pytest

from peers.models import GroupMember
from tests.backend.peers.conftest import Network
from tests.backend.peers.test_api import publish

pytestmark = pytest.mark.django_db
GROUPS = "/api/v1/groups/"


def test_her_groups_answer_304_until_something_in_them_changes(as_user: Any, network: Network) -> None:
    n = network
    publish(n, n.open_round(min_size=12, max_size=12, min_distinct_cities=1))
    me = as_user(n.workers[0])
    first = me.get(GROUPS)
    assert first.status_code == 200 and first.json()["count"] == 1
    group = first.json()["results"][0]["id"]
    detail = me.get(f"{GROUPS}{group}/")
    for path, tag in ((GROUPS, first["ETag"]), (f"{GROUPS}{group}/", detail["ETag"])):
        assert me.get(path, HTTP_IF_NONE_MATCH=tag).status_code == 304
    # a member's card changes
    user = n.workers[3].membership.user
    user.display_name = "Someone new"
    user.save()
    changed = me.get(GROUPS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "Someone new" in {m["name"] for m in changed.json()["results"][0]["members"]}
    assert me.get(f"{GROUPS}{group}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 200
    # another member of the same group never gets a 304 for her view
    assert as_user(n.workers[1]).get(GROUPS, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200


def test_her_groups_are_hers_once_each_and_not_those_she_left(as_user: Any, network: Network) -> None:
    n = network
    first_round = n.open_round(min_size=6, max_size=6, min_distinct_cities=1)
    publish(n, first_round)
    publish(n, n.open_round(min_size=12, max_size=12, min_distinct_cities=1))
    me = n.workers[0]
    listed = as_user(me).get(GROUPS).json()["results"]
    assert len(listed) == 2 and len({g["id"] for g in listed}) == 2
    assert listed[0]["round"]["name"] != listed[1]["round"]["name"]
    mine = GroupMember.objects.filter(profile=me, group__round=first_round).first()
    assert mine is not None
    mine.left_at = mine.group.round.published_at
    mine.save()
    assert len(as_user(me).get(GROUPS).json()["results"]) == 1
    assert as_user(n.outsider).get(GROUPS).json()["results"] == []
