"""The invariants under real concurrency. SQLite ignores row locks, so these run on PostgreSQL (CI does)."""

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from common.errors import DomainError
from mentoring import services
from mentoring.models import Match, MatchState
from tests.backend.factories import coordinator_of
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"),
]


def race(workers: list[Callable[[], Any]]) -> Counter[str]:
    """Run the callables in threads released together by a barrier, each thread on its own connection."""
    barrier = threading.Barrier(len(workers))
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def run(work: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            work()
            result = "ok"
        except DomainError as error:
            result = f"{error.status_code}"
        except Exception as error:  # noqa: BLE001 - any other failure is reported by the assertion below
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_200_simultaneous_accepts_respect_a_capacity_of_3(mentoring: Programme1) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        limit = int(cursor.fetchone()[0])
    assert limit >= 220, f"PostgreSQL max_connections is {limit}; .ci/run raises it to 300 for this test"
    mentor = mentor_profile(mentoring.programme, capacity=3)
    offers = [mentoring.offer(mentee_profile(mentoring.programme), mentor) for _ in range(200)]
    user = mentor.membership.user
    now = timezone.now()

    outcomes = race([lambda o=offer: services.match_accept(match=o, by=user, now=now) for offer in offers])

    assert outcomes == Counter({"ok": 3, "409": 197})
    assert Match.objects.filter(mentor=mentor, state=MatchState.ACTIVE).count() == 3


def test_two_coordinators_approving_pairings_for_one_mentee_give_one_winner(mentoring: Programme1) -> None:
    second = coordinator_of(mentoring.programme)
    mentee = mentoring.mentees[0]
    first_offer = mentoring.offer(mentee, mentoring.mentors[0], state=MatchState.PROPOSED)
    second_offer = mentoring.offer(mentee, mentoring.mentors[1], state=MatchState.PROPOSED)
    now = timezone.now()

    outcomes = race(
        [
            lambda: services.match_approve(match=first_offer, by=mentoring.coordinator, now=now),
            lambda: services.match_approve(match=second_offer, by=second, now=now),
        ]
    )

    assert outcomes == Counter({"ok": 1, "409": 1})
    assert Match.objects.filter(mentee=mentee, state__in=[MatchState.OFFERED, MatchState.ACTIVE]).count() == 1


def test_many_approvals_for_one_mentor_never_exceed_capacity(mentoring: Programme1) -> None:
    mentor = mentor_profile(mentoring.programme, capacity=2)
    proposals = [
        mentoring.offer(mentee_profile(mentoring.programme), mentor, state=MatchState.PROPOSED) for _ in range(20)
    ]
    now = timezone.now()
    outcomes = race([lambda p=p: services.match_approve(match=p, by=mentoring.coordinator, now=now) for p in proposals])
    assert outcomes == Counter({"ok": 2, "409": 18})
    assert Match.objects.filter(mentor=mentor, state__in=[MatchState.OFFERED, MatchState.ACTIVE]).count() == 2
