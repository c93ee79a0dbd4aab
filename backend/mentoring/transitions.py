"""The match life cycle: the one table of allowed transitions, by action, source state and role.

proposed --approve--> offered --accept--> active --end/complete--> closed
proposed --reject--> rejected;  offered --decline--> declined;  offered --expire--> expired
"""

from dataclasses import dataclass

from common.errors import Conflict, NotAllowed
from mentoring.models import MatchState


@dataclass(frozen=True)
class Transition:
    source: MatchState
    target: MatchState
    roles: frozenset[str]


TRANSITIONS: dict[str, Transition] = {
    "approve": Transition(MatchState.PROPOSED, MatchState.OFFERED, frozenset({"coordinator"})),
    "reject": Transition(MatchState.PROPOSED, MatchState.REJECTED, frozenset({"coordinator"})),
    "accept": Transition(MatchState.OFFERED, MatchState.ACTIVE, frozenset({"mentor"})),
    "decline": Transition(MatchState.OFFERED, MatchState.DECLINED, frozenset({"mentor", "mentee"})),
    "expire": Transition(MatchState.OFFERED, MatchState.EXPIRED, frozenset({"system"})),
    "end": Transition(MatchState.ACTIVE, MatchState.CLOSED, frozenset({"mentee", "mentor", "coordinator"})),
    "complete": Transition(MatchState.ACTIVE, MatchState.CLOSED, frozenset({"system", "coordinator"})),
}

_VERBS = {
    "approve": "approved",
    "reject": "rejected",
    "accept": "accepted",
    "decline": "declined",
    "expire": "expired",
    "end": "ended",
    "complete": "completed",
}


class InvalidTransition(Conflict):
    """The match is not in a state this action applies to."""


def check_transition(action: str, *, state: str, role: str) -> Transition:
    """The transition for ``action`` if ``role`` may take it from ``state``; otherwise a plain refusal."""
    transition = TRANSITIONS[action]
    if role not in transition.roles:
        who = " or ".join(sorted(transition.roles))
        raise NotAllowed(f"Only the {who} can do this.")
    if state != transition.source:
        raise InvalidTransition(
            f"This pairing is {MatchState(state).label.lower()}, so it cannot be {_VERBS[action]} now."
        )
    return transition
