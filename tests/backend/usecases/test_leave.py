"""Leaving a programme ends her part in every app at once, whichever way she leaves: by her own request, by
withdrawing her consent to take part, by an administrator or a coordinator deactivating her account, or by
erasing it. One test per app, each run through every way of leaving."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts import two_step
from mentoring.models import Match, MatchState
from notifications.models import Notification
from notifications.tasks import send_notification_email
from peers import services as peers
from peers.models import GroupMember, PeerGroup, Round, RoundParticipant
from profiles.models import Profile
from programmes.models import Membership
from tests.backend.factories import UserFactory
from tests.backend.peers.conftest import Network
from tests.backend.privacy.conftest import Privacy

WAYS = ["own_request", "consent_withdrawal", "admin_action", "admin_form", "coordinator_suspension", "erasure"]


def _report(as_user: Callable[[Any], Any], reporter: Profile, about: Profile, **where: str) -> str:
    response = as_user(reporter).post(
        "/api/v1/safety/reports/", {**where, "category": "harassment", "text": ""}, format="json"
    )
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def _admin(monkeypatch: pytest.MonkeyPatch) -> Client:
    """The Django admin as a superuser whose session passed two-step verification."""
    monkeypatch.setattr(two_step, "two_step_passed", lambda request, user: True)
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def leave(
    way: str,
    leaver: Profile,
    *,
    as_user: Callable[[Any], Any],
    coordinator: Any,
    monkeypatch: pytest.MonkeyPatch,
    report: Callable[[], str],
) -> None:
    """She leaves ``leaver``'s programme the way named, through the public surface."""
    user, programme = leaver.membership.user, leaver.membership.programme
    if way == "own_request":
        response = as_user(leaver).post(f"/api/v1/programmes/{programme.pk}/leave/")
        assert response.status_code == 204, response.content
    elif way == "consent_withdrawal":
        response = as_user(leaver).post(
            "/api/v1/me/consents/withdraw/", {"programme": str(programme.pk), "purpose": "programme"}, format="json"
        )
        assert response.status_code == 200, response.content
    elif way == "admin_action":
        response = _admin(monkeypatch).post(
            "/admin/accounts/user/", {"action": "deactivate", "_selected_action": [str(user.pk)]}
        )
        assert response.status_code == 302, response.content
    elif way == "admin_form":
        # The administrator unticks "active" on her account's page.
        response = _admin(monkeypatch).post(
            f"/admin/accounts/user/{user.pk}/change/",
            {
                "email": user.email,
                "display_name": user.display_name,
                "full_name": user.full_name,
                "phone": user.phone,
                "preferred_language": user.preferred_language,
            },
        )
        assert response.status_code == 302, response.content
    elif way == "coordinator_suspension":
        response = as_user(coordinator).post(
            f"/api/v1/safety/reports/{report()}/suspend/", {"note": "Safety."}, format="json"
        )
        assert response.status_code == 200, response.content
    elif way == "erasure":
        response = as_user(leaver).post("/api/v1/me/erase/", {"confirm": "DELETE"}, format="json")
        assert response.status_code == 204, response.content
    else:
        raise AssertionError(way)
    membership = Membership.objects.get(pk=leaver.membership.pk)
    assert membership.left_at is not None


# ------------------------------------------------------------------------------------------------ peers


def _formed(n: Network, round: Round) -> Round:
    peers.round_form(round=round, by=n.coordinator, now=timezone.now())
    return peers.round_form_execute(round_id=round.pk, clock=timezone.now)


def _published(n: Network, round: Round) -> Round:
    _formed(n, round)
    return peers.round_publish(round=round, by=n.coordinator, now=timezone.now())


@pytest.mark.parametrize("way", WAYS)
def test_leaving_ends_her_part_in_the_peer_network(
    way: str, network: Network, as_user: Callable[[Any], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    n = network
    spring = _published(n, n.open_round(name="Spring", min_size=4, max_size=6))
    leaver = n.workers[0]
    group = PeerGroup.objects.get(round=spring, members__profile=leaver)
    mate = GroupMember.objects.filter(group=group).exclude(profile=leaver).first().profile  # type: ignore[union-attr]
    summer = n.open_round(name="Summer", min_size=4, max_size=6)  # she is opted in
    pending = Notification.objects.create(
        user=leaver.membership.user, kind="groups_published", programme=n.programme, params={"round": "Spring"}
    )

    leave(
        way,
        leaver,
        as_user=as_user,
        coordinator=n.coordinator,
        monkeypatch=monkeypatch,
        report=lambda: _report(as_user, mate, leaver, group=str(group.pk), person=str(leaver.pk)),
    )

    # The next round neither counts nor places her.
    assert not RoundParticipant.objects.filter(profile=leaver).exclude(round=spring).exists()
    opt_ins = as_user(n.coordinator).get(f"/api/v1/rounds/{summer.pk}/opt-ins/").json()
    assert opt_ins["members"] == len(n.workers) - 1
    _formed(n, summer)
    assert GroupMember.objects.filter(round=summer).count() == len(n.workers) - 1
    assert not GroupMember.objects.filter(round=summer, profile=leaver).exists()
    # Her group sees that a member left; she is no longer listed, and nothing of her shows.
    view = as_user(mate).get(f"/api/v1/groups/{group.pk}/").json()
    assert view["members_left"] == 1
    assert str(leaver.pk) not in {member["profile"] for member in view["members"]}
    assert view["first_meeting"]["members"] == len(view["members"])
    # The coordinators see when she left.
    groups = as_user(n.coordinator).get(f"/api/v1/rounds/{spring.pk}/groups/").json()
    left = [m for g in groups for m in g["members"] if m["profile"] == str(leaver.pk)]
    assert len(left) == 1 and left[0]["left_at"] is not None
    # She is asked no follow-up, and the programme's notice that was not emailed yet is not sent.
    mail.outbox.clear()
    peers.followups_send_due(now=timezone.now() + timedelta(days=365))
    assert GroupMember.objects.get(round=spring, profile=leaver).followup_asked_at is None
    assert GroupMember.objects.get(round=spring, profile=mate).followup_asked_at is not None
    assert send_notification_email(str(pending.pk)) is False
    assert all(message.to != [leaver.membership.user.email] for message in mail.outbox)


def test_she_leaves_draft_groups_and_a_group_left_empty_goes(network: Network, as_user: Callable[[Any], Any]) -> None:
    n = network
    draft = _formed(n, n.open_round(name="Spring", min_size=2, max_size=2))
    leaver = n.workers[0]
    group = PeerGroup.objects.get(round=draft, members__profile=leaver)
    partner = GroupMember.objects.filter(group=group).exclude(profile=leaver).get().profile
    assert as_user(partner).post(f"/api/v1/programmes/{n.programme.pk}/leave/").status_code == 204
    assert as_user(leaver).post(f"/api/v1/programmes/{n.programme.pk}/leave/").status_code == 204

    groups = as_user(n.coordinator).get(f"/api/v1/rounds/{draft.pk}/groups/").json()
    assert [g["index"] for g in groups] == list(range(len(n.workers) // 2 - 1))  # numbered without a gap
    placed = {m["profile"] for g in groups for m in g["members"]}
    assert str(leaver.pk) not in placed and str(partner.pk) not in placed
    assert len(placed) == len(n.workers) - 2
    assert as_user(n.coordinator).post(f"/api/v1/rounds/{draft.pk}/publish/").status_code == 200


def test_she_is_not_placed_by_a_formation_that_was_under_way_when_she_left(
    network: Network, as_user: Callable[[Any], Any]
) -> None:
    n = network
    round = n.open_round(name="Spring", min_size=4, max_size=6)
    peers.round_form(round=round, by=n.coordinator, now=timezone.now())  # queued, not yet computed
    leaver = n.workers[0]
    assert as_user(leaver).post(f"/api/v1/programmes/{n.programme.pk}/leave/").status_code == 204
    peers.round_form_execute(round_id=round.pk, clock=timezone.now)
    assert GroupMember.objects.filter(round=round).count() == len(n.workers) - 1
    assert not GroupMember.objects.filter(round=round, profile=leaver).exists()


def test_leaving_again_changes_nothing_and_only_participants_can_leave(
    network: Network, as_user: Callable[[Any], Any]
) -> None:
    n = network
    leaver = n.workers[0]
    path = f"/api/v1/programmes/{n.programme.pk}/leave/"
    assert as_user(leaver).post(path).status_code == 204
    left_at = Membership.objects.get(pk=leaver.membership.pk).left_at
    assert as_user(leaver).post(path).status_code == 204
    assert Membership.objects.get(pk=leaver.membership.pk).left_at == left_at
    for outsider in (n.coordinator, n.other_coordinator, n.outsider):
        refused = as_user(outsider).post(path)
        assert refused.status_code == 404
        assert refused.json()["errors"][0]["detail"] == "You do not take part in this programme."
    # A left member no longer acts in the network: she cannot opt in to a round again.
    round = n.open_round(name="Spring")
    assert as_user(leaver).post(f"/api/v1/rounds/{round.pk}/opt-in/").status_code == 404


# -------------------------------------------------------------------------------------------- mentoring


@pytest.mark.parametrize("way", WAYS)
def test_leaving_ends_her_offers_and_matches(
    way: str,
    privacy: Privacy,
    as_user: Callable[[Any], Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    mentor = privacy.mentor
    offer = privacy.match(MatchState.OFFERED, mentee=privacy.mentee)
    active = privacy.match(MatchState.ACTIVE, mentee=privacy.other_mentee)
    pending = Notification.objects.create(
        user=mentor.membership.user, kind="offer_reminder", programme=privacy.programme, match_id=offer.pk
    )

    with django_capture_on_commit_callbacks(execute=True):
        leave(
            way,
            mentor,
            as_user=as_user,
            coordinator=privacy.coordinator,
            monkeypatch=monkeypatch,
            report=lambda: _report(as_user, privacy.other_mentee, mentor, match=str(active.pk)),
        )

    offer.refresh_from_db()
    active.refresh_from_db()
    assert offer.state == MatchState.DECLINED and active.state == MatchState.CLOSED
    # Both mentees are told, neutrally; she is proposed no more.
    for mentee, match in ((privacy.mentee, offer), (privacy.other_mentee, active)):
        assert Notification.objects.filter(user=mentee.membership.user, match_id=match.pk).exists()
    assert not Match.objects.filter(mentor=mentor, state__in=["proposed", "offered", "active", "paused"]).exists()
    assert send_notification_email(str(pending.pk)) is False


def test_the_programme_notices_not_emailed_yet_stay_in_her_list_but_are_not_sent(
    privacy: Privacy, as_user: Callable[[Any], Any]
) -> None:
    mentee = privacy.mentee
    pending = Notification.objects.create(
        user=mentee.membership.user, kind="offer_shown_to_mentee", programme=privacy.programme
    )
    elsewhere = Notification.objects.create(user=mentee.membership.user, kind="offer_shown_to_mentee")
    mail.outbox.clear()
    assert as_user(mentee).post(f"/api/v1/programmes/{privacy.programme.pk}/leave/").status_code == 204

    assert send_notification_email(str(pending.pk)) is False
    assert send_notification_email(str(elsewhere.pk)) is True  # not about the programme she left
    assert len(mail.outbox) == 1
    listed = as_user(mentee).get("/api/v1/notifications/").json()["results"]
    assert {notice["id"] for notice in listed} == {str(pending.pk), str(elsewhere.pk)}
