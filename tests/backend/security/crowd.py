"""More than a hundred rows in every list of the security world (``world.py``), for the query-count test: each list
a role of the matrix sees, with every branch a row can take, spread so that a page of 100 holds more of each branch
than a page of 10.

- Programmes: open and closed ones (Amira belongs to the closed ones), both kinds, all in Cora's organisation; Cora
  runs a crowd of organisations; Jobs Berlin has a crowd of coordinators.
- Jobs Berlin's invitations, in every state.
- Amira's matches: past ones in Jobs Berlin with a crowd of mentors (closed, declined, expired; feedback on some),
  and an open one (active, paused, offered) in each crowd mentoring programme, whose mentors share their email or
  phone or not, with their consent to share contacts in force, withdrawn or never given; every fifth mentor
  blocked her.
- Berta's matches with a crowd of mentees (some left the programme, some with preferences): as many open ones
  as her capacity holds and many past ones, contact consent in every state, some mentees blocked her.
- Reasons that would reveal preferences or sensitive answers on every other match; the coordinator's proposals
  and rejections; runs, audit events and safety reports in every status (some reporters erased, some matches gone).
- Amira's notices of every kind and audience, read and unread; her blocks of many people.
- The peer network: rounds in every status (Fatma opted in or out of some), and Fatma's published groups, with
  members who left, one who blocked her, and follow-up answers.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from invitations.models import Invitation
from mentoring.models import Feedback, Match, MatchingRun, MatchState, RunStatus
from notifications.models import Audience, Notification, NotificationKind
from peers.models import FollowUp, GroupMember, PeerGroup, Round, RoundParticipant, RoundStatus
from privacy.models import AuditEvent, ConsentPurpose, ConsentRecord
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind, Role
from safeguarding.models import Block, Report, ReportCategory, ReportStatus
from tests.backend.factories import (
    MembershipFactory,
    OrganisationAdminFactory,
    OrganisationFactory,
    ProgrammeFactory,
    coordinator_of,
)
from tests.backend.security.world import SecurityWorld, _match, mentee_profile, mentor_profile

CROWD = 120
"""Rows per list: well over the largest page size the test asks for (100)."""

_REASONS = [{"code": "shared_language", "params": {"language": "ar"}}]
_SENSITIVE_REASONS = [
    {"code": "woman_mentor", "params": {}},
    {"code": "shared_need", "params": {"need": "support:trauma_informed"}},
]


def add_crowd(world: SecurityWorld) -> None:
    now = timezone.now()
    jobs = Programme.objects.get(pk=world.objects["jobs"])
    network = Programme.objects.get(pk=world.objects["network"])
    amira, cora = world.people["mentee"], world.people["coord"]
    assert amira is not None and cora is not None
    amira_jobs, berta = world.profiles["amira_jobs"], world.profiles["berta"]

    crowd_programmes = []
    for i in range(CROWD):
        kind = ProgrammeKind.PEER_NETWORK if i % 2 else ProgrammeKind.MENTORING
        programme = ProgrammeFactory(
            organisation=jobs.organisation, name=f"Crowd programme {i:03}", kind=kind, signup_open=i % 10 != 9
        )
        if kind == ProgrammeKind.MENTORING:
            crowd_programmes.append(programme)
        elif not programme.signup_open:  # closed: seen by its members only
            MembershipFactory(user=amira, programme=programme, role=Role.FRONTLINE_WORKER)

    # Cora runs many organisations (hers holds every crowd programme) and Jobs Berlin has many coordinators, some of
    # them invited and without a password yet.
    for i in range(CROWD):
        OrganisationAdminFactory(user=cora, organisation=OrganisationFactory(name=f"Crowd organisation {i:03}"))
        coordinator = coordinator_of(jobs)
        if i % 3 == 0:
            coordinator.set_unusable_password()
            coordinator.save(update_fields=["password"])

    # Jobs Berlin's invitations in every state, each by someone (some by a coordinator whose account is gone).
    Invitation.objects.bulk_create(
        Invitation(
            programme=jobs,
            email=f"invited{i:03}@example.org",
            role=(Role.MENTOR, Role.EMPLOYER, Role.COORDINATOR)[i % 3],
            language="de",
            token_hash=f"{i:064x}",
            invited_by=cora if i % 4 else None,
            sent_at=now - timedelta(days=i % 20),
            send_count=1 + i % 3,
            expires_at=now + timedelta(days=(-1) ** i * 5),
            opened_at=now if i % 5 == 0 else None,
            joined_at=now if i % 7 == 0 else None,
            revoked_at=now if i % 11 == 0 and i % 7 else None,
        )
        for i in range(CROWD)
    )

    mentors = [mentor_profile(jobs) for _ in range(CROWD)]
    Profile.objects.filter(pk__in=[mentor.pk for mentor in mentors[::2]]).update(verified_at=None)
    mentees = [
        mentee_profile(
            jobs,
            share_email=i % 2 == 0,
            share_phone=i % 3 == 0,
            woman_mentor_only=i % 4 == 0,
            online_only=i % 5 == 0,
        )
        for i in range(CROWD)
    ]
    for profile in mentees[::9]:  # left the programme: still in her past matches
        profile.membership.left_at = now
        profile.membership.save(update_fields=["left_at"])

    # Amira's past matches in Jobs Berlin, one with each mentor; every fifth of them blocked her.
    past = (MatchState.CLOSED, MatchState.DECLINED, MatchState.EXPIRED)
    amira_past = []
    for i, mentor in enumerate(mentors):
        amira_past.append(_match(jobs, amira_jobs, mentor, past[i % 3]))
        if i % 5 == 0:
            Block.objects.create(blocker=mentor.membership.user, blocked=amira, programme=jobs)
        if past[i % 3] == MatchState.CLOSED and i % 2 == 0:
            Feedback.objects.create(match=amira_past[-1], author=amira, author_role="mentee", rating=4)
    # Her open matches, one in each crowd mentoring programme (a mentee has one open match per programme).
    amira_open = []
    for i, programme in enumerate(crowd_programmes):
        mentor = mentor_profile(programme, share_email=i % 2 == 0, share_phone=i % 3 == 0)
        state = (MatchState.ACTIVE, MatchState.ACTIVE, MatchState.PAUSED, MatchState.OFFERED)[i % 4]
        amira_open.append(_match(programme, mentee_profile(programme, amira), mentor, state))
        _contact_sharing(mentor.membership.user, programme, i, now)
        if i % 5 == 0:
            Block.objects.create(blocker=mentor.membership.user, blocked=amira, programme=programme)
    _newest_first(_interleave(amira_open, amira_past), now)

    # Berta's matches, one with each mentee, in every state a participant sees; as many open ones as her
    # capacity holds (the database keeps her to it).
    Profile.objects.filter(pk=berta.pk).update(capacity=10)
    states = (MatchState.ACTIVE, MatchState.PAUSED, MatchState.OFFERED)
    berta_open, berta_past = [], []
    for i, mentee in enumerate(mentees):
        if i < 9:
            berta_open.append(_match(jobs, mentee, berta, states[i % 3]))
        else:
            berta_past.append(_match(jobs, mentee, berta, past[i % 3]))
        person = mentee.membership.user
        _contact_sharing(person, jobs, i, now)
        if i % 7 == 0:
            Block.objects.create(blocker=person, blocked=berta.membership.user, programme=jobs)
        if past[i % 3] == MatchState.CLOSED and i >= 9:
            Feedback.objects.create(match=berta_past[-1], author=person, author_role="mentee", rating=5)
    berta_matches = _newest_first(_interleave(berta_open, berta_past), now)

    crowd = amira_open + amira_past + berta_matches
    crowd_matches = Match.objects.filter(pk__in=[m.pk for m in crowd])
    crowd_matches.filter(state=MatchState.PAUSED).update(accepted_at=now, paused_from=MatchState.ACTIVE)
    crowd_matches.filter(state=MatchState.CLOSED).update(accepted_at=now, closed_at=now)
    # Every other one has reasons that would reveal the mentee's preferences or sensitive answers (a mentor sees
    # only their effect).
    crowd_matches.filter(pk__in=[m.pk for m in crowd[::2]]).update(reasons=_REASONS + _SENSITIVE_REASONS)

    # The coordinator's drafts: proposals and rejections between the crowd.
    for i, (mentee, mentor) in enumerate(zip(mentees, mentors, strict=True)):
        state = MatchState.PROPOSED if i % 2 else MatchState.REJECTED
        _match(jobs, mentee, mentors[(i + 1) % CROWD] if state == MatchState.PROPOSED else mentor, state)

    runs = (RunStatus.DONE, RunStatus.FAILED)
    MatchingRun.objects.bulk_create(
        MatchingRun(
            programme=jobs, started_by=cora if i % 2 else None, status=runs[i % 2], progress=100, counts={"offers": i}
        )
        for i in range(CROWD)
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            programme=jobs,
            actor=(cora, amira, None)[i % 3],
            actor_role=("coordinator", "mentee", "system")[i % 3],
            action=("match.approve", "profile.read", "consent.withdraw")[i % 3],
            target_type="match",
            target_id=str(berta_matches[i].pk),
            at=now - timedelta(minutes=i),
            detail={"from": "proposed", "to": "offered"},
        )
        for i in range(CROWD)
    )
    statuses = list(ReportStatus.values)
    categories = list(ReportCategory.values)
    for i, match in enumerate(berta_matches):
        status = statuses[i % len(statuses)]
        Report.objects.create(
            programme=jobs,
            context="match",  # without a match: the match was deleted since
            match=match if i % 4 else None,
            reporter=match.mentee.membership.user if i % 6 else None,
            reporter_role="mentee",
            reported=berta.membership.user,
            reported_role="mentor",
            category=categories[i % len(categories)],
            text=f"Crowd report {i}",
            status=status,
            resolved_by=cora if status != ReportStatus.OPEN else None,
            resolved_at=now if status != ReportStatus.OPEN else None,
            resolution_note="Spoke to both." if status != ReportStatus.OPEN else "",
        )

    kinds, audiences = list(NotificationKind.values), list(Audience.values)
    Notification.objects.bulk_create(
        Notification(
            user=amira,
            kind=kinds[i % len(kinds)],
            audience=audiences[i % len(audiences)],
            programme=jobs if i % 3 else None,
            match_id=berta_matches[i].pk if i % 2 else None,
            params={"name": "Berta"} if i % 4 else {},
            read_at=now if i % 2 else None,
            created_at=now - timedelta(minutes=i),
        )
        for i in range(CROWD)
    )
    Block.objects.bulk_create(
        Block(blocker=amira, blocked=mentee.membership.user, programme=jobs if i % 2 else None)
        for i, mentee in enumerate(mentees)
    )

    _peer_crowd(world, network, now)


def _contact_sharing(person: User, programme: Programme, i: int, now: datetime) -> None:
    """Her consent to share contact details: in force, withdrawn, or never given (by ``i``)."""
    if i % 3 == 2:
        return
    ConsentRecord.objects.create(
        user=person,
        programme=programme,
        purpose=ConsentPurpose.CONTACT_SHARING,
        text_version="1",
        text="Share my contact details with the other side of my match.",
        given_at=now - timedelta(days=1),
        withdrawn_at=now if i % 3 == 0 else None,
    )


def _interleave(spread: list[Match], rows: list[Match]) -> list[Match]:
    """``rows`` with ``spread`` spaced evenly among them, so every page holds some of each."""
    step = max(1, len(rows) // max(1, len(spread)))
    result: list[Match] = []
    waiting = list(spread)
    for position, row in enumerate(rows):
        if position % step == step // 2 and waiting:
            result.append(waiting.pop(0))
        result.append(row)
    return result + waiting


def _newest_first(matches: list[Match], now: datetime) -> list[Match]:
    """Participants' lists are newest first: give the matches that order."""
    for position, match in enumerate(matches):
        Match.objects.filter(pk=match.pk).update(updated_at=now - timedelta(minutes=position))
    return matches


def _peer_crowd(world: SecurityWorld, network: Programme, now: datetime) -> None:
    """Rounds of the network in every status, and Fatma's published groups with three other workers each."""
    fatma = world.profiles["fatma"]
    others = list(
        Profile.objects.filter(membership__programme=network, membership__role=Role.FRONTLINE_WORKER)
        .exclude(pk=fatma.pk)
        .select_related("membership__user")
    )
    blocker = others[0]
    Block.objects.create(blocker=blocker.membership.user, blocked=fatma.membership.user, programme=network)
    unpublished = (RoundStatus.OPEN, RoundStatus.DRAFT)
    for i in range(CROWD):
        published = i % 6 != 0
        round = Round.objects.create(
            programme=network,
            name=f"Crowd round {i:03}",
            status=RoundStatus.PUBLISHED if published else unpublished[i % 2],
            min_size=2,
            target_size=4,
            max_size=4,
            published_at=now - timedelta(days=i) if published else None,
            created_by=world.people["coord"],
        )
        if i % 3:
            RoundParticipant.objects.create(round=round, profile=fatma, opted_in=i % 3 == 1)
        if not published:
            continue
        group = PeerGroup.objects.create(
            round=round,
            index=0,
            reasons=[{"code": "shared_topic", "params": {}}],
            shared_topics=["housing"] if i % 2 else [],
            cities=["Brussels", "Ghent"],
        )
        members = [fatma, *(others[(i + k) % len(others)] for k in range(3))]
        for k, profile in enumerate(members):
            GroupMember.objects.create(
                group=group,
                round=round,
                profile=profile,
                followup_asked_at=now if i % 2 else None,
                left_at=now if k == 3 and i % 4 == 0 else None,
            )
        if i % 3 == 0:
            FollowUp.objects.create(group=group, profile=fatma, met=True, rating=4, answered_at=now)
