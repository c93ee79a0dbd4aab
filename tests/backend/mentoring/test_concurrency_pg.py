"""The invariants under real concurrency. SQLite ignores row locks, so these run on PostgreSQL (CI does).

Each race starts its callers in threads released together by a barrier, each thread on its own connection, and
is run several times: a race that is won by luck once is not a proof.
"""

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from common.errors import DomainError
from mentoring import services
from mentoring.models import OPEN_STATES, Match, MatchState
from notifications.models import Notification
from profiles.models import Profile
from tests.backend.factories import coordinator_of
from tests.backend.mentoring.conftest import Programme1, mentee_profile, mentor_profile

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"),
]

ROUNDS = 3


def race(workers: list[Callable[[], str]]) -> Counter[str]:
    """Run the callables at once; count what each returned (or the status of the domain error it raised)."""
    barrier = threading.Barrier(len(workers))
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def run(work: Callable[[], str]) -> None:
        try:
            barrier.wait()
            result = work()
        except DomainError as error:
            result = f"{error.status_code}: {error.message}"
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


def post(user: User, path: str) -> Callable[[], str]:
    """A request through the whole API stack; the outcome is the status and, for a refusal, its message."""

    def work() -> str:
        client = APIClient()
        client.force_authenticate(user)
        response = client.post(path, {}, format="json")
        if response.status_code < 300:
            return str(response.status_code)
        return f"{response.status_code}: {response.json()['errors'][0]['detail']}"

    return work


def approve(match: Match, by: User) -> Callable[[], str]:
    """A coordinator's approval through the whole API."""
    return post(by, f"/api/v1/matches/{match.pk}/approve/")


def accept(match: Match, by: User) -> Callable[[], str]:
    """A mentor's accept through the whole API."""
    return post(by, f"/api/v1/matches/{match.pk}/accept/")


def open_places(mentor: Profile) -> int:
    return Match.objects.filter(mentor=mentor, state__in=OPEN_STATES).count()


def proposals(m: Programme1, mentees: list[Profile], mentor: Profile) -> list[Match]:
    return Match.objects.bulk_create(
        Match(programme=m.programme, mentee=mentee, mentor=mentor, score=0.5) for mentee in mentees
    )


def require_connections(needed: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        limit = int(cursor.fetchone()[0])
    assert limit >= needed, f"PostgreSQL max_connections is {limit}; .ci/run raises it to 300 for this test"


def test_200_simultaneous_approvals_for_a_mentor_with_3_free_places(mentoring: Programme1) -> None:
    """200 coordinators' requests approve 200 proposals for one mentor with 3 free places, at once."""
    require_connections(220)
    mentees = [mentee_profile(mentoring.programme) for _ in range(200)]
    coordinators = [coordinator_of(mentoring.programme) for _ in range(200)]

    for _ in range(ROUNDS):
        # 5 places, 2 held already (one active, one paused): 3 free.
        mentor = mentor_profile(mentoring.programme, capacity=5)
        mentoring.offer(mentee_profile(mentoring.programme), mentor, state=MatchState.ACTIVE)
        mentoring.offer(mentee_profile(mentoring.programme), mentor, state=MatchState.PAUSED)
        batch = proposals(mentoring, mentees, mentor)

        outcomes = race([approve(p, coordinator) for coordinator, p in zip(coordinators, batch, strict=True)])

        assert outcomes == Counter({"200": 3, f"409: {services.FULL_MESSAGE}": 197})
        assert open_places(mentor) == 5
        # The three winners decline, so that every mentee is free for the next round.
        for offer in Match.objects.filter(mentor=mentor, state=MatchState.OFFERED).select_related("programme"):
            services.match_decline(
                match=offer,
                by=mentor.membership.user,
                role="mentor",
                reason_code="no_time",
                reason_text="",
                now=timezone.now(),
            )


def test_accepts_racing_approvals_keep_the_places_of_the_offers(mentoring: Programme1) -> None:
    """A mentor with 3 places and 3 offers accepts them (each request replayed many times) while coordinators
    approve 100 more proposals for her: every accept succeeds, every approval is refused, 3 places stay taken."""
    require_connections(220)
    mentees = [mentee_profile(mentoring.programme) for _ in range(100)]
    coordinator = mentoring.coordinator

    for _ in range(ROUNDS):
        mentor = mentor_profile(mentoring.programme, capacity=3)
        offers = [mentoring.offer(mentee_profile(mentoring.programme), mentor) for _ in range(3)]
        batch = proposals(mentoring, mentees, mentor)
        user = mentor.membership.user

        outcomes = race(
            [accept(offer, user) for offer in offers for _ in range(33)] + [approve(p, coordinator) for p in batch]
        )

        assert outcomes == Counter({"200": 99, f"409: {services.FULL_MESSAGE}": 100})
        assert Match.objects.filter(mentor=mentor, state=MatchState.ACTIVE).count() == 3
        assert open_places(mentor) == 3


def test_two_coordinators_approving_pairings_for_one_mentee_give_one_winner(mentoring: Programme1) -> None:
    second = coordinator_of(mentoring.programme)
    mentee = mentoring.mentees[0]
    for _ in range(ROUNDS):
        first_offer = mentoring.offer(mentee, mentoring.mentors[0], state=MatchState.PROPOSED)
        second_offer = mentoring.offer(mentee, mentoring.mentors[1], state=MatchState.PROPOSED)

        outcomes = race([approve(first_offer, mentoring.coordinator), approve(second_offer, second)])

        refused = [outcome for outcome in outcomes if outcome != "200"]
        assert outcomes["200"] == 1 and len(refused) == 1 and refused[0].startswith("409: "), outcomes
        assert Match.objects.filter(mentee=mentee, state__in=OPEN_STATES).count() == 1
        Match.objects.filter(mentee=mentee, state=MatchState.OFFERED).update(state=MatchState.EXPIRED)
        Match.objects.filter(mentee=mentee, state=MatchState.PROPOSED).delete()


def test_two_simultaneous_replays_of_an_approve_give_one_offer_and_one_notification(mentoring: Programme1) -> None:
    mentor = mentoring.mentors[0]
    mentor_user = mentor.membership.user
    for mentee in mentoring.mentees[:ROUNDS]:
        mail.outbox.clear()
        (proposal,) = proposals(mentoring, [mentee], mentor)
        path = f"/api/v1/matches/{proposal.pk}/approve/"

        outcomes = race([post(mentoring.coordinator, path), post(mentoring.coordinator, path)])

        assert outcomes == Counter({"200": 2})
        proposal.refresh_from_db()
        assert proposal.state == MatchState.OFFERED
        assert Match.objects.filter(mentee=mentee, state__in=OPEN_STATES).count() == 1
        received = Notification.objects.filter(user=mentor_user, kind="offer_received", match_id=proposal.pk)
        assert received.count() == 1
        assert Notification.objects.filter(user=mentee.membership.user, kind="offer_shown_to_mentee").count() == 1
        assert len([m for m in mail.outbox if mentor_user.email in m.to]) == 1
        Match.objects.filter(pk=proposal.pk).update(state=MatchState.DECLINED)
