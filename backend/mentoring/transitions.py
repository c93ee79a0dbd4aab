"""The match life cycle: the one table of allowed transitions, by action, source states and role.

proposed --approve--> offered --accept--> active --end/complete--> closed
proposed --reject--> rejected;  offered --decline--> declined;  offered --expire--> expired
offered --withdraw (the programme closes: the offer ends early, as an unanswered one does)--> expired
offered/active --pause (a safety report)--> paused --resume (coordinator)--> the state it was paused from
paused --end--> closed
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from common.errors import Conflict, NotAllowed
from mentoring.models import MatchState


@dataclass(frozen=True)
class Transition:
    sources: frozenset[MatchState]
    target: MatchState | None
    """None: back to the state the match was paused from (``Match.paused_from``)."""
    roles: frozenset[str]


def _from(*states: MatchState) -> frozenset[MatchState]:
    return frozenset(states)


TRANSITIONS: dict[str, Transition] = {
    "approve": Transition(_from(MatchState.PROPOSED), MatchState.OFFERED, frozenset({"coordinator"})),
    "reject": Transition(_from(MatchState.PROPOSED), MatchState.REJECTED, frozenset({"coordinator"})),
    "accept": Transition(_from(MatchState.OFFERED), MatchState.ACTIVE, frozenset({"mentor"})),
    "decline": Transition(_from(MatchState.OFFERED), MatchState.DECLINED, frozenset({"mentor", "mentee"})),
    "expire": Transition(_from(MatchState.OFFERED), MatchState.EXPIRED, frozenset({"system"})),
    "withdraw": Transition(_from(MatchState.OFFERED), MatchState.EXPIRED, frozenset({"coordinator"})),
    "end": Transition(
        _from(MatchState.ACTIVE, MatchState.PAUSED), MatchState.CLOSED, frozenset({"mentee", "mentor", "coordinator"})
    ),
    "complete": Transition(_from(MatchState.ACTIVE), MatchState.CLOSED, frozenset({"system", "coordinator"})),
    # A safety report by either side pauses the match at once; only a coordinator resumes it.
    "pause": Transition(
        _from(MatchState.OFFERED, MatchState.ACTIVE), MatchState.PAUSED, frozenset({"mentee", "mentor", "coordinator"})
    ),
    "resume": Transition(_from(MatchState.PAUSED), None, frozenset({"coordinator"})),
}

_VERBS = {
    "approve": "approved",
    "reject": "rejected",
    "accept": "accepted",
    "decline": "declined",
    "expire": "expired",
    "withdraw": "withdrawn",
    "end": "ended",
    "complete": "completed",
    "pause": "paused",
    "resume": "resumed",
}


class InvalidTransition(Conflict):
    """The match is not in a state this action applies to."""


def check_role(action: str, *, role: str) -> Transition:
    """The transition for ``action`` if ``role`` may take it at all; otherwise a plain refusal."""
    transition = TRANSITIONS[action]
    if role not in transition.roles:
        raise NotAllowed(only_message(transition.roles))
    return transition


def check_transition(action: str, *, state: str, role: str) -> Transition:
    """The transition for ``action`` if ``role`` may take it from ``state``; otherwise a plain refusal."""
    transition = check_role(action, role=role)
    if state not in transition.sources:
        raise InvalidTransition(
            f"This pairing is {MatchState(state).label.lower()}, so it cannot be {_VERBS[action]} now."
        )
    return transition


def only_message(roles: Iterable[str]) -> str:
    """ "Only the mentor can do this." in the request's language, for the roles that may."""
    who = set(roles)
    if who == {"mentor"}:
        return gettext("Only the mentor can do this.")
    if who == {"mentee"}:
        return gettext("Only the mentee can do this.")
    if who == {"coordinator"}:
        return gettext("Only a coordinator of the programme can do this.")
    return gettext("Only the people of this match or its coordinators can do this.")
