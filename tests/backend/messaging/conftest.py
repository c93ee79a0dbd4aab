"""A mentoring programme with an active match, an offer and a closed match, and a peer network with a published
group, for the conversations' tests."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from mentoring.models import Match, MatchState
from peers.models import GroupMember, PeerGroup, Round, RoundStatus
from profiles.models import Profile
from tests.backend.mentoring.conftest import Programme1
from tests.backend.mentoring.conftest import as_user as as_user
from tests.backend.mentoring.conftest import mentoring as mentoring
from tests.backend.peers.conftest import Network
from tests.backend.peers.conftest import network as network


@dataclass
class Place:
    mentoring: Programme1
    network: Network
    active: Match
    offer: Match
    group: PeerGroup
    members: list[Profile]
    outsider_worker: Profile

    def user(self, profile: Profile) -> User:
        return profile.membership.user


def publish_group(network: Network, members: list[Profile], index: int = 0, **round_fields: Any) -> PeerGroup:
    now = timezone.now()
    round = Round.objects.create(
        programme=network.programme,
        name=round_fields.pop("name", "Spring"),
        status=RoundStatus.PUBLISHED,
        published_at=now,
        **round_fields,
    )
    group = PeerGroup.objects.create(round=round, index=index)
    for profile in members:
        GroupMember.objects.create(group=group, round=round, profile=profile)
    return group


@pytest.fixture
def place(mentoring: Programme1, network: Network) -> Place:
    active = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0], MatchState.ACTIVE)
    offer = mentoring.offer(mentoring.mentees[1], mentoring.mentors[1])
    members = network.workers[:4]
    return Place(
        mentoring=mentoring,
        network=network,
        active=active,
        offer=offer,
        group=publish_group(network, members),
        members=members,
        outsider_worker=network.workers[5],
    )
