"""The training rows the learning app reads: one per match with a usable answer and the mentee's consent."""

import pytest
from django.utils import timezone

from outcomes.models import OutcomeTarget
from outcomes.selectors import training_outcomes
from privacy.models import ConsentPurpose
from privacy.services import consent_withdraw
from programmes.models import Role
from tests.backend.factories import ProgrammeFactory
from tests.backend.outcomes.conftest import agree, answer, ended_match, mentee_user

pytestmark = pytest.mark.django_db


def consenting_match(programme=None):  # type: ignore[no-untyped-def]
    match = ended_match(programme)
    agree(mentee_user(match), match.programme)
    return match


def test_a_mentee_answer_of_work_is_success_for_each_target() -> None:
    match = consenting_match()
    answer(match, "6m", "work")
    for target in OutcomeTarget.values:
        (row,) = training_outcomes(programme_ids=[match.programme_id], target=target)
        assert row.success is True
        assert row.match_id == match.id
        assert row.programme_id == match.programme_id
        assert row.mentee_profile_id == match.mentee_id
        assert row.mentor_profile_id == match.mentor_id
        assert row.ended_on == match.closed_at.date()
        assert row.sources == ("self",)


def test_targets_differ_in_what_counts() -> None:
    match = consenting_match()
    answer(match, "3m", "language_course")
    answer(match, "end", "none")
    ids = [match.programme_id]
    assert training_outcomes(programme_ids=ids, target=OutcomeTarget.WORK_6M)[0].success is False
    assert training_outcomes(programme_ids=ids, target=OutcomeTarget.WORK_OR_TRAINING_6M)[0].success is False
    assert training_outcomes(programme_ids=ids, target=OutcomeTarget.ANY_GOAL_6M)[0].success is True


def test_the_mentee_side_is_preferred_to_the_mentor_side() -> None:
    match = consenting_match()
    answer(match, "6m", "none", source="coordinator")
    answer(match, "6m", "work", role=Role.MENTOR)
    (row,) = training_outcomes(programme_ids=[match.programme_id], target=OutcomeTarget.WORK_6M)
    assert row.success is False
    assert row.sources == ("coordinator",)


def test_the_mentor_side_counts_when_the_mentee_side_has_no_usable_answer() -> None:
    match = consenting_match()
    answer(match, "6m", "prefer_not")
    answer(match, "3m", "training", role=Role.MENTOR)
    (row,) = training_outcomes(programme_ids=[match.programme_id], target=OutcomeTarget.WORK_OR_TRAINING_6M)
    assert row.success is True
    assert row.sources == ("self",)


def test_a_match_whose_answers_are_all_prefer_not_is_left_out() -> None:
    match = consenting_match()
    answer(match, "6m", "prefer_not")
    answer(match, "3m", "prefer_not", role=Role.MENTOR)
    assert training_outcomes(programme_ids=[match.programme_id], target=OutcomeTarget.WORK_6M) == []


def test_without_her_consent_in_force_her_match_is_left_out() -> None:
    never = ended_match()
    answer(never, "6m", "work")
    withdrawn = consenting_match(never.programme)
    answer(withdrawn, "6m", "work")
    assert len(training_outcomes(programme_ids=[never.programme_id], target=OutcomeTarget.WORK_6M)) == 1
    consent_withdraw(
        user=mentee_user(withdrawn),
        programme=withdrawn.programme,
        purpose=ConsentPurpose.IMPROVE_MATCHING,
        now=timezone.now(),
    )
    assert training_outcomes(programme_ids=[never.programme_id], target=OutcomeTarget.WORK_6M) == []


def test_only_the_given_programmes_are_read() -> None:
    first = consenting_match()
    answer(first, "6m", "work")
    second = consenting_match(ProgrammeFactory())
    answer(second, "6m", "none")
    rows = training_outcomes(programme_ids=[second.programme_id], target=OutcomeTarget.WORK_6M)
    assert [row.match_id for row in rows] == [second.id]
    both = training_outcomes(programme_ids=[first.programme_id, second.programme_id], target=OutcomeTarget.WORK_6M)
    assert {row.match_id: row.success for row in both} == {first.id: True, second.id: False}


def test_the_number_of_queries_does_not_grow_with_matches(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    programme = ProgrammeFactory()
    for _ in range(5):
        answer(consenting_match(programme), "6m", "work")
    with django_assert_num_queries(1):
        rows = training_outcomes(programme_ids=[programme.id], target=OutcomeTarget.WORK_6M)
    assert len(rows) == 5
