"""An ended match of a mentoring programme, and the consent to "help improve matching"."""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from mentoring.models import Match, MatchState
from outcomes.models import Outcome
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose
from privacy.services import consent_give
from profiles.models import Profile
from programmes.models import Programme, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory


def person(programme: Programme, role: str = Role.MENTEE, **user_fields: object) -> Profile:
    membership = MembershipFactory(programme=programme, role=role, **{f"user__{k}": v for k, v in user_fields.items()})
    return ProfileFactory(membership=membership, capacity=2 if role != Role.MENTEE else None)


def ended_match(
    programme: Programme | None = None,
    *,
    closed_at: datetime | None = None,
    mentee: Profile | None = None,
    mentor: Profile | None = None,
    state: str = MatchState.CLOSED,
    accepted: bool = True,
) -> Match:
    programme = programme or ProgrammeFactory()
    closed_at = closed_at or timezone.now()
    return Match.objects.create(
        programme=programme,
        mentee=mentee or person(programme),
        mentor=mentor or person(programme, Role.MENTOR),
        state=state,
        offered_at=closed_at - timedelta(days=200),
        accepted_at=closed_at - timedelta(days=190) if accepted else None,
        closed_at=closed_at,
        completed=True,
    )


def agree(user: User, programme: Programme) -> None:
    """She gives her consent to "help improve matching"."""
    consent_give(
        user=user,
        programme=programme,
        purpose=ConsentPurpose.IMPROVE_MATCHING,
        version=consent_asked(programme=programme, purpose=ConsentPurpose.IMPROVE_MATCHING).version,
        now=timezone.now(),
    )


def mentee_user(match: Match) -> User:
    return match.mentee.membership.user


def mentor_user(match: Match) -> User:
    return match.mentor.membership.user


def answer(match: Match, checkpoint: str, kind: str, role: str = Role.MENTEE, source: str = "self") -> Outcome:
    respondent = mentee_user(match) if role == Role.MENTEE else mentor_user(match)
    return Outcome.objects.create(
        match=match,
        checkpoint=checkpoint,
        kind=kind,
        respondent_role=role,
        source=source,
        respondent=respondent if source == "self" else None,
        answered_at=timezone.now(),
    )
