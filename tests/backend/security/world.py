"""One world with every kind of person the authorization matrix names, and the objects its routes point at.

Jobs Berlin (mentoring, open): Amira (mentee) has a pending offer from Berta (mentor, before accept); Olena is
another mentee, waiting; Xavier another mentor; Emil an employer. Background people (Hana, Ines, Kim, Jana,
Lina) hold two proposals and a declined offer, which Lina reported (and she blocked Ines). The closed cohort
(mentoring, sign-up closed): Amira's active match with Carla (mentor, after accept). Amira's private details
and sensitive answers are canaries (``AMIRA``). The peer network: eight frontline workers in two published groups;
Fatma is in "the group", Greta in the other one. Cora coordinates all three; Otto coordinates two other
programmes (a mentee, a mentor and their proposal in one, an open round in the other); Root is a superuser with no
membership. Cora, Otto and Root have a TOTP authenticator.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import User
from invitations.services import invitations_send
from invitations.tokens import token_for
from mentoring.models import Match, MatchingRun, MatchState, RunStatus
from messaging.selectors import match_place
from messaging.services import message_send
from notifications.models import Notification
from outcomes.models import Checkpoint, OutcomeRequest
from outcomes.tokens import token_for as outcome_token_for
from outcomes.tokens import token_hash as outcome_token_hash
from peers import services as peer_services
from peers.models import PeerGroup, Round
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose
from privacy.sensitive import SENSITIVE_CODES
from privacy.services import consent_give, sensitive_attributes_set
from profiles.models import Gender, Profile
from programmes.models import Membership, Programme, ProgrammeKind, Role
from safeguarding.services import block_create, report_on_match
from tests.backend.factories import (
    MembershipFactory,
    OrganisationAdminFactory,
    OrganisationFactory,
    ProfileFactory,
    ProgrammeFactory,
    UserFactory,
    coordinator_of,
)
from tests.backend.peers.conftest import worker
from tests.backend.security.canaries import sensitive_text
from tests.backend.security.matrix import ROLES


@dataclass
class SecurityWorld:
    people: dict[str, User | None]
    objects: dict[str, Any]
    """Name → the id (or value) a path placeholder takes, e.g. "offer" → the pending offer's id."""
    profiles: dict[str, Profile]

    def user(self, role: str) -> User | None:
        return self.people[role]


def _match(programme: Programme, mentee: Profile, mentor: Profile, state: str, **fields: Any) -> Match:
    now = timezone.now()
    offered = state != MatchState.PROPOSED
    return Match.objects.create(
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        state=state,
        score=0.61,
        reasons=[{"code": "shared_language", "params": {"language": "ar"}}],
        offered_at=now if offered else None,
        offer_expires_at=now + timedelta(days=7) if offered else None,
        accepted_at=now if state == MatchState.ACTIVE else None,
        **fields,
    )


def _named(name: str) -> User:
    return UserFactory(display_name=name)


def mentee_profile(programme: Programme, user: User | None = None, **fields: Any) -> Profile:
    return ProfileFactory(
        membership=MembershipFactory(user=user or UserFactory(), programme=programme, role=Role.MENTEE),
        languages={"ar": "C2", "de": "B1"},
        sectors=["86"],
        goals=["recognition_of_qualifications"],
        availability=["mon:evening"],
        gender=Gender.WOMAN,
        **{"goals_text": "recognition of my nursing diploma", **fields},
    )


def mentor_profile(programme: Programme, user: User | None = None, **fields: Any) -> Profile:
    return ProfileFactory(
        membership=MembershipFactory(user=user or UserFactory(), programme=programme, role=Role.MENTOR),
        languages={"de": "C2", "ar": "B2"},
        sectors=["86"],
        capacity=2,
        verified_at=timezone.now(),
        gender=Gender.WOMAN,
        goals=["recognition_of_qualifications", "job_search"],
        goals_text="healthcare careers and recognition of nursing diplomas",
        availability=["mon:evening", "sat:morning"],
        **fields,
    )


TOTP_SECRET = "SECURITYWORLDTOTPSECRETFORTESTS2"
"""The coordinators' and the admin's authenticator secret (base32)."""

AMIRA = {
    "full_name": "Amira Kanarienvogel-Fullname",
    "email": "amira.kanarienvogel@example.org",
    "phone": "+49 151 5550 7771",
}
AMIRA_GOALS = "Kanarienvogel-goals: I left my husband and need a job near the women's shelter"
"""Amira's private details: canaries that must reach nobody but her, her coordinator and (what she shares) her
mentor after accept."""
LINA_REPORT = sensitive_text("she asked me about my residence papers and my husband")
"""Lina's words in her safety report: for the coordinators' eyes only (never in an email, a log or an error)."""


def build_world() -> SecurityWorld:
    now = timezone.now()
    # Cora's programmes belong to one organisation, Otto's to another; each runs (is an admin of) their own.
    coras, ottos = OrganisationFactory(name="Cora's organisation"), OrganisationFactory(name="Otto's organisation")
    jobs = ProgrammeFactory(organisation=coras, name="Jobs Berlin")
    cohort = ProgrammeFactory(organisation=coras, name="Closed cohort", signup_open=False)
    network = ProgrammeFactory(
        organisation=coras, name="Frontline peers", kind=ProgrammeKind.PEER_NETWORK, city="", country="BE"
    )
    elsewhere = ProgrammeFactory(organisation=ottos, name="Elsewhere", signup_open=False)
    other_network = ProgrammeFactory(
        organisation=ottos, name="Other network", kind=ProgrammeKind.PEER_NETWORK, signup_open=False
    )

    cora = coordinator_of(jobs)
    MembershipFactory(user=cora, programme=cohort, role=Role.COORDINATOR)
    MembershipFactory(user=cora, programme=network, role=Role.COORDINATOR)
    otto = coordinator_of(elsewhere)
    MembershipFactory(user=otto, programme=other_network, role=Role.COORDINATOR)
    OrganisationAdminFactory(user=cora, organisation=coras)
    OrganisationAdminFactory(user=otto, organisation=ottos)
    root = UserFactory(display_name="Root", is_staff=True, is_superuser=True)
    for needs_two_step in (cora, otto, root):  # as production requires of coordinators and staff
        TOTP.activate(needs_two_step, TOTP_SECRET)

    amira = UserFactory(display_name="Amira", **AMIRA)
    amira_jobs = mentee_profile(jobs, amira, goals_text=AMIRA_GOALS)
    amira_cohort = mentee_profile(cohort, amira, share_email=True, goals_text=AMIRA_GOALS)
    for programme in (jobs, cohort):
        version = consent_asked(programme=programme, purpose=ConsentPurpose.SENSITIVE_MATCHING).version
        consent_give(
            user=amira, programme=programme, purpose=ConsentPurpose.SENSITIVE_MATCHING, version=version, now=now
        )
    sensitive_attributes_set(user=amira, codes=sorted(SENSITIVE_CODES), now=now)
    olena = mentee_profile(jobs, _named("Olena"))
    berta = mentor_profile(jobs, _named("Berta"))
    carla = mentor_profile(cohort, _named("Carla"))
    xavier = mentor_profile(jobs, _named("Xavier"))
    emil = ProfileFactory(
        membership=MembershipFactory(user=_named("Emil"), programme=jobs, role=Role.EMPLOYER), capacity=1
    )
    hana, kim, lina = (mentee_profile(jobs) for _ in range(3))
    ines, jana = (mentor_profile(jobs) for _ in range(2))

    offer = _match(jobs, amira_jobs, berta, MatchState.OFFERED)
    active = _match(cohort, amira_cohort, carla, MatchState.ACTIVE)
    carla_writes = match_place(user=carla.membership.user, match_id=active.pk)
    message_send(place=carla_writes, text="Shall we meet online?", now=now)
    proposal = _match(jobs, hana, ines, MatchState.PROPOSED)
    proposal2 = _match(jobs, kim, jana, MatchState.PROPOSED)
    declined = _match(jobs, lina, ines, MatchState.DECLINED, reason_code="no_time")
    # Lina reported Ines on their declined offer and blocked her (safeguarding).
    report = report_on_match(
        match=declined, reporter=lina.membership.user, role="mentee", category="harassment", text=LINA_REPORT, now=now
    )
    block = block_create(blocker=lina.membership.user, blocked=ines.membership.user, programme=jobs, now=now)
    run = MatchingRun.objects.create(programme=jobs, started_by=cora, status=RunStatus.DONE, progress=100)
    notice = Notification.objects.create(user=amira, kind="offer_shown_to_mentee", programme=jobs, match_id=offer.pk)

    for i in range(8):
        worker(network, i)
    published = peer_services.round_open(
        programme=network, by=cora, now=now, name="Spring", min_size=4, max_size=4, min_distinct_cities=2
    )
    peer_services.round_form(round=published, by=cora, now=now)
    peer_services.round_form_execute(round_id=published.pk, clock=timezone.now)
    peer_services.round_publish(round=Round.objects.get(pk=published.pk), by=cora, now=now)
    groups = list(PeerGroup.objects.filter(round=published).order_by("index").prefetch_related("members__profile"))
    assert len(groups) == 2, "the peer network's eight workers form two groups of four"
    fatma = groups[0].members.all()[0].profile
    greta = groups[1].members.all()[0].profile
    opened = peer_services.round_open(programme=network, by=cora, now=now, name="Autumn", min_size=4, max_size=4)
    # Otto's programmes have people and objects of their own, whose ids Cora must not learn (and he not hers).
    far_mentee, far_mentor = mentee_profile(elsewhere), mentor_profile(elsewhere)
    far_proposal = _match(elsewhere, far_mentee, far_mentor, MatchState.PROPOSED)
    far_round = peer_services.round_open(programme=other_network, by=otto, now=now, name="First", min_size=4)

    # Cora invited a mentor to Jobs Berlin (not yet joined): the link's token is the row object of its routes.
    invitation = invitations_send(
        programme=jobs,
        role=Role.MENTOR,
        entries=["invited.mentor@example.org"],
        language="en",
        by=cora,
        now=now,
        site="http://testserver/",
    )[0].invitation
    assert invitation is not None

    # Amira's earlier match in Jobs Berlin ended three months ago; she agreed to help improve matching and was
    # asked what came of it: the question's link token is the row object of its public routes.
    ended = Match.objects.create(
        programme=jobs,
        mentee=amira_jobs,
        mentor=mentor_profile(jobs, _named("Dora")),
        state=MatchState.CLOSED,
        offered_at=now - timedelta(days=300),
        accepted_at=now - timedelta(days=290),
        closed_at=now - timedelta(days=92),
        completed=True,
    )
    version = consent_asked(programme=jobs, purpose=ConsentPurpose.IMPROVE_MATCHING).version
    consent_give(user=amira, programme=jobs, purpose=ConsentPurpose.IMPROVE_MATCHING, version=version, now=now)
    question = OutcomeRequest(
        match=ended,
        user=amira,
        checkpoint=Checkpoint.MONTHS_3,
        respondent_role=Role.MENTEE,
        sent_at=now,
        expires_at=now + timedelta(days=60),
    )
    question.token_hash = outcome_token_hash(outcome_token_for(question))
    question.save()

    people: dict[str, User | None] = {
        "anon": None,
        "mentee": amira,
        "omentee": olena.membership.user,
        "mpending": berta.membership.user,
        "mactive": carla.membership.user,
        "omentor": xavier.membership.user,
        "employer": emil.membership.user,
        "wgroup": fatma.membership.user,
        "wother": greta.membership.user,
        "coord": cora,
        "ocoord": otto,
        "admin": root,
    }
    assert list(people) == list(ROLES)
    objects: dict[str, Any] = {
        "organisation": coras.pk,
        "coordinator_role": Membership.objects.get(user=cora, programme=jobs, role=Role.COORDINATOR).pk,
        "jobs": jobs.pk,
        "cohort": cohort.pk,
        "network": network.pk,
        "offer": offer.pk,
        "active": active.pk,
        "proposal": proposal.pk,
        "proposal2": proposal2.pk,
        "declined": declined.pk,
        "run": run.pk,
        "report": report.pk,
        "block": block.pk,
        "notice": notice.pk,
        "round": published.pk,
        "open_round": opened.pk,
        "group": groups[0].pk,
        "mentee_profile": amira_jobs.pk,
        "mentor_profile": berta.pk,
        "employer_profile": emil.pk,
        "worker_profile": fatma.pk,
        "waiting_profile": olena.pk,
        "elsewhere": elsewhere.pk,
        "other_network": other_network.pk,
        "far_mentee": far_mentee.pk,
        "far_mentor": far_mentor.pk,
        "far_proposal": far_proposal.pk,
        "far_round": far_round.pk,
        "invitation": invitation.pk,
        "invitation_token": token_for(invitation),
        "jobs+ended": (jobs.pk, ended.pk),
        "outcome_question": question.pk,
        "outcome_token": outcome_token_for(question),
    }
    profiles = {
        "amira_jobs": amira_jobs,
        "amira_cohort": amira_cohort,
        "olena": olena,
        "berta": berta,
        "carla": carla,
        "xavier": xavier,
        "emil": emil,
        "fatma": fatma,
        "greta": greta,
        "lina": lina,
        "ines": ines,
    }
    return SecurityWorld(people=people, objects=objects, profiles=profiles)
