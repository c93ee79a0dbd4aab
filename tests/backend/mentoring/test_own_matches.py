"""Her own list of matches (one written statement a page, mentoring.own_matches) shows each match exactly as the
match's own page shows it (read by the ORM, mentoring.selectors.match_for), for people on either side, in one
programme or two, with every mark her view depends on: blocks, contact consent withdrawn, feedback given, a mentor's
pseudonymous view of an offer, sensitive reasons; newest change first, page by page."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from mentoring.models import Feedback, Match, MatchState
from privacy.models import ConsentPurpose, ConsentRecord
from programmes.models import Role
from safeguarding.models import Block
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db


def _match(mentoring: Programme1, mentee: Any, mentor: Any, state: str, minutes_ago: int, **fields: Any) -> Match:
    now = timezone.now()
    accepted = state in (MatchState.ACTIVE, MatchState.PAUSED, MatchState.CLOSED)
    match = Match.objects.create(
        programme=mentee.membership.programme,
        mentee=mentee,
        mentor=mentor,
        state=state,
        score=0.5,
        offered_at=now - timedelta(days=3),
        offer_expires_at=now + timedelta(days=4) if state == MatchState.OFFERED else None,
        accepted_at=now - timedelta(days=2) if accepted else None,
        closed_at=now if state in (MatchState.CLOSED, MatchState.DECLINED, MatchState.EXPIRED) else None,
        **fields,
    )
    Match.objects.filter(pk=match.pk).update(updated_at=now - timedelta(minutes=minutes_ago))
    return match


def _contact_withdrawn(user: Any, programme: Any) -> None:
    ConsentRecord.objects.create(
        user=user,
        programme=programme,
        purpose=ConsentPurpose.CONTACT_SHARING,
        text_version="1",
        text="I agree to share my contact details with my match.",
        language="en",
        given_at=timezone.now() - timedelta(days=5),
        withdrawn_at=timezone.now() - timedelta(days=1),
    )


@pytest.fixture
def busy_mentor(mentoring: Programme1) -> Any:
    """A mentor with matches in every state she sees (and a proposal and a rejection she does not), one of the
    mentees blocked her, one withdrew her consent to share contacts, she gave feedback on one; she is also a mentee
    in a second programme, where her mentor shares no email."""
    programme = mentoring.programme
    mentor = mentor_profile(programme, capacity=10, share_email=True, share_phone=True)
    mentees = [mentee_profile(programme, share_email=True, share_phone=True) for _ in range(8)]
    mentees[0].woman_mentor_only = True
    mentees[0].save()
    reasons = [
        {"code": "shared_language", "params": {"language": "ar"}},
        {"code": "support_need_met", "params": {"need": "support:childcare"}},
    ]
    states = [
        MatchState.OFFERED,
        MatchState.ACTIVE,
        MatchState.ACTIVE,
        MatchState.ACTIVE,
        MatchState.PAUSED,
        MatchState.CLOSED,
        MatchState.DECLINED,
        MatchState.EXPIRED,
    ]
    matches = [
        _match(mentoring, mentee, mentor, state, minutes_ago=index * 7, reasons=reasons)
        for index, (mentee, state) in enumerate(zip(mentees, states, strict=True))
    ]
    _match(mentoring, mentee_profile(programme), mentor, MatchState.PROPOSED, minutes_ago=1)
    _match(mentoring, mentee_profile(programme), mentor, MatchState.REJECTED, minutes_ago=2)
    Block.objects.create(blocker=mentees[2].membership.user, blocked=mentor.membership.user, programme=programme)
    _contact_withdrawn(mentees[3].membership.user, programme)
    Feedback.objects.create(match=matches[5], author=mentor.membership.user, author_role="mentor", rating=4)
    Feedback.objects.create(match=matches[5], author=mentees[5].membership.user, author_role="mentee", rating=5)

    elsewhere = ProgrammeFactory(name="Elsewhere too")
    as_mentee = ProfileFactory(
        membership=MembershipFactory(programme=elsewhere, role=Role.MENTEE, user=mentor.membership.user),
        share_email=True,
    )
    her_mentor = mentor_profile(elsewhere, share_email=False, share_phone=True)
    _match(mentoring, as_mentee, her_mentor, MatchState.ACTIVE, minutes_ago=3)
    return mentor


def _listed(client: Any, page_size: int) -> list[dict[str, Any]]:
    rows, page = [], 1
    while True:
        answer = client.get(f"/api/v1/matches/?page={page}&page_size={page_size}")
        assert answer.status_code == 200, answer.json()
        rows += answer.json()["results"]
        if not answer.json()["next"]:
            return rows
        page += 1


@pytest.mark.parametrize("page_size", [25, 3])
def test_each_listed_match_is_its_own_page(as_user: Any, busy_mentor: Any, page_size: int) -> None:
    client = as_user(busy_mentor)
    listed = _listed(client, page_size)

    assert len(listed) == 9  # eight as a mentor (not the proposal, not the rejection) and one as a mentee
    updated = [Match.objects.get(pk=row["id"]).updated_at for row in listed]
    assert updated == sorted(updated, reverse=True)
    for row in listed:
        assert row == client.get(f"/api/v1/matches/{row['id']}/").json()
    by_state = {(row["my_role"], row["state"], row["counterpart_hidden"]): row for row in listed}
    assert by_state[("mentor", "active", True)]["contact"] is None  # the mentee who blocked her
    assert by_state[("mentor", "offered", False)]["counterpart"]["first_name"].endswith(".")  # an initial
    contacts = [row["contact"] for row in listed if row["state"] == "active" and row["contact"]]
    assert {"email": None, "phone": None} in [{k: c[k] for k in ("email", "phone")} for c in contacts]
    assert [row["feedback_given"] for row in listed].count(True) == 1
    assert all("support_need_met" not in str(row["reasons"]) for row in listed)


def test_her_mentees_see_her_list_by_the_same_rule(as_user: Any, busy_mentor: Any) -> None:
    for match in Match.objects.filter(mentor=busy_mentor).exclude(state__in=["proposed", "rejected"]):
        client = as_user(match.mentee)
        [row] = _listed(client, 25)
        assert row == client.get(f"/api/v1/matches/{match.pk}/").json()
        assert row["my_role"] == "mentee"


def test_someone_without_a_profile_or_a_match_gets_an_empty_list(as_user: Any, mentoring: Programme1) -> None:
    assert _listed(as_user(mentoring.coordinator), 25) == []
    assert _listed(as_user(mentoring.mentees[0]), 25) == []
