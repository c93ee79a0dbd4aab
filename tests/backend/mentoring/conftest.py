"""A small mentoring programme: a coordinator, verified mentors with capacity, waiting mentees."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from mentoring.models import Match, MatchState
from profiles.models import Gender, Profile
from programmes.models import Programme, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, coordinator_of


def mentor_profile(programme: Programme, capacity: int = 2, **fields: Any) -> Profile:
    fields.setdefault("languages", {"de": "C2", "ar": "B2"})
    fields.setdefault("sectors", ["86"])
    return ProfileFactory(
        membership=MembershipFactory(programme=programme, role=fields.pop("role", Role.MENTOR)),
        capacity=capacity,
        verified_at=timezone.now(),
        gender=fields.pop("gender", Gender.WOMAN),
        goals=["recognition_of_qualifications", "job_search"],
        goals_text="healthcare careers and recognition of nursing diplomas",
        availability=["mon:evening", "sat:morning"],
        **fields,
    )


def mentee_profile(programme: Programme, **fields: Any) -> Profile:
    fields.setdefault("languages", {"ar": "C2", "de": "B1"})
    fields.setdefault("sectors", ["86"])
    return ProfileFactory(
        membership=MembershipFactory(programme=programme, role=Role.MENTEE),
        goals=["recognition_of_qualifications"],
        goals_text="recognition of my nursing diploma",
        availability=["mon:evening"],
        gender=Gender.WOMAN,
        **fields,
    )


@dataclass
class Programme1:
    programme: Programme
    coordinator: User
    other_coordinator: User
    mentees: list[Profile]
    mentors: list[Profile]
    outsider: User = field(default=None)  # type: ignore[assignment]

    def offer(self, mentee: Profile, mentor: Profile, state: str = MatchState.OFFERED) -> Match:
        now = timezone.now()
        return Match.objects.create(
            programme=self.programme,
            mentee=mentee,
            mentor=mentor,
            state=state,
            score=0.5,
            offered_at=now,
            offer_expires_at=now + timedelta(days=7),
            accepted_at=now if state == MatchState.ACTIVE else None,
        )


@pytest.fixture
def mentoring(db: None) -> Programme1:
    from tests.backend.factories import UserFactory

    programme = ProgrammeFactory(name="Mentoring Berlin")
    other = ProgrammeFactory(name="Elsewhere")
    return Programme1(
        programme=programme,
        coordinator=coordinator_of(programme),
        other_coordinator=coordinator_of(other),
        mentees=[mentee_profile(programme) for _ in range(4)],
        mentors=[mentor_profile(programme, capacity=2) for _ in range(2)],
        outsider=UserFactory(),
    )


@pytest.fixture
def as_user(client_for: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A client for a user or for a profile's owner."""

    def make(who: Any) -> Any:
        user = who.membership.user if isinstance(who, Profile) else who
        return client_for(user)

    return make
