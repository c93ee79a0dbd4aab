"""Safeguarding through the API: report (pauses the match, alerts coordinators), block, and the coordinators'
decisions, each audited; the reported person never learns who reported."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from mentoring import engine as adapter
from mentoring.models import Match, MatchState
from notifications.models import Notification
from peers.models import GroupMember, PeerGroup, Round, RoundStatus
from privacy.models import AuditEvent
from programmes.models import Role
from safeguarding.models import Block, Report, ReportStatus
from tests.backend.conftest import World
from tests.backend.factories import MembershipFactory, ProfileFactory, coordinator_of
from tests.backend.hardening.conftest import password_login

pytestmark = pytest.mark.django_db
REPORTS = "/api/v1/safety/reports/"
BLOCKS = "/api/v1/safety/blocks/"
TEXT = "He keeps calling me late at night at +49 170 1234567."


def make_match(world: World, state: str = MatchState.ACTIVE) -> Match:
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


def report(client: APIClient, match: Match, **extra: Any) -> Any:
    return client.post(
        REPORTS, {"match": str(match.pk), "category": "harassment", "text": TEXT, **extra}, format="json"
    )


@pytest.fixture
def mentee(client_for: Any, world: World) -> APIClient:
    return client_for(world.mentee_a.membership.user)


@pytest.fixture
def mentor(client_for: Any, world: World) -> APIClient:
    return client_for(world.mentor_a.membership.user)


@pytest.fixture
def coordinator(client_for: Any, world: World) -> APIClient:
    return client_for(world.coordinator_a)


class TestReportOnAMatch:
    def test_pauses_the_match_and_hides_contact_from_both(
        self, mentee: APIClient, mentor: APIClient, world: World, django_capture_on_commit_callbacks: Any
    ) -> None:
        match = make_match(world)
        with django_capture_on_commit_callbacks(execute=True):
            response = report(mentee, match)
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "open"
        match.refresh_from_db()
        assert (match.state, match.paused_from) == (MatchState.PAUSED, MatchState.ACTIVE)
        for side in (mentee, mentor):
            view = side.get(f"/api/v1/matches/{match.pk}/").json()
            assert view["state"] == "paused" and view["contact"] is None

    def test_alerts_the_coordinators_in_their_language_without_the_free_text(
        self, mentee: APIClient, world: World, django_capture_on_commit_callbacks: Any
    ) -> None:
        world.coordinator_a.preferred_language = "de"
        world.coordinator_a.save()
        second = coordinator_of(world.programme_a)
        match = make_match(world)
        with django_capture_on_commit_callbacks(execute=True):
            report(mentee, match)
        alerted = Notification.objects.filter(kind="safety_report")
        assert {n.user for n in alerted} == {world.coordinator_a, second}
        by_address = {m.to[0]: m for m in mail.outbox}
        german = by_address[world.coordinator_a.email]
        assert "Sicherheitsmeldung" in german.subject
        for email in mail.outbox:
            body = email.subject + email.body
            assert "calling" not in body and "1234567" not in body and "harassment" not in body.lower()
            assert world.mentee_a.membership.user.display_name not in body
            assert world.mentor_a.membership.user.display_name not in body

    def test_the_reported_person_does_not_learn_who_reported(
        self, mentee: APIClient, mentor: APIClient, world: World, django_capture_on_commit_callbacks: Any
    ) -> None:
        match = make_match(world)
        with django_capture_on_commit_callbacks(execute=True):
            report(mentee, match)
        reported = world.mentor_a.membership.user
        assert not Notification.objects.filter(user=reported).exists()
        assert not [m for m in mail.outbox if reported.email in m.to]
        view = mentor.get(f"/api/v1/matches/{match.pk}/").json()
        assert "report" not in str(view).lower()
        refused = mentor.post(f"/api/v1/matches/{match.pk}/accept/")
        assert "report" not in str(refused.json()).lower()
        assert mentor.get(f"/api/v1/programmes/{world.programme_a.pk}/safety-reports/").status_code == 404

    def test_a_paused_offer_cannot_be_accepted(self, mentee: APIClient, mentor: APIClient, world: World) -> None:
        match = make_match(world, MatchState.OFFERED)
        report(mentee, match)
        refused = mentor.post(f"/api/v1/matches/{match.pk}/accept/")
        assert refused.status_code == 409
        match.refresh_from_db()
        assert match.state == MatchState.PAUSED

    def test_only_a_side_of_the_match_may_report(self, client_for: Any, world: World) -> None:
        match = make_match(world)
        stranger = client_for(world.other_mentee_a.membership.user)
        assert report(stranger, match).status_code == 404
        assert report(client_for(world.coordinator_b), match).status_code == 404
        assert report(client_for(world.coordinator_a), match).status_code == 403
        assert not Report.objects.exists()

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"category": "not-a-category"}, "category"),
            ({"text": "x" * 4001}, "text"),
        ],
    )
    def test_bad_input_is_a_plain_400(self, mentee: APIClient, world: World, body: dict[str, Any], field: str) -> None:
        response = report(mentee, make_match(world), **body)
        assert response.status_code == 400
        assert response.json()["errors"][0]["attr"] == field

    def test_report_and_block_at_once(self, mentee: APIClient, world: World) -> None:
        response = report(mentee, make_match(world), block=True)
        assert response.status_code == 201 and response.json()["blocked"] is True
        assert Block.objects.filter(
            blocker=world.mentee_a.membership.user, blocked=world.mentor_a.membership.user
        ).exists()

    def test_the_text_is_encrypted_at_rest(self, mentee: APIClient, world: World) -> None:
        from django.db import connection

        report(mentee, make_match(world))
        with connection.cursor() as cursor:
            cursor.execute("SELECT text FROM safeguarding_report")
            (stored,) = cursor.fetchone()
        assert "calling" not in stored
        assert Report.objects.get().text == TEXT


class TestCoordinatorDecisions:
    def open_report(self, mentee: APIClient, world: World, state: str = MatchState.ACTIVE) -> tuple[Match, str]:
        match = make_match(world, state)
        return match, report(mentee, match).json()["id"]

    def test_an_unknown_state_is_refused_in_plain_words(self, coordinator: APIClient, world: World) -> None:
        refused = coordinator.get(f"/api/v1/programmes/{world.programme_a.pk}/safety-reports/", {"status": "closed?"})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["attr"] == "status"

    def test_lists_open_reports_of_her_programmes_only(
        self, mentee: APIClient, coordinator: APIClient, client_for: Any, world: World
    ) -> None:
        _match, report_id = self.open_report(mentee, world)
        listed = coordinator.get(f"/api/v1/programmes/{world.programme_a.pk}/safety-reports/", {"status": "open"})
        assert listed.status_code == 200
        (row,) = listed.json()["results"]
        assert row["id"] == report_id and row["text"] == TEXT and row["category"] == "harassment"
        assert row["reporter"]["display_name"] == world.mentee_a.membership.user.display_name
        assert row["match_state"] == "paused"
        other = client_for(world.coordinator_b)
        assert other.get(f"/api/v1/programmes/{world.programme_a.pk}/safety-reports/").status_code == 404
        assert other.post(f"{REPORTS}{report_id}/dismiss/", {"note": "x"}, format="json").status_code == 404

    def test_dismiss_resumes_the_match(self, mentee: APIClient, coordinator: APIClient, world: World) -> None:
        match, report_id = self.open_report(mentee, world)
        response = coordinator.post(f"{REPORTS}{report_id}/dismiss/", {"note": "Talked to both."}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "dismissed" and response.json()["resolution_note"] == "Talked to both."
        match.refresh_from_db()
        assert match.state == MatchState.ACTIVE and match.paused_from == ""
        again = coordinator.post(f"{REPORTS}{report_id}/dismiss/", {"note": "again"}, format="json")
        assert again.status_code == 409

    def test_a_decision_needs_a_note(self, mentee: APIClient, coordinator: APIClient, world: World) -> None:
        _match, report_id = self.open_report(mentee, world)
        response = coordinator.post(f"{REPORTS}{report_id}/dismiss/", {"note": "  "}, format="json")
        assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "note"

    def test_end_the_match(self, mentee: APIClient, mentor: APIClient, coordinator: APIClient, world: World) -> None:
        match, report_id = self.open_report(mentee, world, MatchState.OFFERED)
        response = coordinator.post(f"{REPORTS}{report_id}/end-match/", {"note": "Ended for safety."}, format="json")
        assert response.status_code == 200, response.json()
        match.refresh_from_db()
        assert (match.state, match.reason_code) == (MatchState.CLOSED, "safety_concern")
        assert response.json()["status"] == "match_ended"

    def test_suspend_the_person_ends_her_session_at_her_next_request(
        self, mentee: APIClient, coordinator: APIClient, world: World
    ) -> None:
        reported = world.mentor_a.membership.user
        session = APIClient()
        assert password_login(session, reported).status_code == 200
        match, report_id = self.open_report(mentee, world)
        response = coordinator.post(f"{REPORTS}{report_id}/suspend/", {"note": "Threats confirmed."}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["reported"]["is_active"] is False
        match.refresh_from_db()
        assert match.state == MatchState.CLOSED
        assert session.get("/api/v1/matches/").status_code == 401

    def test_every_step_is_audited(self, mentee: APIClient, coordinator: APIClient, world: World) -> None:
        _match, report_id = self.open_report(mentee, world)
        coordinator.post(f"{REPORTS}{report_id}/suspend/", {"note": "Threats confirmed."}, format="json")
        actions = list(AuditEvent.objects.order_by("at", "id").values_list("action", "actor_role"))
        assert ("safety.report", "mentee") in actions
        assert ("match.pause", "mentee") in actions
        assert ("safety.suspend", "coordinator") in actions
        assert ("account.suspend", "coordinator") in actions
        assert ("match.end", "coordinator") in actions
        # The audit keeps facts, not the reporter's words.
        assert not AuditEvent.objects.filter(detail__icontains="calling").exists()
        assert Report.objects.get().status == ReportStatus.PERSON_SUSPENDED


class TestBlock:
    def test_blocked_pair_is_never_proposed_again(self, mentee: APIClient, world: World) -> None:
        match = make_match(world, MatchState.OFFERED)
        response = mentee.post(BLOCKS, {"match": str(match.pk)}, format="json")
        assert response.status_code == 201 and response.json()["name"] == world.mentor_a.membership.user.display_name
        exclusions = adapter.exclusions(world.programme_a)
        assert (str(world.mentee_a.pk), str(world.mentor_a.pk)) in exclusions
        explanation = adapter.explain_pair(world.programme_a, world.mentee_a, world.mentor_a)
        assert not explanation.eligible

    def test_the_blocked_person_no_longer_sees_the_blockers_card_or_contact(
        self, mentee: APIClient, mentor: APIClient, world: World
    ) -> None:
        world.mentee_a.share_email = True
        world.mentee_a.save()
        match = make_match(world, MatchState.ACTIVE)
        before = mentor.get(f"/api/v1/matches/{match.pk}/").json()
        assert before["contact"] is not None and before["counterpart"]["first_name"]
        mentee.post(BLOCKS, {"match": str(match.pk)}, format="json")
        after = mentor.get(f"/api/v1/matches/{match.pk}/").json()
        assert after["counterpart_hidden"] is True and after["contact"] is None
        assert after["counterpart"]["first_name"] == "" and after["counterpart"]["languages"] == []
        assert world.mentee_a.city not in str(after["counterpart"])
        # The blocker still sees the other side.
        assert mentee.get(f"/api/v1/matches/{match.pk}/").json()["counterpart_hidden"] is False

    def test_list_and_unblock(self, mentee: APIClient, mentor: APIClient, world: World) -> None:
        match = make_match(world)
        block_id = mentee.post(BLOCKS, {"match": str(match.pk)}, format="json").json()["id"]
        assert mentee.post(BLOCKS, {"match": str(match.pk)}, format="json").json()["id"] == block_id
        assert [b["id"] for b in mentee.get(BLOCKS).json()["results"]] == [block_id]
        assert mentor.get(BLOCKS).json()["results"] == []
        assert mentor.delete(f"{BLOCKS}{block_id}/").status_code == 404
        assert mentee.delete(f"{BLOCKS}{block_id}/").status_code == 204
        assert not Block.objects.exists()


class TestGroupMember:
    @pytest.fixture
    def group(self, world: World) -> tuple[PeerGroup, Any, Any]:
        network = world.programme_b
        round_ = Round.objects.create(
            programme=network, name="Spring", status=RoundStatus.PUBLISHED, published_at=timezone.now()
        )
        group = PeerGroup.objects.create(round=round_, index=1)
        other = ProfileFactory(membership=MembershipFactory(programme=network, role=Role.FRONTLINE_WORKER))
        for profile in (world.mentee_b, other):
            GroupMember.objects.create(group=group, round=round_, profile=profile)
        return group, world.mentee_b, other

    def test_a_member_reports_another_and_coordinators_are_alerted(
        self, client_for: Any, world: World, group: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        peer_group, me, other = group
        client = client_for(me.membership.user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                REPORTS,
                {"group": str(peer_group.pk), "person": str(other.pk), "category": "discrimination"},
                format="json",
            )
        assert response.status_code == 201, response.json()
        created = Report.objects.get()
        assert (created.context, created.reported) == ("group", other.membership.user)
        assert Notification.objects.filter(user=world.coordinator_b, kind="safety_report").exists()

    def test_not_a_member_or_not_in_the_group(self, client_for: Any, world: World, group: Any) -> None:
        peer_group, me, other = group
        outsider = client_for(world.mentee_a.membership.user)
        body = {"group": str(peer_group.pk), "person": str(other.pk), "category": "other"}
        assert outsider.post(REPORTS, body, format="json").status_code == 404
        self_report = {"group": str(peer_group.pk), "person": str(me.pk), "category": "other"}
        assert client_for(me.membership.user).post(REPORTS, self_report, format="json").status_code == 404

    def test_a_block_keeps_the_two_apart_in_later_rounds_and_hides_the_blocker(
        self, client_for: Any, world: World, group: Any
    ) -> None:
        from peers import engine as peer_engine

        peer_group, me, other = group
        client = client_for(me.membership.user)
        response = client.post(BLOCKS, {"group": str(peer_group.pk), "person": str(other.pk)}, format="json")
        assert response.status_code == 201, response.json()
        assert frozenset((str(me.pk), str(other.pk))) in peer_engine.blocked_pairs(world.programme_b)
        # The blocked member no longer sees the blocker in the group; the blocker still sees her.
        seen_by_other = client_for(other.membership.user).get("/api/v1/groups/").json()["results"][0]["members"]
        assert [m["profile"] for m in seen_by_other] == [str(other.pk)]
        seen_by_me = client.get("/api/v1/groups/").json()["results"][0]["members"]
        assert {m["profile"] for m in seen_by_me} == {str(me.pk), str(other.pk)}
