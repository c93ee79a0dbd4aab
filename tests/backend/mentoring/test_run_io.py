"""A run's work around the engine: set-based reading equal to the per-profile records, proposals written as the
engine made them (by bulk_create, or by COPY / one prepared INSERT for many), earlier proposals replaced,
progress that only goes forward, and a number of queries that does not grow with the programme."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from common import jobs
from matching import api as engine_api
from mentoring import engine as adapter
from mentoring import services
from mentoring.models import Feedback, Match, MatchingRun, MatchSource, MatchState, RunStatus
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose, ConsentRecord, SensitiveAttributes
from profiles.models import Gender, Profile
from programmes.models import Programme, Role
from tests.backend.factories import ProgrammeFactory, coordinator_of
from tests.backend.mentoring.conftest import mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db


def _sensitive(profile: Profile, codes: list[str], *, consent: bool) -> None:
    user = profile.membership.user
    SensitiveAttributes.objects.create(user=user, codes=codes)
    if consent:
        programme = profile.membership.programme
        asked = consent_asked(programme=programme, purpose=ConsentPurpose.SENSITIVE_MATCHING, language="en")
        ConsentRecord.objects.create(
            user=user,
            programme=programme,
            purpose=ConsentPurpose.SENSITIVE_MATCHING,
            text_version=asked.version,
            text=asked.text,
            language="en",
            given_at=timezone.now(),
        )


def _open_match(programme: Programme, mentee: Profile, mentor: Profile, state: str = MatchState.ACTIVE) -> Match:
    now = timezone.now()
    return Match.objects.create(
        programme=programme, mentee=mentee, mentor=mentor, state=state, score=0.5, offered_at=now, accepted_at=now
    )


@pytest.fixture
def varied() -> dict[str, Any]:
    """A programme with every kind of person a run reads, and another programme that must not leak in."""
    programme = ProgrammeFactory(name="Varied")
    mentors = [
        mentor_profile(programme, capacity=3, support_qualities=["trauma_aware"]),
        mentor_profile(programme, capacity=1, role=Role.EMPLOYER, gender=Gender.MAN, languages={"de": "C1"}),
        mentor_profile(programme, capacity=2, sectors=["62", "J"]),
        mentor_profile(programme, capacity=2, available=False, languages={"en": "C2", "de": "B2", "fr": "A2"}),
        mentor_profile(programme, capacity=None, country="", city=""),
        mentor_profile(programme, capacity=4, gender=Gender.UNSPECIFIED, support_qualities=["lgbtqi_friendly"]),
    ]
    Profile.objects.filter(pk=mentors[2].pk).update(verified_at=None)
    left_mentor = mentor_profile(programme, capacity=2)
    left_mentor.membership.left_at = timezone.now()
    left_mentor.membership.save()
    mentees = [
        mentee_profile(programme, languages={"ar": "C2", "de": "A2", "en": "B1"}, sectors=["86", "Q"]),
        mentee_profile(programme, woman_mentor_only=True, online_only=True, online=True),
        mentee_profile(programme),
        mentee_profile(programme, languages={"uk": "C2", "de": "B2"}, sectors=["62"], city="", country=""),
        mentee_profile(programme),
        mentee_profile(programme),
        mentee_profile(programme),
    ]
    Profile.objects.filter(pk=mentees[2].pk).update(goals=["job_search", "training"], goals_text="", availability=[])
    _sensitive(mentees[0], ["gbv_survivor", "children_school_hours"], consent=True)
    _sensitive(mentees[1], ["lgbtqi_identity"], consent=False)  # no consent: her needs count for nothing
    _sensitive(mentees[2], [], consent=True)
    left = mentee_profile(programme)
    left.membership.left_at = timezone.now()
    left.membership.save()
    busy = mentee_profile(programme)
    _open_match(programme, busy, mentors[0])  # an open match: not waiting
    _open_match(programme, mentees[4], mentors[5], state=MatchState.DECLINED)  # closed: still waiting
    other = ProgrammeFactory(name="Elsewhere")
    mentee_profile(other)
    mentor_profile(other)
    return {"programme": programme, "mentors": mentors, "mentees": mentees, "left": left, "busy": busy}


def _old_mentees(programme: Programme, only: Any = None) -> list[Any]:
    now = timezone.now()
    return adapter.mentee_records(programme, adapter.waiting_mentees(programme, only), now=now)


def test_set_based_records_equal_the_per_profile_ones(varied: dict[str, Any]) -> None:
    programme = varied["programme"]
    new_mentees = adapter.waiting_mentee_records(programme, now=timezone.now())
    old_mentees = _old_mentees(programme)
    assert new_mentees == old_mentees
    assert [list(m.languages.items()) for m in new_mentees] == [list(m.languages.items()) for m in old_mentees]
    ids = {m.id for m in new_mentees}
    assert str(varied["left"].pk) not in ids and str(varied["busy"].pk) not in ids and len(ids) == 7
    needs = {m.id: m for m in new_mentees}[str(varied["mentees"][0].pk)]
    assert needs.woman_mentor_only and "support:trauma_aware" in needs.goals  # her consented needs count
    assert "support:lgbtqi_friendly" not in {m.id: m for m in new_mentees}[str(varied["mentees"][1].pk)].goals

    only = [varied["mentees"][0].pk, varied["mentees"][3].pk, varied["busy"].pk]
    assert adapter.waiting_mentee_records(programme, only=only) == _old_mentees(programme, only)

    pool = adapter.mentor_pool(programme)
    loaded = list(adapter.mentors_with_load(programme))
    assert pool.records == [adapter.mentor_record(p) for p in loaded]
    assert [list(m.languages.items()) for m in pool.records] == [
        list(adapter.mentor_record(p).languages.items()) for p in loaded
    ]
    assert pool.remaining == {str(m.pk): max((m.capacity or 0) - m.open_matches, 0) for m in loaded}  # type: ignore[attr-defined]
    assert pool.remaining[str(varied["mentors"][0].pk)] == 2  # three places, one taken
    assert {m.kind for m in pool.records} == {"mentor", "employer"}


def _run(programme: Programme, by: User, **settings: Any) -> MatchingRun:
    run = services.run_start(programme=programme, by=by, now=timezone.now(), **settings)
    return services.run_execute(run_id=run.pk, clock=timezone.now)


def _rows(run: MatchingRun) -> list[dict[str, Any]]:
    """The stored proposals of a run, every column but the ones that differ from run to run."""
    skip = {"id", "created_at", "updated_at", "run"}
    fields = [f.attname for f in Match._meta.concrete_fields if f.name not in skip]
    return sorted(Match.objects.filter(run=run).values(*fields), key=lambda row: str(row["mentee_id"]))


def _expected(programme: Programme) -> list[dict[str, Any]]:
    """What the per-profile path wrote for the same run: the engine's pairs, in the old format."""
    mentors = list(adapter.mentors_with_load(programme))
    remaining = {str(m.pk): max((m.capacity or 0) - m.open_matches, 0) for m in mentors}  # type: ignore[attr-defined]
    config = adapter.config_for(programme, remaining=remaining)
    result = engine_api.match(
        _old_mentees(programme), [adapter.mentor_record(p) for p in mentors], config, mode="optimal"
    )
    rows = [
        {
            "mentee_id": a.mentee_id,
            "mentor_id": a.mentor_id,
            "score": round(a.score, 4),
            "parts": [{"name": name, "value": round(value, 4)} for name, value in a.parts.items()],
            "reasons": adapter.reasons_data(a.reasons),
            "alternatives": [
                {"mentor": c.mentor_id, "score": round(c.score, 4), "rank": c.rank}
                for c in result.alternatives.get(a.mentee_id, [])
            ],
        }
        for a in result.assignments
    ]
    assert rows, "the programme should give proposals"
    return sorted(rows, key=lambda row: row["mentee_id"])


def test_a_run_writes_exactly_the_engines_proposals(varied: dict[str, Any]) -> None:
    programme = varied["programme"]
    coordinator = coordinator_of(programme)
    expected = _expected(programme)
    run = _run(programme, coordinator)
    assert run.status == RunStatus.DONE and run.progress == 100
    stored = _rows(run)
    assert [
        {key: str(row[key]) if key.endswith("_id") else row[key] for key in expected[0]} for row in stored
    ] == expected
    assert all(
        row["state"] == MatchState.PROPOSED
        and row["source"] == MatchSource.ENGINE
        and row["programme_id"] == programme.pk
        for row in stored
    )
    assert run.counts["proposals"] == len(expected) and run.counts["mentees"] == 7


def test_many_proposals_are_copied_and_equal_the_bulk_created_ones(
    varied: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    programme = varied["programme"]
    coordinator = coordinator_of(programme)
    by_orm = _rows(_run(programme, coordinator))
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == len(by_orm)
    monkeypatch.setattr(services, "COPY_FROM", 1)
    with CaptureQueriesContext(connection) as queries:
        copied_run = _run(programme, coordinator)
    inserts = [q["sql"] for q in queries.captured_queries if 'INSERT INTO "mentoring_match"' in q["sql"]]
    if connection.vendor == "postgresql":
        assert inserts == []  # COPY goes around the query log
    else:
        assert len(inserts) == 1 and inserts[0].startswith(f"{len(by_orm)} times: ")  # one prepared INSERT
    copied = _rows(copied_run)
    assert copied == by_orm
    # the earlier run's proposals were replaced, and the copied rows read back like any other
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == len(by_orm)
    for match in Match.objects.filter(run=copied_run):
        assert match.created_at is not None and match.updated_at == match.created_at
        assert match.created_at <= timezone.now() + timedelta(seconds=1)
        assert match.offered_at is None and match.created_by_id is None and match.completed is False
    assert Match.objects.filter(run=copied_run).order_by("created_at").count() == len(copied)


@pytest.mark.parametrize("copy", [False, True])
def test_a_run_replaces_earlier_engine_proposals_of_its_mentees_only(
    varied: dict[str, Any], monkeypatch: pytest.MonkeyPatch, copy: bool
) -> None:
    if copy:
        monkeypatch.setattr(services, "COPY_FROM", 1)
    programme = varied["programme"]
    coordinator = coordinator_of(programme)
    mentees, mentors = varied["mentees"], varied["mentors"]

    def proposal(mentee: Profile, mentor: Profile, source: str = MatchSource.ENGINE) -> Match:
        return Match.objects.create(programme=programme, mentee=mentee, mentor=mentor, source=source, score=0.1)

    replaced = proposal(mentees[0], mentors[0])
    with_feedback = proposal(mentees[3], mentors[5])
    Feedback.objects.create(match=with_feedback, author=coordinator, author_role="coordinator", rating=3)
    kept_hand = proposal(mentees[0], mentors[2], source=MatchSource.HAND)  # unverified: never proposed again
    kept_other = proposal(mentees[2], mentors[0])
    run = _run(programme, coordinator, mentee_ids=[mentees[0].pk, mentees[3].pk])
    assert run.status == RunStatus.DONE
    remaining = set(Match.objects.filter(state=MatchState.PROPOSED).values_list("pk", flat=True))
    assert replaced.pk not in remaining and with_feedback.pk not in remaining
    assert not Feedback.objects.filter(match_id=with_feedback.pk).exists()  # deleted with its match, as before
    assert {kept_hand.pk, kept_other.pk} <= remaining
    assert set(Match.objects.filter(run=run).values_list("mentee_id", flat=True)) <= {mentees[0].pk, mentees[3].pk}


def test_progress_only_goes_forward_through_reading_the_engine_and_writing(
    varied: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, str]] = []
    writer = jobs.progress_writer

    def recording(running: Any, *, fields: Callable[[float, str], dict[str, Any]], **kw: Any) -> Any:
        def recorded(fraction: float, stage: str) -> dict[str, Any]:
            update = fields(fraction, stage)
            seen.append((update["progress"], update["status"]))
            return update

        return writer(running, fields=recorded, **kw)

    monkeypatch.setattr(jobs, "progress_writer", recording)
    run = _run(varied["programme"], coordinator_of(varied["programme"]))
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[0] == 0 and run.progress == 100
    assert {s for p, s in seen if p < 10} == {RunStatus.ENCODING}
    assert any(s == RunStatus.ASSIGNING for _, s in seen)
    assert {s for p, s in seen if p > 85} == {RunStatus.WRITING}


def _programme_of(n_mentees: int) -> Programme:
    programme = ProgrammeFactory()
    for i in range(n_mentees):
        mentee_profile(
            programme, languages={"ar": "C2", "de": ["A2", "B1", "B2"][i % 3]}, sectors=[["86", "62"][i % 2]]
        )
    for i in range(n_mentees // 3):
        mentor_profile(programme, capacity=1 + i % 3, sectors=[["86", "62", "47"][i % 3]])
    return programme


def test_the_queries_of_a_run_do_not_grow_with_the_programme() -> None:
    counts = []
    for size in (20, 60):
        programme = _programme_of(size)
        coordinator = coordinator_of(programme)
        run = services.run_start(programme=programme, by=coordinator, now=timezone.now())
        with CaptureQueriesContext(connection) as queries:
            run = services.run_execute(run_id=run.pk, clock=timezone.now)
        assert run.status == RunStatus.DONE and run.counts["proposals"] > 0
        # progress updates follow the engine's stages, not the number of people: count the rest
        counts.append(len([q for q in queries.captured_queries if "heartbeat_at" not in q["sql"]]))
    assert counts[0] == counts[1], counts
    assert counts[1] < 40
