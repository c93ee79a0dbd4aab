"""A matching run with the programme's learning settings: the learned part scored in the run (exactly, and
shown as used), the monitored groups' rates with and without it, and the fairness guard with its cost."""

from datetime import date
from typing import Any

import numpy as np
import pytest
from django.utils import timezone
from threadpoolctl import threadpool_limits

from bench import synthetic
from common.errors import DomainError
from learning.models import LearnedModel, ModelStatus
from matching import MatchingConfig
from matching import api as engine_api
from matching.learning import (
    Outcome,
    SuccessModel,
    TrainingMinimums,
    assign_with_learning,
    predict_success,
    train_success_model,
)
from mentoring import engine as adapter
from mentoring import services
from mentoring.models import Match, MatchingRun, RunStatus
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose, ConsentRecord, SensitiveAttributes
from profiles.models import Profile
from programmes.models import Programme
from tests.backend.factories import ProgrammeFactory, coordinator_of
from tests.backend.mentoring.conftest import mentee_profile, mentor_profile

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def model() -> SuccessModel:
    """A model learned from a synthetic history in which pairs sharing a sector and goals led to work."""
    with threadpool_limits(1):
        rng = np.random.default_rng(5)
        config = MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS)
        mentors = synthetic.mentors(30, seed=5)
        mentees: list[Any] = []
        outcomes = []
        for round_number in range(2):
            people = synthetic.mentees(60, seed=50 + round_number, id_prefix=f"r{round_number}")
            for a in engine_api.match(people, mentors, config).assignments:
                p = 0.1 + 0.7 * a.parts["sector"] * (a.parts["goals"] > 0.2)
                outcomes.append(Outcome(a.mentee_id, a.mentor_id, bool(rng.random() < p), date(2026, 1, 1)))
            mentees += people
        small = TrainingMinimums(outcomes=60, per_class=15, mentors=10, folds=3)
        return train_success_model(mentees, mentors, outcomes, config, seed=0, minimums=small)


def _consent(profile: Profile, codes: list[str]) -> None:
    user = profile.membership.user
    SensitiveAttributes.objects.create(user=user, codes=codes)
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


@pytest.fixture
def programme() -> Programme:
    """Mentees in two cities and three sectors, fewer places than mentees; two told of their children."""
    programme = ProgrammeFactory(name="Learning")
    sectors = ["86", "62", "47"]
    for i in range(6):
        mentor_profile(
            programme,
            capacity=1 + i % 2,
            sectors=[sectors[i % 3]],
            city=["Berlin", "Köln"][i % 2],
            languages={"de": "C2", "ar": "B2"} if i % 2 else {"de": "C2", "uk": "C1"},
        )
    for i in range(14):
        mentee = mentee_profile(
            programme,
            sectors=[sectors[(i * 2) % 3]],
            city=["Berlin", "Köln", "Bonn"][i % 3],
            languages={"ar": "C2", "de": ["B1", "B2"][i % 2]} if i % 2 else {"uk": "C2", "de": "B1"},
        )
        user = mentee.membership.user
        user.preferred_language = ["ar", "uk", "de"][i % 3]
        user.save(update_fields=["preferred_language"])
        if i in (0, 3):
            _consent(mentee, ["children_school_hours"])
        if i == 6:
            SensitiveAttributes.objects.create(user=user, codes=["children_school_hours"])  # no consent
    return programme


def _store(programme: Programme, model: SuccessModel) -> None:
    LearnedModel.objects.create(
        programme=programme,
        version=1,
        target="work_6m",
        status=ModelStatus.READY,
        started_at=timezone.now(),
        trained_at=timezone.now(),
        model_bytes=model.to_bytes(),
        card=dict(model.card),
    )


def _settings(programme: Programme, **values: Any) -> None:
    programme.matching_settings = {**(programme.matching_settings or {}), **values}
    programme.save(update_fields=["matching_settings"])


def _run(programme: Programme, **settings: Any) -> MatchingRun:
    run = services.run_start(programme=programme, by=coordinator_of(programme), now=timezone.now(), **settings)
    return services.run_execute(run_id=run.pk, clock=timezone.now)


def _records(programme: Programme) -> tuple[list[Any], list[Any], MatchingConfig]:
    mentees = adapter.waiting_mentee_records(programme, now=timezone.now())
    pool = adapter.mentor_pool(programme)
    return mentees, pool.records, adapter.config_for(programme, remaining=pool.remaining)


def _parts(match: Match) -> dict[str, float]:
    return {part["name"]: part["value"] for part in match.parts}


def test_a_run_scores_with_the_learned_part_exactly_and_shows_it(programme: Programme, model: SuccessModel) -> None:
    _store(programme, model)
    _settings(programme, learned_weight=1.5, outcome_target="work_6m")
    mentees, mentors, config = _records(programme)
    reference = assign_with_learning(mentees, mentors, config, model=model, weight=1.5)

    run = _run(programme)

    assert run.status == RunStatus.DONE
    assert run.learning["used"] is True and run.learning["model_version"] == 1
    assert run.learning["base_rate"] == pytest.approx(model.card["success_rate"])
    assert run.certificate["proven"] is True
    proposals = list(Match.objects.filter(run=run))
    assert sum(m.score for m in proposals) == pytest.approx(reference.objective, abs=1e-3)
    p = predict_success(model, mentees, mentors, [(str(m.mentee_id), str(m.mentor_id)) for m in proposals])
    weights = run.settings["weights"]
    for match, expected in zip(proposals, p.tolist(), strict=True):
        parts = _parts(match)
        assert parts["learned"] == pytest.approx(expected, abs=1e-4)
        hand = sum(weights[name] * value for name, value in parts.items() if name != "learned")
        assert match.score == pytest.approx(hand + 1.5 * parts["learned"], abs=1e-3)
        learned = [r for r in match.reasons if r["code"] == "learned_success"]
        if parts["learned"] >= model.card["success_rate"] + 0.06:
            assert learned and learned[0]["params"]["target"] == "work_6m"
        elif parts["learned"] < model.card["success_rate"] + 0.04:
            assert learned == []
    assert any(r["code"] == "learned_success" for m in proposals for r in m.reasons)
    # the coordinator's explanation of a proposal shows the learned part as the run used it
    shown = adapter.explanation_as_proposed(programme, proposals[0].mentee, proposals[0].mentor)
    assert shown["score"] == proposals[0].score
    assert sum(part["contribution"] for part in shown["parts"]) == pytest.approx(proposals[0].score, abs=2e-3)
    assert "learned" in {part["name"] for part in shown["parts"]}


def test_weight_zero_or_no_ready_model_runs_on_the_hand_weights(programme: Programme, model: SuccessModel) -> None:
    plain = _run(programme)
    plain_rows = sorted((str(m.mentee_id), str(m.mentor_id), m.score) for m in Match.objects.filter(run=plain))
    assert plain.learning == {}

    _settings(programme, learned_weight=1.0)  # no ready model yet
    unready = _run(programme)
    assert unready.learning["used"] is False
    assert all("learned" not in _parts(m) for m in Match.objects.filter(run=unready))

    _store(programme, model)
    _settings(programme, learned_weight=0.0)
    zero = _run(programme)
    assert zero.learning == {}
    rows = sorted((str(m.mentee_id), str(m.mentor_id), m.score) for m in Match.objects.filter(run=zero))
    assert rows == plain_rows


def test_monitored_groups_are_reported_with_and_without_the_learned_part(
    programme: Programme, model: SuccessModel
) -> None:
    _store(programme, model)
    _settings(programme, learned_weight=2.0, monitored_groups=["mentee_language", "childcare", "city"])

    run = _run(programme)

    made, without = run.learning["made"], run.learning["without_learned"]
    assert set(made["groups"]) == {"mentee_language", "childcare", "city"}
    assert set(made["groups"]["mentee_language"]) == {"ar", "uk", "de"}
    assert set(made["groups"]["city"]) == {"Berlin", "Köln", "Bonn"}
    # only the two whose consent is in force count as having said so
    childcare = made["groups"]["childcare"]
    assert childcare["yes"]["mentees"] == 2 and childcare["not_said"]["mentees"] == 12
    for report in (made, without):
        for groups in report["groups"].values():
            assert sum(g["mentees"] for g in groups.values()) == 14
            assert sum(g["matched"] for g in groups.values()) == report["matched"]
            for g in groups.values():
                expected = g["matched"] / g["matchable"] if g["matchable"] else 0
                assert g["match_rate"] == pytest.approx(expected, abs=1e-4)
                assert 0.0 <= g["predicted_success"] <= 1.0
    assert made["matched"] == Match.objects.filter(run=run).count()
    # the learned part is what the run maximises besides the hand score: it does not expect fewer successes
    assert made["expected_successes"] >= without["expected_successes"] - 1e-6


def test_the_fairness_guard_sets_the_pairs_and_reports_its_cost(
    programme: Programme, model: SuccessModel, as_user: Any
) -> None:
    _store(programme, model)
    _settings(programme, learned_weight=1.0, monitored_groups=["city"], fairness_min_share=0.9, fairness_group="city")
    mentees, mentors, config = _records(programme)
    labels = adapter.group_labels(programme, [m.id for m in mentees], ["city"], now=timezone.now())
    expected = assign_with_learning(
        mentees, mentors, config, model=model, weight=1.0, monitored=labels, min_share=0.9, guard_by="city"
    )

    run = _run(programme)

    pairs = sorted((str(m.mentee_id), str(m.mentor_id)) for m in Match.objects.filter(run=run))
    assert pairs == sorted(expected.pairs)
    guard = run.learning["guard"]
    assert guard["grouping"] == "city" and guard["min_share"] == 0.9
    assert guard["cost_in_total_score"] == pytest.approx(expected.guard["cost_in_total_score"])
    groups = run.learning["made"]["groups"]["city"]
    matched = sum(g["matched"] for g in groups.values())
    matchable = sum(g["matchable"] for g in groups.values())
    for g in groups.values():
        if g["matchable"]:
            assert g["matched"] >= 0.9 * g["matchable"] * matched / matchable - 1e-9
    # the coordinator's run page carries the report and the guard's cost
    shown = as_user(coordinator_of(programme)).get(f"/api/v1/runs/{run.pk}/").json()
    assert shown["learning"]["guard"]["cost_in_total_score"] == guard["cost_in_total_score"]
    assert shown["learning"]["made"]["groups"]["city"].keys() == groups.keys()
    # a mentee the guard leaves out that the unguarded run would have matched says why
    reasons = {code for found in run.unmatched.values() for code in (r["code"] for r in found)}
    assert reasons <= {"candidates_at_capacity", "free_mentors_not_candidates", "free_mentors_zero_score",
                       "fairness_guard", "no_eligible_mentor", "no_shared_working_language"}  # fmt: skip


def test_a_guard_too_large_or_in_another_mode_is_refused_at_the_start(
    programme: Programme, monkeypatch: pytest.MonkeyPatch, as_user: Any
) -> None:
    _settings(programme, monitored_groups=["city"], fairness_min_share=0.8)
    with pytest.raises(DomainError, match="best total score"):
        _run(programme, mode="greedy")
    monkeypatch.setattr(adapter, "GUARD_MAX_PAIRS", 10)
    with pytest.raises(DomainError, match="at most 10 mentee–mentor pairs, and this run has 84"):
        _run(programme)
    response = as_user(coordinator_of(programme)).post(f"/api/v1/programmes/{programme.pk}/runs/", {}, format="json")
    assert response.status_code == 400
    assert "Switch the guard off in the learning settings" in str(response.json())
    assert not MatchingRun.objects.filter(programme=programme).exists()
    _settings(programme, fairness_min_share=None)
    assert _run(programme).status == RunStatus.DONE


def _blended(programme: Programme, model: SuccessModel, mentee: Profile, mentor: Profile, weight: float) -> float:
    """The score a run with the learned part gives the pair: the hand score plus weight·p."""
    mentees, mentors, config = _records(programme)
    hand = engine_api.match(
        [m for m in mentees if m.id == str(mentee.pk)], [m for m in mentors if m.id == str(mentor.pk)], config
    )
    [assignment] = hand.assignments
    [p] = predict_success(model, mentees, mentors, [(str(mentee.pk), str(mentor.pk))]).tolist()
    return assignment.score + weight * p


def test_recommendations_explanations_and_hand_matches_score_as_a_run_does(
    programme: Programme, model: SuccessModel
) -> None:
    """Every score shown for a pair is the score a run would use: with the learned part on, a recommendation, the
    explanation of a pair not proposed and a pair made by hand all add weight·p, and a recommendation is the best
    of those explanations over every mentor."""
    _store(programme, model)
    _settings(programme, learned_weight=1.5, outcome_target="work_6m")
    mentee = Profile.objects.filter(membership__programme=programme, membership__role="mentee").order_by("pk")[1]
    mentors = list(Profile.objects.filter(membership__programme=programme, membership__role__in=["mentor"]))

    recommendations = adapter.recommend(programme, mentee, k=3)

    assert recommendations
    explained = {str(m.pk): adapter.explain_pair(programme, mentee, m) for m in mentors}
    eligible = sorted(((-e.score, mentor_id) for mentor_id, e in explained.items() if e.eligible))
    assert [r.mentor_id for r in recommendations] == [mentor_id for _, mentor_id in eligible[:3]]
    for recommendation in recommendations:
        mentor = next(m for m in mentors if str(m.pk) == recommendation.mentor_id)
        shown = explained[recommendation.mentor_id]
        assert recommendation.score == pytest.approx(shown.score, abs=1e-6)
        assert shown.score == pytest.approx(_blended(programme, model, mentee, mentor, 1.5), abs=1e-4)
        assert "learned" in {part.name for part in recommendation.explanation.parts}

    best = next(m for m in mentors if str(m.pk) == recommendations[0].mentor_id)
    made = services.match_create_by_hand(
        programme=programme, mentee=mentee, mentor=best, by=coordinator_of(programme), now=timezone.now()
    )
    assert made.score == pytest.approx(recommendations[0].score, abs=1e-4)
    assert "learned" in _parts(made)


def test_a_proposal_of_a_run_without_the_learned_part_is_explained_as_that_run_scored_it(
    programme: Programme, model: SuccessModel
) -> None:
    run = _run(programme)
    proposal = Match.objects.filter(run=run).order_by("pk").first()
    assert proposal is not None
    _store(programme, model)
    _settings(programme, learned_weight=1.5)

    shown = adapter.explanation_as_proposed(programme, proposal.mentee, proposal.mentor)

    assert shown["score"] == proposal.score
    assert "learned" not in {part["name"] for part in shown["parts"]}
    assert not any(reason["code"] == "learned_success" for reason in shown["reasons"])
    assert sum(part["contribution"] for part in shown["parts"]) == pytest.approx(proposal.score, abs=2e-3)


def test_the_what_if_scores_as_a_run_does_and_previews_the_learned_weight(
    programme: Programme, model: SuccessModel
) -> None:
    from mentoring import what_if

    _store(programme, model)
    _settings(programme, learned_weight=1.5, outcome_target="work_6m")
    run = _run(programme)
    now = timezone.now()
    mentees, pool = what_if._run_people(programme, run, now)
    config = adapter.config_for(programme, remaining=pool.remaining)

    same = what_if.what_if(programme=programme, changes={}, now=now)
    off = what_if.what_if(programme=programme, changes={"learned_weight": 0.0}, now=now)

    # the saved settings score with the learned part, as the run did
    assert same.before.total_score == pytest.approx(sum(m.score for m in Match.objects.filter(run=run)), abs=1e-3)
    assert same.after == same.before
    plain = engine_api.match(mentees, pool.records, config)
    assert off.after.total_score == pytest.approx(sum(a.score for a in plain.assignments), abs=1e-3)
    assert off.before == same.before

    _settings(programme, learned_weight=0.0)
    with pytest.raises(DomainError):
        LearnedModel.objects.all().delete()
        what_if.what_if(programme=programme, changes={"learned_weight": 0.5}, now=timezone.now())
