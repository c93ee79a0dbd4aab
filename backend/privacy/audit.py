"""The audit trail's one writer: who did or read what, when and why.

A leaf module every app reads: it imports only models and ``common``, never a service, so that any service can
write its audit row without an import circle (the import-linter contract in pyproject.toml keeps it so).
"""

from datetime import datetime
from typing import Any

from accounts.models import User
from privacy.models import AuditEvent
from programmes.models import Programme


def audit_record(
    *,
    action: str,
    target: Any,
    at: datetime,
    actor: User | None,
    actor_role: str,
    programme: Programme | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        programme=programme,
        actor=actor,
        actor_role=actor_role,
        action=action,
        target_type=type(target).__name__.lower(),
        target_id=str(target.pk),
        at=at,
        reason=reason,
        detail=detail or {},
    )
