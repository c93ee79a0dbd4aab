"""A programme's success model through the API: refused below the minimums with how many more it needs, trained,
stored, versioned and loaded back for runs; the walls (another programme's coordinator gets the unknown-id
answer); one training at a time; the learning settings and their plain-language refusals; pooled outcomes only
from the programmes that pool theirs; the weekly retraining."""

import random
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from learning import tasks
from learning.demo import outcome_history_seed
from learning.models import LearnedModel, ModelStatus
from learning.selectors import active_model, learning_settings
from matching.learning import SuccessModel
from privacy.models import ConsentPurpose, ConsentRecord
from programmes.models import Programme, Role
from tests.backend.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    ProgrammeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

SECTORS = ["86", "62", "56", "41", "85"]
LANGUAGES = ["ar", "uk", "fa", "en"]


def populate(programme: Programme, mentees: int, mentors: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for role, count in ((Role.MENTEE, mentees), (Role.MENTOR, mentors)):
        for _ in range(count):
            native = rng.choice(LANGUAGES)
            ProfileFactory(
                membership=MembershipFactory(programme=programme, role=role),
                languages={"de": rng.choice(["A2", "B1", "B2", "C1"]), native: "C2"},
                sectors=[rng.choice(SECTORS)],
                goals=rng.sample(["job_search", "cv_review", "networking"], 2),
                capacity=3 if role == Role.MENTOR else None,
            )


def seeded(mentees: int, mentors: int, matches: int, **programme: Any) -> Programme:
    found = ProgrammeFactory(**programme)
    populate(found, mentees, mentors)
    outcome_history_seed(programme=found, now=timezone.now(), matches=matches)
    return found


@pytest.fixture
def train(client_for: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """POST train as ``user`` and run the task queued after the commit."""

    def call(user: User, programme: Programme) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).post(f"/api/v1/programmes/{programme.pk}/model/train/")

    return call


def model_of(client_for: Any, user: User, programme: Programme) -> dict[str, Any]:
    response = client_for(user).get(f"/api/v1/programmes/{programme.pk}/model/")
    assert response.status_code == 200, response.data
    return response.json()


def test_below_the_minimums_it_refuses_and_says_how_many_more_it_needs(client_for: Any, train: Any) -> None:
    programme = seeded(12, 6, 30)
    cora = coordinator_of(programme)
    assert model_of(client_for, cora, programme)["status"] == "none"

    assert train(cora, programme).status_code == 202

    body = model_of(client_for, cora, programme)
    assert body["status"] == "refused"
    assert body["card"] is None and body["model"] is None
    readiness = body["readiness"]
    assert readiness["outcomes"] == 30
    assert readiness["more_needed"]["outcomes"] == 170
    assert readiness["more_needed"]["mentors"] == 20 - readiness["mentors"]
    assert readiness["more_needed"]["successes"] == max(0, 40 - readiness["successes"])
    assert readiness["minimums"] == {"outcomes": 200, "successes": 40, "non_successes": 40, "mentors": 20}
    assert active_model(programme) is None


def test_a_ready_model_is_stored_versioned_and_loaded_back_for_runs(client_for: Any, train: Any) -> None:
    programme = seeded(70, 30, 260)
    cora = coordinator_of(programme)

    assert train(cora, programme).status_code == 202
    first = model_of(client_for, cora, programme)
    assert first["status"] == "ready"
    card = first["card"]
    assert card["outcomes"] == 260 and card["mentors"] >= 20
    assert 0.5 < card["metrics"]["auc"] <= 1.0  # the seeded pattern is there to be found
    assert card["calibration_curve"] and card["feature_effects"]
    assert first["backtest"]["skipped"] is None
    assert first["backtest"]["pairs_made"] > 0
    low, high = first["backtest"]["interval"]
    assert low <= high

    # her mentees withdraw their consent to learn from their outcomes: the next attempt is refused, and the
    # model in use stays the latest ready one
    ConsentRecord.objects.filter(programme=programme, purpose=ConsentPurpose.IMPROVE_MATCHING).update(
        withdrawn_at=timezone.now()
    )
    assert train(cora, programme).status_code == 202
    second = model_of(client_for, cora, programme)
    assert [(v["version"], v["status"]) for v in second["versions"]] == [(2, "refused"), (1, "ready")]
    assert second["status"] == "refused" and second["readiness"]["outcomes"] == 0
    assert second["model"]["version"] == 1 and second["card"] == first["card"]
    assert second["versions"][1]["scheduled"] is False

    loaded = active_model(programme)
    assert isinstance(loaded, SuccessModel)
    stored = LearnedModel.objects.get(programme=programme, version=1)
    assert loaded.card["outcomes"] == stored.card["outcomes"] == 260
    assert active_model(programme) is loaded  # cached per process


def test_only_its_coordinators_see_or_train_the_model(client_for: Any, train: Any) -> None:
    programme = ProgrammeFactory()
    other = ProgrammeFactory()
    stranger = coordinator_of(other)
    mentee = MembershipFactory(programme=programme, role=Role.MENTEE).user
    for user in (stranger, mentee):
        assert client_for(user).get(f"/api/v1/programmes/{programme.pk}/model/").status_code == 404
        assert train(user, programme).status_code == 404
    assert not LearnedModel.objects.exists()


def test_a_second_training_while_one_runs_is_refused(client_for: Any, train: Any) -> None:
    programme = ProgrammeFactory()
    cora = coordinator_of(programme)
    LearnedModel.objects.create(
        programme=programme, version=1, target="work_6m", started_at=timezone.now(), status=ModelStatus.TRAINING
    )
    response = train(cora, programme)
    assert response.status_code == 409
    assert "already" in str(response.data)
    assert LearnedModel.objects.filter(programme=programme).count() == 1


def fields(response: Any) -> set[str]:
    return {str(error.get("attr")).split(".")[0] for error in response.data["errors"]}


def patch(client_for: Any, user: User, programme: Programme, data: dict[str, Any]) -> Any:
    return client_for(user).patch(f"/api/v1/programmes/{programme.pk}/", data, format="json")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"learned_weight": 1.5}, "learned_weight"),
        ({"learned_weight": "much"}, "learned_weight"),
        ({"outcome_target": "happiness"}, "outcome_target"),
        ({"pool_outcomes": "yes"}, "pool_outcomes"),
        ({"monitored_groups": ["religion"]}, "monitored_groups"),
        ({"monitored_groups": ["city", "city"]}, "monitored_groups"),
        ({"fairness_min_share": 0.3, "monitored_groups": ["city"]}, "fairness_min_share"),
        ({"fairness_min_share": 0.8, "monitored_groups": ["city"], "fairness_group": "childcare"}, "fairness_group"),
        ({"fairness_min_share": 0.8}, "fairness_group"),
    ],
)
def test_learning_settings_refuse_bad_values_naming_the_field(
    client_for: Any, data: dict[str, Any], field: str
) -> None:
    programme = ProgrammeFactory()
    response = patch(client_for, coordinator_of(programme), programme, data)
    assert response.status_code == 400, response.data
    assert field in fields(response)
    assert learning_settings(programme).min_share is None


def test_a_learned_weight_needs_a_trained_model(client_for: Any) -> None:
    programme = ProgrammeFactory()
    cora = coordinator_of(programme)
    response = patch(client_for, cora, programme, {"learned_weight": 0.4})
    assert response.status_code == 400
    assert fields(response) == {"learned_weight"}

    LearnedModel.objects.create(
        programme=programme,
        version=1,
        target="work_6m",
        started_at=timezone.now(),
        status=ModelStatus.READY,
        model_bytes=b"stored",
    )
    assert patch(client_for, cora, programme, {"learned_weight": 0.4}).status_code == 200


def test_learning_settings_are_saved_shown_and_read_by_runs(client_for: Any) -> None:
    programme = ProgrammeFactory()
    cora = coordinator_of(programme)
    shown = client_for(cora).get(f"/api/v1/programmes/{programme.pk}/settings/").json()
    assert shown["learned_weight"] == 0.0
    assert shown["outcome_target"] == "work_or_training_6m"
    assert shown["pool_outcomes"] is False and shown["fairness_min_share"] is None

    response = patch(
        client_for,
        cora,
        programme,
        {
            "outcome_target": "work_6m",
            "pool_outcomes": True,
            "monitored_groups": ["mentee_language", "city"],
            "fairness_min_share": 0.8,
            "fairness_group": "city",
        },
    )
    assert response.status_code == 200, response.data
    shown = client_for(cora).get(f"/api/v1/programmes/{programme.pk}/settings/").json()
    assert shown["monitored_groups"] == ["mentee_language", "city"]
    assert shown["fairness_min_share"] == 0.8
    programme.refresh_from_db()
    assert learning_settings(programme) == learning_settings(programme).__class__(
        weight=0.0, target="work_6m", pooled=True, monitored=("mentee_language", "city"), min_share=0.8, guard_by="city"
    )

    peer_network = ProgrammeFactory(kind="peer_network")
    response = patch(client_for, coordinator_of(peer_network), peer_network, {"pool_outcomes": True})
    assert response.status_code == 400 and fields(response) == {"pool_outcomes"}


def test_pooled_training_uses_only_the_programmes_that_pool(client_for: Any, train: Any) -> None:
    organisation = OrganisationFactory()
    pooling = seeded(10, 5, 20, organisation=organisation, matching_settings={"pool_outcomes": True})
    partner = seeded(10, 5, 15, organisation=organisation, matching_settings={"pool_outcomes": True})
    seeded(10, 5, 25, organisation=organisation)  # keeps its outcomes to itself
    seeded(10, 5, 30, matching_settings={"pool_outcomes": True})  # another organisation's
    cora = coordinator_of(pooling)

    train(cora, pooling)
    body = model_of(client_for, cora, pooling)
    assert body["readiness"]["outcomes"] == 35
    assert body["latest"]["pooled"] is True and body["latest"]["programmes"] == 2
    stored = LearnedModel.objects.get(programme=pooling)
    assert stored.outcomes_by_programme == {str(pooling.pk): 20, str(partner.pk): 15}

    alone = coordinator_of(partner)
    patch(client_for, alone, partner, {"pool_outcomes": False})
    train(alone, partner)
    assert model_of(client_for, alone, partner)["readiness"]["outcomes"] == 15


def test_the_weekly_retraining_trains_programmes_with_outcomes() -> None:
    with_outcomes = seeded(10, 5, 20)
    without = ProgrammeFactory()
    assert tasks.retrain_models() == 1
    attempt = LearnedModel.objects.get(programme=with_outcomes)
    assert attempt.status == ModelStatus.REFUSED
    assert attempt.requested_by is None
    assert not LearnedModel.objects.filter(programme=without).exists()
    assert tasks.retrain_models() == 0  # trained this week already
    assert LearnedModel.objects.filter(programme=with_outcomes).count() == 1
