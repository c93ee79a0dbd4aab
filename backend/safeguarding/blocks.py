"""Reads of safeguarding blocks that the matching and peer apps make: who blocked whom.

A leaf module: it imports only models, never a service, so that mentoring and peers read blocks without an import
circle through safeguarding's services (the import-linter contract in pyproject.toml keeps it so).
"""

from typing import Any
from uuid import UUID

from django.db.models import Exists, Q

from safeguarding.models import Block


def hidden_from(*, viewer_id: UUID) -> frozenset[UUID]:
    """People who blocked ``viewer``: she no longer sees their card or contact."""
    return frozenset(Block.objects.filter(blocked_id=viewer_id).values_list("blocker_id", flat=True))


def blocked_viewer(*, viewer_id: UUID, blocker: Any) -> Exists:
    """Whether ``blocker`` blocked ``viewer``, as an expression over a list's rows (``blocker`` names the column
    holding the other person's id, e.g. ``OuterRef("counterpart_user_id")``): the list asks once, not per row."""
    return Exists(Block.objects.filter(blocked_id=viewer_id, blocker_id=blocker))


def is_blocked_between(*, first: UUID, second: UUID) -> bool:
    return Block.objects.filter(
        Q(blocker_id=first, blocked_id=second) | Q(blocker_id=second, blocked_id=first)
    ).exists()


def blocked_user_pairs(*, user_ids: set[UUID] | None = None) -> frozenset[frozenset[UUID]]:
    """Unordered pairs of people with a block either way (optionally among ``user_ids`` only)."""
    blocks = Block.objects.all()
    if user_ids is not None:
        blocks = blocks.filter(blocker_id__in=user_ids, blocked_id__in=user_ids)
    return frozenset(frozenset(pair) for pair in blocks.values_list("blocker_id", "blocked_id"))


def blocked_either_way(*, user_id: UUID) -> frozenset[UUID]:
    """People she blocked or who blocked her: in a shared group, neither sees the other's messages."""
    pairs = Block.objects.filter(Q(blocker_id=user_id) | Q(blocked_id=user_id)).values_list("blocker_id", "blocked_id")
    return frozenset(person for pair in pairs for person in pair if person != user_id)
