"""A mentoring programme with a mentee who told us sensitive things, her mentor, and others around them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from mentoring.models import Match, MatchState
from privacy.models import ConsentPurpose, ConsentRecord
from privacy.services import sensitive_attributes_set
from profiles.models import Gender, Profile
from programmes.models import Programme, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, UserFactory, coordinator_of


def give(user: User, programme: Programme, purpose: str) -> ConsentRecord:
    return ConsentRecord.objects.create(
        user=user, programme=programme, purpose=purpose, text_version="1", text="…", given_at=timezone.now()
    )


@dataclass
class Privacy:
    programme: Programme
    coordinator: User
    other_coordinator: User
    mentee: Profile
    other_mentee: Profile
    mentor: Profile
    man_mentor: Profile
    employer: Profile
    outsider: User

    def match(
        self, state: str = MatchState.OFFERED, mentee: Profile | None = None, mentor: Profile | None = None
    ) -> Match:
        now = timezone.now()
        return Match.objects.create(
            programme=self.programme,
            mentee=mentee or self.mentee,
            mentor=mentor or self.mentor,
            state=state,
            score=0.5,
            reasons=[{"code": "goal_matches_offer_code", "params": {"goal": "support:trauma_aware"}}],
            offered_at=now,
            offer_expires_at=now + timedelta(days=7),
            accepted_at=now if state in (MatchState.ACTIVE, MatchState.CLOSED) else None,
        )


def _mentor(programme: Programme, role: str = Role.MENTOR, **fields: Any) -> Profile:
    return ProfileFactory(
        membership=MembershipFactory(programme=programme, role=role),
        capacity=3,
        verified_at=timezone.now(),
        languages={"de": "C2", "ar": "B2"},
        goals=["job_search"],
        availability=["mon:morning", "sat:evening"],
        **fields,
    )


@pytest.fixture
def privacy(db: None) -> Privacy:
    programme = ProgrammeFactory(name="Jobs Leipzig")
    mentee_user = UserFactory(
        email="zainab.quuxley@example.org", display_name="Zainabq", full_name="Zainabq Quuxley", phone="+4915112345678"
    )
    mentee = ProfileFactory(
        membership=MembershipFactory(user=mentee_user, programme=programme, role=Role.MENTEE),
        languages={"ar": "C2", "de": "B1"},
        goals=["job_search"],
        goals_text="I was a pharmacist in Aleppo, call me Zainabq",
        availability=["mon:morning", "sat:evening"],
        gender=Gender.WOMAN,
        share_email=True,
        share_phone=True,
    )
    give(mentee_user, programme, ConsentPurpose.CONTACT_SHARING)
    give(mentee_user, programme, ConsentPurpose.SENSITIVE_MATCHING)
    give(mentee_user, programme, ConsentPurpose.OUTCOME_REPORTING)
    sensitive_attributes_set(user=mentee_user, codes=["gbv_survivor", "children_school_hours"], now=timezone.now())
    return Privacy(
        programme=programme,
        coordinator=coordinator_of(programme),
        other_coordinator=coordinator_of(ProgrammeFactory(name="Elsewhere")),
        mentee=mentee,
        other_mentee=ProfileFactory(membership=MembershipFactory(programme=programme, role=Role.MENTEE)),
        mentor=_mentor(programme, gender=Gender.WOMAN, support_qualities=["trauma_aware"]),
        man_mentor=_mentor(programme, gender=Gender.MAN),
        employer=_mentor(programme, role=Role.EMPLOYER, gender=Gender.WOMAN),
        outsider=UserFactory(),
    )


@pytest.fixture
def as_user(client_for: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def make(who: Any) -> Any:
        return client_for(who.membership.user if isinstance(who, Profile) else who)

    return make
