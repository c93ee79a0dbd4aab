"""Writing the audit trail, in the same transaction as the change it records."""

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
