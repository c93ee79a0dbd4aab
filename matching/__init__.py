"""Bridges' matching engine: explained pair scores, capacity-constrained assignment,
recommendations and peer-group formation. Plain Python: no Django, no Celery.

Mentoring::

    from matching import MatchingConfig, Mentee, Mentor, MentorIndex, explain, match

    result = match(mentees, mentors, MatchingConfig(min_score=0.3), mode="optimal", progress=callback)
    explain(mentee, mentor, config)          # one pair's score, parts and reasons
    MentorIndex(config).fit(mentors).recommend(mentee, k=5)
"""

from matching.api import match, validate_inputs
from matching.assignment import MODES
from matching.recommend import MentorIndex
from matching.records import (
    Assignment,
    Candidate,
    Explanation,
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
    "MatchResult",
    "MatchingConfig",
    "MatchingInputError",
    "Mentee",
    "Mentor",
    "MentorIndex",
    "Reason",
    "Recommendation",
    "ScorePart",
    "explain",
    "match",
    "validate_inputs",
]
