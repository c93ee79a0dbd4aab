"""Her matches answer conditional GETs: the same body for the same person is a 304, any change in it is a new tag,
and one person's tag never stands for another's body. Her matches are found by her profile ids, in every
programme and role she has (a mentee in one programme can be a mentor in another)."""

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from mentoring.models import MatchState
from programmes.models import Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory
from tests.backend.mentoring.conftest import Programme1, mentee_profile

pytestmark = pytest.mark.django_db
MATCHES = "/api/v1/matches/"


def _as(client_for: Any, profile: Any) -> APIClient:
    return client_for(profile.membership.user)  # type: ignore[no-any-return]


def test_an_unchanged_list_answers_304_and_a_change_gives_a_new_tag(mentoring: Programme1, client_for: Any) -> None:
    p = mentoring
    match = p.offer(p.mentees[0], p.mentors[0], state=MatchState.ACTIVE)
    mentee = _as(client_for, p.mentees[0])
    first = mentee.get(MATCHES)
    assert first.status_code == 200 and first.json()["count"] == 1
    tag = first["ETag"]
    assert tag.startswith('"') and tag.endswith('"')
    assert "Cookie" in first["Vary"]
    again = mentee.get(MATCHES, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == tag
    # a field of the body changes: the other side's name
    user = p.mentors[0].membership.user
    user.display_name = "Renamed mentor"
    user.save()
    renamed = mentee.get(MATCHES, HTTP_IF_NONE_MATCH=tag)
    assert renamed.status_code == 200 and renamed["ETag"] != tag
    assert renamed.json()["results"][0]["counterpart"]["first_name"] == "Renamed mentor"
    # the match itself changes
    match.state = MatchState.PAUSED
    match.save()
    paused = mentee.get(MATCHES, HTTP_IF_NONE_MATCH=renamed["ETag"])
    assert paused.status_code == 200 and paused.json()["results"][0]["state"] == MatchState.PAUSED
    # a new match appears on her mentor's list
    mentor = _as(client_for, p.mentors[0])
    before = mentor.get(MATCHES)["ETag"]
    assert mentor.get(MATCHES, HTTP_IF_NONE_MATCH=before).status_code == 304
    p.offer(p.mentees[1], p.mentors[0])
    grown = mentor.get(MATCHES, HTTP_IF_NONE_MATCH=before)
    assert grown.status_code == 200 and grown.json()["count"] == 2


def test_one_persons_tag_is_never_a_304_for_another(mentoring: Programme1, client_for: Any) -> None:
    p = mentoring
    # two mentees with no match see the very same body (an empty page): the tags still differ
    empty_a = _as(client_for, p.mentees[1]).get(MATCHES)
    empty_b = _as(client_for, p.mentees[2])
    assert empty_a.json() == empty_b.get(MATCHES).json()
    assert empty_b.get(MATCHES, HTTP_IF_NONE_MATCH=empty_a["ETag"]).status_code == 200
    # the two sides of one match
    p.offer(p.mentees[0], p.mentors[0], state=MatchState.ACTIVE)
    mentee_tag = _as(client_for, p.mentees[0]).get(MATCHES)["ETag"]
    assert _as(client_for, p.mentors[0]).get(MATCHES, HTTP_IF_NONE_MATCH=mentee_tag).status_code == 200


def test_the_tag_holds_no_personal_data_in_clear(mentoring: Programme1, client_for: Any) -> None:
    p = mentoring
    p.offer(p.mentees[0], p.mentors[0], state=MatchState.ACTIVE)
    user = p.mentees[0].membership.user
    tag = _as(client_for, p.mentees[0]).get(MATCHES)["ETag"]
    assert len(tag) == 34  # a quoted hash, whatever the body
    for value in (str(user.pk), user.email, user.display_name, str(p.mentors[0].pk)):
        assert value.lower() not in tag.lower()


def test_personal_answers_stay_unstored_with_their_tag(mentoring: Programme1, client_for: Any) -> None:
    response = _as(client_for, mentoring.mentees[0]).get(MATCHES)
    assert response.has_header("ETag")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_mentee_in_one_programme_and_mentor_in_another_sees_both_matches(
    mentoring: Programme1, client_for: Any
) -> None:
    p = mentoring
    elsewhere = ProgrammeFactory(name="Mentoring Hamburg")
    her = p.mentees[0]
    as_mentor = ProfileFactory(
        membership=MembershipFactory(user=her.membership.user, programme=elsewhere, role=Role.MENTOR),
        capacity=2,
        verified_at=timezone.now(),
    )
    assert as_mentor.membership.role == Role.MENTOR
    their_mentee = mentee_profile(elsewhere)
    received = p.offer(her, p.mentors[0], state=MatchState.ACTIVE)
    now = timezone.now()
    given = type(received).objects.create(
        programme=elsewhere,
        mentee=their_mentee,
        mentor=as_mentor,
        state=MatchState.OFFERED,
        score=0.7,
        offered_at=now,
        offer_expires_at=now,
    )
    # drafts and someone else's matches stay out
    p.offer(p.mentees[1], p.mentors[1], state=MatchState.PROPOSED)
    p.offer(p.mentees[2], p.mentors[0], state=MatchState.PROPOSED)
    rows = _as(client_for, her).get(MATCHES).json()["results"]
    assert {(r["id"], r["my_role"], r["programme"]) for r in rows} == {
        (str(received.pk), "mentee", str(p.programme.pk)),
        (str(given.pk), "mentor", str(elsewhere.pk)),
    }
    # the other side of each sees the same match in her own role
    assert [r["my_role"] for r in _as(client_for, their_mentee).get(MATCHES).json()["results"]] == ["mentee"]
    assert [r["my_role"] for r in _as(client_for, p.mentors[0]).get(MATCHES).json()["results"]] == ["mentor"]


def test_someone_with_no_profile_has_no_matches(mentoring: Programme1, client_for: Any) -> None:
    response = client_for(mentoring.coordinator).get(MATCHES)
    assert response.status_code == 200 and response.json()["results"] == []
