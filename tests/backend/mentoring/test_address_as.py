"""How she wants to be addressed: optional, hers to set and change, shown to the people texts about her are worded
for, exported with her data and gone with her account; neutral when she has not said."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from mentoring.models import MatchState
from tests.backend.mentoring.conftest import Programme1
from tests.backend.profiles.test_signup_api import errors_by_field, mentee_payload, signup_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db: None) -> Any:
    from tests.backend.factories import ProgrammeFactory

    return ProgrammeFactory()


def test_sign_up_keeps_her_choice_and_leaving_it_out_means_not_said(api: APIClient, programme: Any) -> None:
    response = api.post(signup_url(programme.id), mentee_payload(account__address_as="feminine"), format="json")
    assert response.status_code == 202, response.json()
    assert User.objects.get(email="amal@example.org").address_as == "feminine"

    other = mentee_payload(account__email="nour@example.org")
    assert APIClient().post(signup_url(programme.id), other, format="json").status_code == 202
    assert User.objects.get(email="nour@example.org").address_as == ""


def test_an_unknown_form_is_refused_in_plain_words(api: APIClient, programme: Any) -> None:
    response = api.post(signup_url(programme.id), mentee_payload(account__address_as="female"), format="json")
    assert response.status_code == 400
    assert "feminine, masculine or neutral" in errors_by_field(response)["account.address_as"]
    assert not User.objects.exists()


def test_she_changes_it_in_her_settings_and_can_unsay_it(as_user: Any, mentoring: Programme1) -> None:
    client = as_user(mentoring.mentors[0])
    assert client.get("/api/v1/me/").json()["address_as"] == ""
    assert client.patch("/api/v1/me/", {"address_as": "masculine"}, format="json").json()["address_as"] == "masculine"
    assert client.patch("/api/v1/me/", {"address_as": ""}, format="json").json()["address_as"] == ""
    refused = client.patch("/api/v1/me/", {"address_as": "sir"}, format="json")
    assert refused.status_code == 400


def test_the_other_side_of_a_match_sees_her_form_neutral_when_not_said(as_user: Any, mentoring: Programme1) -> None:
    mentee, mentor = mentoring.mentees[0], mentoring.mentors[0]
    mentor.membership.user.address_as = "masculine"
    mentor.membership.user.save()
    match = mentoring.offer(mentee, mentor, state=MatchState.OFFERED)

    seen_by_mentee = as_user(mentee).get(f"/api/v1/matches/{match.id}/").json()
    assert seen_by_mentee["counterpart"]["address_as"] == "masculine"
    seen_by_mentor = as_user(mentor).get(f"/api/v1/matches/{match.id}/").json()
    assert seen_by_mentor["counterpart"]["address_as"] == "neutral"  # she has not said: neutral, never guessed

    coordinator_view = as_user(mentoring.coordinator).get(f"/api/v1/matches/{match.id}/").json()
    assert coordinator_view["mentor"]["address_as"] == "masculine"
    # A stranger to the match sees nothing of it.
    assert as_user(mentoring.mentees[1]).get(f"/api/v1/matches/{match.id}/").status_code == 404


def test_it_is_in_her_export_and_goes_with_her_account(as_user: Any, mentoring: Programme1) -> None:
    mentee = mentoring.mentees[0]
    client = as_user(mentee)
    client.patch("/api/v1/me/", {"address_as": "feminine"}, format="json")
    export = client.get("/api/v1/me/data/").json()
    assert export["account"]["address_as"] == "feminine"

    from django.utils import timezone

    from usecases.erasure import account_erase

    user = mentee.membership.user
    account_erase(user=user, now=timezone.now(), by_role="self")
    user.refresh_from_db()
    assert user.address_as == ""
