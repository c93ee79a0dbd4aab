"""The what-if of a settings change: the engine run again on the people of the programme's last run, once with the
saved settings and once with the changed ones, so a coordinator sees what a change does before saving it.
Nothing is written."""

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from django.utils.translation import gettext

from common.errors import Conflict, DomainError
from matching import api as engine
from matching.records import LearnedPart, MatchingConfig, MatchingInputError, MatchResult, Mentee
from mentoring import engine as adapter
from mentoring.models import OPEN_STATES, MatchingRun, RunStatus
from programmes.models import Programme, ProgrammeKind
from programmes.services import matching_settings_merge

PREVIEW_MAX_MENTEES = 1500
"""Above this many mentees in the last run, a preview (two runs of the engine while the coordinator waits) is
refused in plain words rather than holding a web process: measured on the 2-core reference machine under load,
600 mentees took 2.5 s, 1,500 took 9 s and 3,000 took 25 s."""

PREVIEW_LEARNED_MAX_PAIRS = 300_000
"""With the learned part on either side, a preview predicts every eligible pair's success twice; above this many
mentee × mentor pairs it is refused in plain words (a gradient-boosting model predicts about 20–80 µs a pair on the
2-core reference machine: 300,000 pairs twice take up to about 50 s in the worst case measured)."""

PREVIEW_PROOF_SECONDS = 5.0
"""Each of the two runs proves its optimum for at most this long (a demo-size run needs well under a second)."""


@dataclass(frozen=True)
class Outcome:
    proposals: int
    matched: int
    match_rate: float
    total_score: float


@dataclass(frozen=True)
class WhatIf:
    run: MatchingRun
    mentees: int
    before: Outcome
    after: Outcome
    pairs_added: int
    pairs_removed: int
    mentees_changed: int
    differs_from_last_run: int
    """Proposals of the last run that the saved settings would not make again today (people and answers changed
    since): the preview compares like with like, on today's people, and says so."""
    seconds: float


def _outcome(result: MatchResult, mentees: int) -> Outcome:
    matched = len(result.assignments)
    return Outcome(
        proposals=matched,
        matched=matched,
        match_rate=round(matched / mentees, 4) if mentees else 0.0,
        total_score=round(sum(assignment.score for assignment in result.assignments), 4),
    )


def _pairs(result: MatchResult) -> dict[str, str]:
    return {assignment.mentee_id: assignment.mentor_id for assignment in result.assignments}


def last_run(programme: Programme) -> MatchingRun | None:
    return MatchingRun.objects.filter(programme=programme, status=RunStatus.DONE).order_by("-created_at").first()


def _too_many(limit: int) -> str:
    return gettext(
        "The last run had more than %(limit)s mentees: too many to preview while you wait. Save the change "
        "and start a new run to see its effect."
    ) % {"limit": limit}


def _run_people(programme: Programme, run: MatchingRun, now: datetime) -> tuple[list[Mentee], adapter.MentorPool]:
    """The last run's mentees (those it proposed for and those it left unmatched) who still take part, and the
    mentors now, each with the places that run's pairs took since given back."""
    proposals = list(run.proposals.values_list("mentee_id", "mentor_id", "state"))
    mentee_ids = {str(mentee) for mentee, _mentor, _state in proposals} | set(run.unmatched)
    if len(mentee_ids) > PREVIEW_MAX_MENTEES:
        raise Conflict(_too_many(PREVIEW_MAX_MENTEES))
    mentees = adapter.waiting_mentee_records(
        programme, only=[UUID(pk) for pk in sorted(mentee_ids)], now=now, waiting_only=False
    )
    pool = adapter.mentor_pool(programme)
    taken = Counter(str(mentor) for _mentee, mentor, state in proposals if state in OPEN_STATES)
    capacity = {mentor.id: mentor.capacity for mentor in pool.records}
    remaining = {
        mentor: min(free + taken.get(mentor, 0), capacity.get(mentor, free)) for mentor, free in pool.remaining.items()
    }
    return mentees, adapter.MentorPool(records=pool.records, remaining=remaining)


def _match(
    mentees: Sequence[Mentee], pool: adapter.MentorPool, config: MatchingConfig, mode: str, learned: LearnedPart | None
) -> MatchResult:
    try:
        return engine.match(mentees, pool.records, config, mode=mode, learned=learned)
    except MatchingInputError as error:
        raise DomainError(gettext("The profiles could not be matched: %(error)s") % {"error": error}) from None


def what_if(*, programme: Programme, changes: dict[str, Any], now: datetime) -> WhatIf:
    """How the last run's proposals, total score and match rate would move with ``changes`` (minimum language
    level, minimum score, weights, the learned part's weight) instead of the saved settings. Both sides score as a
    run would: with the programme's learned part (its saved weight and latest ready model) where it has one."""
    if programme.kind != ProgrammeKind.MENTORING:
        raise DomainError(gettext("A preview of matching settings is for mentoring programmes."))
    run = last_run(programme)
    if run is None:
        raise Conflict(
            gettext(
                "Run matching once first: the preview tries your changes on the people of the last run, and this "
                "programme has no finished run yet."
            )
        )
    merged = matching_settings_merge(programme=programme, changes=changes)
    started = time.perf_counter()
    mentees, pool = _run_people(programme, run, now)
    mode = run.settings.get("mode") or "optimal"
    run_min_score = run.settings.get("min_score")
    before_config = adapter.config_for(
        programme, remaining=pool.remaining, min_score=run_min_score, proof_seconds=PREVIEW_PROOF_SECONDS
    )
    after_config = replace(
        before_config,
        weights=merged.get("weights", before_config.weights),
        min_language_level=merged.get("min_language_level", before_config.min_language_level),
        min_score=changes.get("min_score", before_config.min_score),
    )
    learned_before = adapter.learned_part(programme)
    learned_after = learned_before
    if changes.get("learned_weight") is not None:
        learned_after = adapter.learned_part(programme, float(changes["learned_weight"]))
        if changes["learned_weight"] > 0 and learned_after is None:
            raise DomainError(
                gettext("There is no trained model yet: train one on the model page before giving it a weight."),
                field="learned_weight",
            )
    if (learned_before or learned_after) and len(mentees) * len(pool.records) > PREVIEW_LEARNED_MAX_PAIRS:
        # the same words as the limit on mentees: with the learned part, the limit is lower
        raise Conflict(_too_many(PREVIEW_LEARNED_MAX_PAIRS // max(1, len(pool.records))))
    before = _match(mentees, pool, before_config, mode, learned_before)
    after = _match(mentees, pool, after_config, mode, learned_after)
    before_pairs, after_pairs = _pairs(before), _pairs(after)
    old, new = set(before_pairs.items()), set(after_pairs.items())
    stored = {(str(mentee), str(mentor)) for mentee, mentor in run.proposals.values_list("mentee_id", "mentor_id")}
    return WhatIf(
        run=run,
        mentees=len(mentees),
        before=_outcome(before, len(mentees)),
        after=_outcome(after, len(mentees)),
        pairs_added=len(new - old),
        pairs_removed=len(old - new),
        mentees_changed=sum(
            1 for mentee in {*before_pairs, *after_pairs} if before_pairs.get(mentee) != after_pairs.get(mentee)
        ),
        differs_from_last_run=len(stored - old),
        seconds=round(time.perf_counter() - started, 3),
    )
