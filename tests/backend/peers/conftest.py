"""A peer network of frontline workers across cities, its coordinator, and one of another programme."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from peers.models import Round
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, UserFactory, coordinator_of

CITIES = [("Brussels", "BE"), ("Liège", "BE"), ("Luxembourg", "LU"), ("Rome", "IT"), ("Milan", "IT"), ("Malmö", "SE")]
TOPICS = ["mental_health", "gender_based_violence", "lgbtqi_migrants", "unaccompanied_children", "housing"]
ROLES = ["social_worker", "nurse", "counsellor", "doula", "youth_worker", "psychologist"]
SLOTS = ["mon:evening", "wed:evening", "thu:morning", "sat:morning"]


def worker(programme: Programme, i: int, **fields: Any) -> Profile:
    city, country = CITIES[i % len(CITIES)]
    fields.setdefault("languages", {"en": "B2"})
    user = UserFactory(display_name=fields.pop("name", f"Worker {i}"), preferred_language=fields.pop("ui", "en"))
    return ProfileFactory(
        membership=MembershipFactory(user=user, programme=programme, role=Role.FRONTLINE_WORKER),
        city=fields.pop("city", city),
        country=fields.pop("country", country),
        goals=[],
        sectors=["88"],
        organisation=fields.pop("organisation", f"Org {i}"),
        worker_role=ROLES[i % len(ROLES)],
        topics_expertise=[TOPICS[i % len(TOPICS)]],
        topics_interest=[TOPICS[(i + 1) % len(TOPICS)], TOPICS[(i + 2) % len(TOPICS)]],
        availability=fields.pop("availability", [SLOTS[i % len(SLOTS)], "wed:evening"]),
        **fields,
    )


@dataclass
class Network:
    programme: Programme
    coordinator: User
    other_coordinator: User
    workers: list[Profile]
    outsider: User

    def open_round(self, **fields: Any) -> Round:
        from peers import services

        fields.setdefault("name", f"Round {Round.objects.count() + 1}")
        fields.setdefault("min_size", 4)
        fields.setdefault("max_size", 6)
        return services.round_open(programme=self.programme, by=self.coordinator, now=timezone.now(), **fields)


@pytest.fixture
def network(db: None) -> Network:
    programme = ProgrammeFactory(name="Frontline peers", kind=ProgrammeKind.PEER_NETWORK, city="", country="BE")
    other = ProgrammeFactory(name="Other network", kind=ProgrammeKind.PEER_NETWORK)
    return Network(
        programme=programme,
        coordinator=coordinator_of(programme),
        other_coordinator=coordinator_of(other),
        workers=[worker(programme, i) for i in range(12)],
        outsider=UserFactory(),
    )


@pytest.fixture
def as_user(client_for: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A client for a user or for a profile's owner."""

    def make(who: Any) -> Any:
        user = who.membership.user if isinstance(who, Profile) else who
        return client_for(user)

    return make
