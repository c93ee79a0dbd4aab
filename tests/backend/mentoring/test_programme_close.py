"""Closing a programme: sign-up stops, proposals go, every open offer is withdrawn and both sides are told
politely (not the mentor's or the mentee's doing), running matches go on, nothing new can start, every figure is
kept; closing again changes nothing."""

from typing import Any

import pytest
from django.core import mail

from mentoring.models import Match, MatchState
from notifications.models import Notification
from privacy.models import AuditEvent
from programmes.models import Programme
from tests.backend.mentoring.conftest import Programme1

pytestmark = pytest.mark.django_db


def _close(client: Any, programme: Programme, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(f"/api/v1/programmes/{programme.pk}/close/", format="json")


def test_closing_withdraws_open_offers_keeps_running_matches_and_stops_everything_new(
    mentoring: Programme1, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    m = mentoring
    offered = m.offer(m.mentees[0], m.mentors[0])
    active = m.offer(m.mentees[1], m.mentors[0], state=MatchState.ACTIVE)
    proposal = m.offer(m.mentees[2], m.mentors[1], state=MatchState.PROPOSED)
    client = as_user(m.coordinator)

    answer = _close(client, m.programme, django_capture_on_commit_callbacks)
    assert answer.status_code == 200, answer.json()
    assert answer.json()["offers_withdrawn"] == 1

    offered.refresh_from_db()
    # the offer ends early, as an unanswered one does (DESIGN.md's life cycle: offered -> expired)
    assert offered.state == MatchState.EXPIRED
    assert AuditEvent.objects.filter(action="match.withdraw", target_id=str(offered.pk)).count() == 1
    assert Match.objects.get(pk=active.pk).state == MatchState.ACTIVE  # goes on to its end
    assert not Match.objects.filter(pk=proposal.pk).exists()
    told = set(Notification.objects.filter(kind="offer_withdrawn").values_list("user_id", flat=True))
    assert told == {m.mentees[0].membership.user_id, m.mentors[0].membership.user_id}
    assert not Notification.objects.filter(kind="offer_withdrawn", user=m.coordinator).exists()
    programme = Programme.objects.get(pk=m.programme.pk)
    assert programme.closed_at is not None and programme.signup_open is False
    assert AuditEvent.objects.filter(action="programme.close", programme=programme).count() == 1

    # nothing new can start
    run = client.post(f"/api/v1/programmes/{programme.pk}/runs/", {}, format="json")
    assert run.status_code == 409 and "closed" in str(run.json())
    reopen = client.patch(f"/api/v1/programmes/{programme.pk}/", {"signup_open": True}, format="json")
    assert reopen.status_code == 409
    by_hand = client.post(
        f"/api/v1/programmes/{programme.pk}/matches/",
        {"mentee": str(m.mentees[3].pk), "mentor": str(m.mentors[1].pk)},
        format="json",
    )
    assert by_hand.status_code == 409
    signup = as_user(m.outsider).post(f"/api/v1/programmes/{programme.pk}/signup/", {}, format="json")
    assert signup.status_code in (400, 403, 404)
    assert not Match.objects.filter(programme=programme, state=MatchState.PROPOSED).exists()

    # again: nothing changes, nobody is told twice
    before = Notification.objects.count()
    again = _close(client, programme, django_capture_on_commit_callbacks)
    assert again.status_code == 200 and again.json()["offers_withdrawn"] == 0
    assert Notification.objects.count() == before
    assert AuditEvent.objects.filter(action="programme.close").count() == 1


def test_the_withdrawal_notice_is_polite_and_in_her_language(
    mentoring: Programme1, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    m = mentoring
    mentee_user = m.mentees[0].membership.user
    mentee_user.preferred_language = "de"
    mentee_user.save()
    m.offer(m.mentees[0], m.mentors[0])
    _close(as_user(m.coordinator), m.programme, django_capture_on_commit_callbacks)
    notice = Notification.objects.get(kind="offer_withdrawn", user=mentee_user)
    answer = as_user(mentee_user).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="de").json()
    shown = next(n for n in answer["results"] if n["id"] == str(notice.pk))
    text = f"{shown['subject']} {shown['body']}"
    assert "Mentoring Berlin" in text
    assert "zurückgezogen" in text  # German, not the English fallback
    assert all(
        m.mentors[0].membership.user.display_name not in e.body for e in mail.outbox if mentee_user.email in e.to
    )


@pytest.mark.parametrize("who", ["other_coordinator", "outsider", "mentee", "mentor"])
def test_only_its_coordinators_close_a_programme(mentoring: Programme1, as_user: Any, who: str) -> None:
    caller = {"mentee": mentoring.mentees[0], "mentor": mentoring.mentors[0]}.get(who) or getattr(mentoring, who)
    answer = as_user(caller).post(f"/api/v1/programmes/{mentoring.programme.pk}/close/", format="json")
    assert answer.status_code == 404
    assert Programme.objects.get(pk=mentoring.programme.pk).closed_at is None


def test_a_closed_peer_network_opens_no_new_round(client_for: Any, world: Any) -> None:
    client = client_for(world.coordinator_b)
    assert client.post(f"/api/v1/programmes/{world.programme_b.pk}/close/").status_code == 200
    answer = client.post(f"/api/v1/programmes/{world.programme_b.pk}/rounds/", {"name": "Spring"}, format="json")
    assert answer.status_code == 409 and "closed" in str(answer.json())
