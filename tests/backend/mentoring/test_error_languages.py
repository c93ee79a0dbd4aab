"""Refusals reach people in their language: the web app sends its interface language (Accept-Language), and every
domain error, validation message and count is translated, with each language's plural forms; English by default."""

from typing import Any

import pytest

from mentoring.models import MatchState
from tests.backend.mentoring.conftest import Programme1, mentee_profile

pytestmark = pytest.mark.django_db


def _detail(response: Any) -> str:
    return response.json()["errors"][0]["detail"]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (None, "This mentor has no free place; choose another mentor."),
        ("ar", "لا يوجد مكان شاغر لدى هذا المرشد؛ اختر مرشدًا آخر."),
        ("uk", "У цього ментора немає вільного місця; оберіть іншого ментора."),
        ("fr", "Ce mentor n’a plus de place libre ; choisissez un autre mentor."),
        ("de", "Diese Begleitperson hat keinen freien Platz; wählen Sie eine andere."),
    ],
)
def test_a_full_mentor_is_refused_in_the_coordinators_language(
    as_user: Any, mentoring: Programme1, language: str | None, words: str
) -> None:
    mentor = mentoring.mentors[0]
    proposal = mentoring.offer(mentoring.mentees[2], mentor, state=MatchState.PROPOSED)
    for mentee in mentoring.mentees[:2]:
        mentoring.offer(mentee, mentor, state=MatchState.ACTIVE)
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = as_user(mentoring.coordinator).post(f"/api/v1/matches/{proposal.id}/approve/", **headers)
    assert response.status_code == 409, response.json()
    assert _detail(response) == words


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This pairing breaks a rule: the mentor has no free place."),
        ("ar", "هذا الثنائي يخالف قاعدة: لا يوجد مكان شاغر لدى المرشد."),
        ("de", "Dieses Paar verstößt gegen eine Regel: die Begleitperson hat keinen freien Platz."),
    ],
)
def test_a_hand_made_pair_names_the_broken_rule_in_plain_words(
    as_user: Any, mentoring: Programme1, language: str, words: str
) -> None:
    mentor = mentoring.mentors[0]
    for mentee in mentoring.mentees[:2]:
        mentoring.offer(mentee, mentor, state=MatchState.ACTIVE)
    response = as_user(mentoring.coordinator).post(
        f"/api/v1/programmes/{mentoring.programme.id}/matches/",
        {"mentee": str(mentoring.mentees[2].pk), "mentor": str(mentor.pk)},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 409, response.json()
    assert _detail(response) == words


def test_an_unknown_list_parameter_is_named_in_french(as_user: Any, mentoring: Programme1) -> None:
    response = as_user(mentoring.coordinator).get(
        f"/api/v1/programmes/{mentoring.programme.id}/matches/", {"colour": "red"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 400
    assert "« colour »" in _detail(response)


@pytest.mark.parametrize(
    ("language", "open_matches", "words"),
    [
        ("en", 2, "You have 2 offered or active matches now; end one before lowering your capacity to 1."),
        ("uk", 2, "Зараз у Вас 2 запропоновані або активні пари"),
        ("uk", 5, "Зараз у Вас 5 запропонованих або активних пар"),
        ("ar", 2, "لديك الآن ثنائيان (2) معروضان أو نشطان"),
        ("ar", 3, "لديك الآن 3 ثنائيات معروضة أو نشطة"),
    ],
)
def test_lowering_a_capacity_below_the_open_matches_counts_them_in_her_language(
    as_user: Any, mentoring: Programme1, language: str, open_matches: int, words: str
) -> None:
    mentor = mentoring.mentors[0]
    mentor.capacity = 8
    mentor.save()
    mentees = [*mentoring.mentees, *(mentee_profile(mentoring.programme) for _ in range(open_matches))]
    for mentee in mentees[:open_matches]:
        mentoring.offer(mentee, mentor, state=MatchState.ACTIVE)
    response = as_user(mentor).patch(
        f"/api/v1/profiles/{mentor.pk}/", {"capacity": 1}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 409, response.json()
    assert words in _detail(response)
