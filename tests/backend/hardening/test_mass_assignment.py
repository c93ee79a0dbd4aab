"""Mass assignment: extra fields sent to every update route are ignored (or refused) and change nothing.

A mentee cannot set her match's state, a mentor cannot raise her verified flag, and nobody can set another
person's owner field (user, author, reporter, membership).
"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from mentoring.models import Feedback, Match, MatchState
from notifications.models import Notification
from profiles.models import Profile
from programmes.models import Membership, Role
from safeguarding.models import Report, ReportStatus
from tests.backend.conftest import World
from tests.backend.factories import MembershipFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def _match(world: World, state: str) -> Match:
    now = timezone.now()
    return Match.objects.create(
        programme=world.programme_a,
        mentee=world.mentee_a,
        mentor=world.mentor_a,
        state=state,
        offered_at=now,
        offer_expires_at=now + timedelta(days=7),
        accepted_at=now if state == MatchState.ACTIVE else None,
    )


def test_me_ignores_role_flags_and_identity_fields(client_for: Any, world: World) -> None:
    user = world.mentee_a.membership.user
    other = world.other_mentee_a.membership.user
    response = client_for(user).patch(
        "/api/v1/me/",
        {
            "display_name": "Amira",
            "is_staff": True,
            "is_superuser": True,
            "is_active": False,
            "email": "takeover@example.org",
            "id": str(other.pk),
            "memberships": [{"programme": str(world.programme_a.pk), "role": "coordinator"}],
        },
        format="json",
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.display_name, user.is_staff, user.is_superuser, user.is_active) == ("Amira", False, False, True)
    assert user.email != "takeover@example.org" and User.objects.filter(pk=other.pk, email=other.email).exists()
    assert not Membership.objects.filter(user=user, role=Role.COORDINATOR).exists()


def test_a_mentor_cannot_raise_her_verified_flag_or_change_owner(client_for: Any, world: World) -> None:
    mentor = ProfileFactory(membership=MembershipFactory(programme=world.programme_a, role=Role.MENTOR), capacity=2)
    other_user = UserFactory()
    response = client_for(mentor.membership.user).patch(
        f"/api/v1/profiles/{mentor.pk}/",
        {
            "city": "Hamburg",
            "verified": True,
            "verified_at": timezone.now().isoformat(),
            "verified_by": str(world.coordinator_a.pk),
            "membership": str(world.mentee_a.membership.pk),
            "user": str(other_user.pk),
            "role": "coordinator",
            "programme": str(world.programme_b.pk),
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["verified"] is False
    mentor.refresh_from_db()
    assert mentor.city == "Hamburg" and mentor.verified_at is None and mentor.verified_by is None
    membership = Membership.objects.get(pk=mentor.membership.pk)
    assert membership.role == Role.MENTOR and membership.programme == world.programme_a
    assert Profile.objects.get(pk=mentor.pk).membership.user != other_user


def test_a_mentee_cannot_set_her_matchs_state(client_for: Any, world: World) -> None:
    offered = _match(world, MatchState.OFFERED)
    mentee = client_for(world.mentee_a.membership.user)
    assert mentee.patch(f"/api/v1/matches/{offered.pk}/", {"state": "active"}, format="json").status_code == 405
    accept = mentee.post(f"/api/v1/matches/{offered.pk}/accept/", {"state": "active"}, format="json")
    assert accept.status_code == 403
    declined = mentee.post(
        f"/api/v1/matches/{offered.pk}/decline/",
        {"reason": "no_time", "state": "active", "mentor": str(world.other_mentee_a.pk), "score": 1.0},
        format="json",
    )
    assert declined.status_code == 200
    offered.refresh_from_db()
    assert offered.state == MatchState.DECLINED  # the transition she may take, nothing else
    assert offered.mentor == world.mentor_a and offered.score == 0.0


def test_feedback_is_always_the_callers_own(client_for: Any, world: World) -> None:
    active = _match(world, MatchState.ACTIVE)
    response = client_for(world.mentee_a.membership.user).post(
        f"/api/v1/matches/{active.pk}/feedback/",
        {
            "rating": 5,
            "author": str(world.mentor_a.membership.user.pk),
            "author_role": "coordinator",
            "match": str(_match_other(world).pk),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    feedback = Feedback.objects.get()
    assert (feedback.author, feedback.author_role, feedback.match) == (
        world.mentee_a.membership.user,
        "mentee",
        active,
    )


def _match_other(world: World) -> Match:
    return Match.objects.create(
        programme=world.programme_a, mentee=world.other_mentee_a, mentor=world.mentor_a, state=MatchState.PROPOSED
    )


def test_a_coordinator_cannot_change_a_programmes_kind_or_identity(client_for: Any, world: World) -> None:
    programme = world.programme_a
    slug = programme.slug
    response = client_for(world.coordinator_a).patch(
        f"/api/v1/programmes/{programme.pk}/",
        {"signup_open": False, "kind": "peer_network", "slug": "taken-over", "id": str(world.programme_b.pk)},
        format="json",
    )
    assert response.status_code == 200
    programme.refresh_from_db()
    assert (programme.signup_open, programme.kind, programme.slug) == (False, "mentoring", slug)


def test_a_report_is_always_the_callers_and_starts_open(client_for: Any, world: World) -> None:
    active = _match(world, MatchState.ACTIVE)
    response = client_for(world.mentee_a.membership.user).post(
        "/api/v1/safety/reports/",
        {
            "match": str(active.pk),
            "category": "harassment",
            "reporter": str(world.other_mentee_a.membership.user.pk),
            "reported": str(world.coordinator_a.pk),
            "status": "dismissed",
            "programme": str(world.programme_b.pk),
        },
        format="json",
    )
    assert response.status_code == 201
    report = Report.objects.get()
    assert report.reporter == world.mentee_a.membership.user
    assert report.reported == world.mentor_a.membership.user
    assert report.status == ReportStatus.OPEN and report.programme == world.programme_a


def test_marking_a_notice_read_cannot_touch_anothers(client_for: Any, world: World) -> None:
    mine = Notification.objects.create(user=world.mentee_a.membership.user, kind="mentor_verified")
    theirs = Notification.objects.create(user=world.other_mentee_a.membership.user, kind="mentor_verified")
    client = client_for(world.mentee_a.membership.user)
    response = client.post(f"/api/v1/notifications/{mine.pk}/read/", {"user": str(theirs.user_id)}, format="json")
    assert response.status_code == 200
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is None and mine.user == world.mentee_a.membership.user
