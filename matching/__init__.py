"""Bridges' matching engine: explained pair scores, capacity-constrained assignment,
recommendations and peer-group formation. Plain Python: no Django, no Celery.

Mentoring::

    from matching import MatchingConfig, Mentee, Mentor, MentorIndex, explain, match

    result = match(mentees, mentors, MatchingConfig(min_score=0.3), mode="optimal", progress=callback)
    explain(mentee, mentor, config)          # one pair's score, parts and reasons
    MentorIndex(config).fit(mentors).recommend(mentee, k=5)

Peer groups::

    from matching import FrontlineWorker, GroupConfig, describe_groups, form_groups

    result = form_groups(workers, GroupConfig(min_size=4, max_size=8), progress=callback)
    describe_groups([group.members for group in result.groups], workers)   # after moving people by hand
"""

from matching.api import match, validate_inputs
from matching.assignment import MODES
from matching.groups import describe_groups, form_groups
from matching.recommend import MentorIndex
from matching.records import (
    Assignment,
    Candidate,
    Explanation,
    FrontlineWorker,
    GroupConfig,
    MatchingConfig,
    MatchingInputError,
    MatchResult,
    Mentee,
    Mentor,
    Reason,
    Recommendation,
    ScorePart,
)
from matching.scoring import explain

__all__ = [
    "MODES",
    "Assignment",
    "Candidate",
    "Explanation",
    "FrontlineWorker",
    "GroupConfig",
    "MatchResult",
    "MatchingConfig",
    "MatchingInputError",
    "Mentee",
    "Mentor",
    "MentorIndex",
    "Reason",
    "Recommendation",
    "ScorePart",
    "describe_groups",
    "explain",
    "form_groups",
    "match",
    "validate_inputs",
]
