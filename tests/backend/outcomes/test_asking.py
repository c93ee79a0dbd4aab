"""Asking both people of an ended match, 3 and 6 months later: who is asked, once, by notice and email."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mentoring.models import MatchState
from notifications.models import Notification
from outcomes.services import outcome_questions_ask
from tests.backend.outcomes.conftest import agree, ended_match, mentee_user, mentor_user

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https://bridges\.example/outcomes/[0-9a-f]{64}\?answer=(\w+)")


def consenting_match(days_ago: int, **fields: object):  # type: ignore[no-untyped-def]
    match = ended_match(closed_at=timezone.now() - timedelta(days=days_ago), **fields)  # type: ignore[arg-type]
    agree(mentee_user(match), match.programme)
    agree(mentor_user(match), match.programme)
    return match


@pytest.fixture
def ask(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def run() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return outcome_questions_ask(now=timezone.now(), site="https://bridges.example")

    return run


def test_both_are_asked_three_months_after_by_notice_and_email_with_six_one_tap_answers(ask) -> None:  # type: ignore[no-untyped-def]
    match = consenting_match(92)
    assert ask() == 2
    notices = Notification.objects.filter(kind="outcome_question", match_id=match.pk)
    assert {(n.user_id, n.audience) for n in notices} == {
        (mentee_user(match).pk, "mentee"),
        (mentor_user(match).pk, "mentor"),
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee_user(match).email, mentor_user(match).email])
    for message in mail.outbox:
        assert LINK.findall(message.body) == [
            "work",
            "training",
            "recognition",
            "language_course",
            "none",
            "prefer_not",
        ]
    to_mentor = next(m for m in mail.outbox if m.to == [mentor_user(match).email])
    assert mentee_user(match).display_name in to_mentor.subject
    to_mentee = next(m for m in mail.outbox if m.to == [mentee_user(match).email])
    assert to_mentee.subject == "What came of your mentoring?"


def test_running_again_asks_nobody_twice(ask) -> None:  # type: ignore[no-untyped-def]
    consenting_match(92)
    assert ask() == 2
    assert ask() == 0
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(kind="outcome_question").count() == 2


def test_only_people_whose_consent_is_in_force_and_whose_account_is_active_are_asked(ask) -> None:  # type: ignore[no-untyped-def]
    match = ended_match(closed_at=timezone.now() - timedelta(days=183))
    agree(mentee_user(match), match.programme)
    inactive = consenting_match(183)
    user = mentor_user(inactive)
    user.is_active = False
    user.save()
    assert ask() == 2  # the mentee of the first match, the mentee of the second
    assert {m.to[0] for m in mail.outbox} == {mentee_user(match).email, mentee_user(inactive).email}


def test_offers_that_never_became_a_match_are_not_asked_about(ask) -> None:  # type: ignore[no-untyped-def]
    consenting_match(92, state=MatchState.DECLINED)
    consenting_match(92, state=MatchState.EXPIRED)
    consenting_match(92, accepted=False)  # closed without ever being active
    assert ask() == 0


def test_a_missed_day_is_caught_up_for_a_while_then_skipped(ask) -> None:  # type: ignore[no-untyped-def]
    late = consenting_match(91 + 20)
    too_late = consenting_match(91 + 45)
    not_yet = consenting_match(60)
    assert ask() == 2
    asked = {n.match_id for n in Notification.objects.filter(kind="outcome_question")}
    assert asked == {late.pk}
    assert too_late.pk not in asked and not_yet.pk not in asked


def test_the_six_month_question_is_asked_on_its_own(ask) -> None:  # type: ignore[no-untyped-def]
    match = consenting_match(92)
    ask()
    match.closed_at = timezone.now() - timedelta(days=183)
    match.save()
    assert ask() == 2
    assert Notification.objects.filter(kind="outcome_question", match_id=match.pk).count() == 4
