"""The report's selectors over a list of programmes: a peer network's rounds, placements and meetings as counted in
the database, and an organisation-wide report that is the same code over several programmes."""

from datetime import UTC, date, datetime, timedelta

import pytest
from reports.selectors import Period, programme_report

from mentoring.models import Match, MatchState
from peers.models import FollowUp, GroupMember, PeerGroup, Round, RoundStatus
from programmes.models import Membership, ProgrammeKind, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

MAY = datetime(2026, 5, 12, 10, tzinfo=UTC)
PERIOD = Period.covering(date(2026, 5, 1), date(2026, 5, 31))


def _grand_total(report: dict, key: str) -> dict:
    figure = next(figure for figure in report["figures"] if figure["key"] == key)
    return figure["rows"][-1]["cells"][-1]


def test_a_peer_network_counts_rounds_placements_and_meetings() -> None:
    network = ProgrammeFactory(kind=ProgrammeKind.PEER_NETWORK)
    workers = [
        ProfileFactory(membership=MembershipFactory(programme=network, role=Role.FRONTLINE_WORKER), city=city)
        for city in ["Gent"] * 6 + ["Lyon"] * 6
    ]
    Membership.objects.filter(programme=network).update(created_at=MAY)
    formed = Round.objects.create(
        programme=network, name="Spring", status=RoundStatus.PUBLISHED, formed_at=MAY, published_at=MAY
    )
    Round.objects.create(programme=network, name="Draft", status=RoundStatus.DRAFT, formed_at=MAY)
    Round.objects.create(programme=network, name="Old", status=RoundStatus.DRAFT, formed_at=MAY - timedelta(days=60))
    for index in range(2):
        group = PeerGroup.objects.create(round=formed, index=index)
        for worker in workers[index::2]:
            GroupMember.objects.create(group=group, round=formed, profile=worker)
    for worker in workers[:7]:
        member = GroupMember.objects.get(profile=worker, round=formed)
        FollowUp.objects.create(group=member.group, profile=worker, met=True, answered_at=MAY + timedelta(days=10))

    report = programme_report(
        programmes=[network], period=PERIOD, by=None, language="en", asked=(PERIOD.first, PERIOD.last)
    )
    keys = [figure["key"] for figure in report["figures"]]
    assert keys == ["signed_up", "verified", "rounds_formed", "placed_in_groups", "groups_met"]
    assert report["waiting"] is None
    start, end = PERIOD.bounds()
    assert (
        _grand_total(report, "rounds_formed")["value"]
        == Round.objects.filter(programme=network, formed_at__gte=start, formed_at__lt=end).count()
        == 2
    )
    assert (
        _grand_total(report, "placed_in_groups")["value"]
        == GroupMember.objects.filter(round__programme=network, round__published_at__gte=start).count()
        == 12
    )
    assert _grand_total(report, "groups_met")["value"] == FollowUp.objects.filter(met=True).count() == 7
    assert _grand_total(report, "signed_up")["value"] == 12


def test_an_organisation_report_is_the_same_code_over_its_programmes() -> None:
    first, second = ProgrammeFactory(), ProgrammeFactory()
    for programme, count in ((first, 4), (second, 3)):
        for _ in range(count):
            ProfileFactory(membership=MembershipFactory(programme=programme, role=Role.MENTEE))
        Membership.objects.filter(programme=programme).update(created_at=MAY)
    asked = (PERIOD.first, PERIOD.last)
    alone = [
        programme_report(programmes=[p], period=PERIOD, by=None, language="en", asked=asked) for p in (first, second)
    ]
    together = programme_report(programmes=[first, second], period=PERIOD, by=None, language="en", asked=asked)
    # Each alone is under 5 ("< 5"); together they are 7, and shown.
    assert [_grand_total(report, "signed_up")["display"] for report in alone] == ["< 5", "< 5"]
    assert _grand_total(together, "signed_up") == {"value": 7, "display": "7", "status": "shown"}
    assert Match.objects.filter(state=MatchState.ACTIVE).count() == 0
