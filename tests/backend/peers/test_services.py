"""Formation as a background task: all or nothing, safe to redeliver, reports progress; repeats are counted
even when a round does not avoid them. Three rounds on the demo data: test_demo_rounds.py."""

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from peers import services
from peers.models import GroupMember, PeerGroup, Round, RoundStatus
from peers.resources import RESOURCES
from programmes import reference_data
from tests.backend.peers.conftest import Network, worker

pytestmark = pytest.mark.django_db


def formed(n: Network, round: Round) -> Round:
    services.round_form(round=round, by=n.coordinator, now=timezone.now())
    services.round_form_execute(round_id=round.pk, clock=timezone.now)
    round.refresh_from_db()
    return round


def test_a_failure_while_writing_leaves_no_partial_groups(network: Network) -> None:
    n = network
    round = n.open_round()
    services.round_form(round=round, by=n.coordinator, now=timezone.now())
    with (
        mock.patch.object(GroupMember.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        services.round_form_execute(round_id=round.pk, clock=timezone.now)
    assert not PeerGroup.objects.filter(round=round).exists()  # the groups written before the failure are gone
    # The task marks the formation failed in plain words; the round is open again and can be formed anew.
    failed = services.round_form_fail(round_id=round.pk, now=timezone.now())
    assert failed.status == RoundStatus.OPEN and "Nothing was changed" in failed.error
    again = formed(n, failed)
    assert (
        again.status == RoundStatus.DRAFT and again.error == "" and PeerGroup.objects.filter(round=round).count() == 2
    )


def test_a_failed_re_formation_keeps_the_earlier_draft(network: Network) -> None:
    n = network
    round = formed(n, n.open_round())
    before = sorted(GroupMember.objects.filter(round=round).values_list("group__index", "profile_id"))
    services.round_form(round=round, by=n.coordinator, now=timezone.now())
    with mock.patch("peers.services.engine.form_groups", side_effect=RuntimeError("boom")), pytest.raises(RuntimeError):
        services.round_form_execute(round_id=round.pk, clock=timezone.now)
    failed = services.round_form_fail(round_id=round.pk, now=timezone.now())
    assert failed.status == RoundStatus.DRAFT
    assert sorted(GroupMember.objects.filter(round=round).values_list("group__index", "profile_id")) == before


def test_the_task_is_idempotent_on_redelivery(network: Network) -> None:
    from peers.tasks import form_groups

    n = network
    round = n.open_round()
    services.round_form(round=round, by=n.coordinator, now=timezone.now())
    assert form_groups(str(round.pk)) == "draft"
    first = sorted(GroupMember.objects.filter(round=round).values_list("group__index", "profile_id"))
    assert form_groups(str(round.pk)) == "draft"  # delivered again after it finished: nothing changes
    assert sorted(GroupMember.objects.filter(round=round).values_list("group__index", "profile_id")) == first
    assert PeerGroup.objects.filter(round=round).count() == 2


def test_progress_is_reported_while_forming(network: Network) -> None:
    n = network
    round = n.open_round()
    services.round_form(round=round, by=n.coordinator, now=timezone.now())
    seen: list[int] = []
    real = services.jobs.progress_writer

    def spy(running: Any, **kwargs: Any) -> Any:
        write = real(running, **kwargs)

        def report(fraction: float, stage: str) -> None:
            write(fraction, stage)
            seen.append(Round.objects.get(pk=round.pk).progress)

        return report

    with mock.patch.object(services.jobs, "progress_writer", spy):
        services.round_form_execute(round_id=round.pk, clock=timezone.now)
    assert seen[0] == 5 and seen[-1] == 90 and seen == sorted(seen)
    round.refresh_from_db()
    assert round.progress == 100


def test_only_one_formation_per_programme_at_a_time_and_stale_ones_are_given_up(network: Network) -> None:
    n = network
    first, second = n.open_round(name="A"), n.open_round(name="B")
    services.round_form(round=first, by=n.coordinator, now=timezone.now())
    with pytest.raises(services.Conflict, match="being formed"):
        services.round_form(round=second, by=n.coordinator, now=timezone.now())
    later = timezone.now() + services.STALE_FORMATION_AFTER + timedelta(minutes=1)
    services.round_form(round=second, by=n.coordinator, now=later)
    first.refresh_from_db()
    assert first.status == RoundStatus.OPEN and "stopped answering" in first.error


def test_nobody_opted_in_is_a_clear_conflict(network: Network) -> None:
    n = network
    round = n.open_round()
    for profile in n.workers:
        services.round_opt(round=round, profile=profile, opted_in=False, now=timezone.now())
    with pytest.raises(services.Conflict, match="Nobody has opted in"):
        services.round_form(round=round, by=n.coordinator, now=timezone.now())


def test_a_member_who_joined_after_the_round_opened_is_included(network: Network) -> None:
    n = network
    round = n.open_round()
    newcomer = worker(n.programme, 12)
    round = formed(n, round)
    assert GroupMember.objects.filter(round=round, profile=newcomer).exists()
    assert GroupMember.objects.filter(round=round).count() == 13


def test_every_topic_has_reputable_resources() -> None:
    assert set(RESOURCES) == reference_data.codes("topics")
    for pages in RESOURCES.values():
        assert pages and all(page["url"].startswith("https://") and page["title"] for page in pages)


def test_without_avoid_repeats_the_repeats_are_still_counted(network: Network) -> None:
    n = network
    first = formed(n, n.open_round(name="One", min_size=12, max_size=12, min_distinct_cities=1))
    services.round_publish(round=first, by=n.coordinator, now=timezone.now())
    second = formed(n, n.open_round(name="Two", min_size=12, max_size=12, min_distinct_cities=1, avoid_repeats=False))
    assert second.stats["repeat_pairs"] == 66  # everyone again with everyone: 12 × 11 / 2
    assert any(r["code"] == "repeat_pairs" for r in PeerGroup.objects.get(round=second).reasons)
