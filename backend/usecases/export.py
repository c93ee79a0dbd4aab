"""Everything Bridges holds about one person, as data she can download (JSON) or read (a printable page).

Only her own data: of the people she was paired or grouped with, nothing but their role.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q

from accounts.models import User
from mentoring.models import Feedback, Match
from messaging.selectors import meetings_for_export, messages_for_export
from notifications.models import Notification
from outcomes.selectors import outcome_questions_for_export, outcomes_for_export
from privacy.models import AuditEvent, ConsentRecord, RetentionFlag
from privacy.selectors import sensitive_codes_read
from privacy.sensitive import label
from profiles.models import Profile


def personal_data_export(*, user: User, now: datetime, language: str = "en") -> dict[str, Any]:
    profiles = (
        Profile.objects.filter(membership__user=user)
        .select_related("membership__programme")
        .prefetch_related("languages", "sectors")
    )
    profile_ids = [p.pk for p in profiles]
    matches = (
        Match.objects.filter(Q(mentee_id__in=profile_ids) | Q(mentor_id__in=profile_ids))
        .select_related("programme")
        .order_by("created_at")
    )
    codes = sensitive_codes_read(subject=user, reader=user, reader_role="self", now=now)
    return {
        "generated_at": now.isoformat(),
        "account": {
            "id": str(user.pk),
            "email": user.email,
            "display_name": user.display_name,
            "full_name": user.full_name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "address_as": user.address_as,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": [
            {
                "programme": str(m.programme_id),
                "programme_name": m.programme.name,
                "role": m.role,
                "joined_at": m.created_at.isoformat(),
                "left_at": m.left_at.isoformat() if m.left_at else None,
            }
            for m in user.memberships.select_related("programme").order_by("created_at")
        ],
        "profiles": [
            {
                "id": str(p.pk),
                "programme": str(p.membership.programme_id),
                "role": p.membership.role,
                "languages": [{"code": s.language, "level": s.level} for s in p.languages.all()],
                "sectors": [s.code for s in p.sectors.all()],
                "goals": list(p.goals),
                "goals_text": p.goals_text,
                "city": p.city,
                "country": str(p.country or ""),
                "online": p.online,
                "availability": list(p.availability),
                "gender": p.gender,
                "woman_mentor_only": p.woman_mentor_only,
                "online_only": p.online_only,
                "share_email": p.share_email,
                "share_phone": p.share_phone,
                "capacity": p.capacity,
                "support_qualities": list(p.support_qualities),
                "available": p.available,
                "organisation": p.organisation,
                "worker_role": p.worker_role,
                "topics_expertise": list(p.topics_expertise),
                "topics_interest": list(p.topics_interest),
                "created_at": p.created_at.isoformat(),
                "updated_at": p.updated_at.isoformat(),
            }
            for p in profiles
        ],
        "sensitive_attributes": [{"code": code, "label": label(code, language)} for code in codes],
        "consents": [
            {
                "programme": str(c.programme_id),
                "purpose": c.purpose,
                "text_version": c.text_version,
                "text": c.text,
                "language": c.language,
                "given_at": c.given_at.isoformat(),
                "method": c.method,
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in ConsentRecord.objects.filter(user=user).order_by("given_at")
        ],
        "matches": [_match_row(m, profile_ids) for m in matches if m.state not in ("proposed", "rejected")],
        "feedback": [
            {
                "match": str(f.match_id),
                "rating": f.rating,
                "text": f.text,
                "goal_reached": f.goal_reached,
                "created_at": f.created_at.isoformat(),
            }
            for f in Feedback.objects.filter(author=user).order_by("created_at")
        ],
        "outcomes": outcomes_for_export(user=user, profile_ids=profile_ids),
        "outcome_questions": outcome_questions_for_export(user=user),
        "messages": messages_for_export(user=user),
        "first_meetings": meetings_for_export(user=user),
        "notifications": [
            {
                "kind": n.kind,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ],
        "retention": [
            {
                "programme": str(f.programme_id),
                "flagged_at": f.flagged_at.isoformat(),
                "erase_after": f.erase_after.isoformat(),
            }
            for f in RetentionFlag.objects.filter(user=user)
        ],
        "activity": [
            {"action": e.action, "at": e.at.isoformat()}
            for e in AuditEvent.objects.filter(actor=user).order_by("at", "id")[:1000]
        ],
    }


def _match_row(match: Any, profile_ids: list[Any]) -> dict[str, Any]:
    my_role = "mentee" if match.mentee_id in profile_ids else "mentor"
    return {
        "id": str(match.pk),
        "programme": str(match.programme_id),
        "my_role": my_role,
        "state": match.state,
        "offered_at": match.offered_at.isoformat() if match.offered_at else None,
        "accepted_at": match.accepted_at.isoformat() if match.accepted_at else None,
        "closed_at": match.closed_at.isoformat() if match.closed_at else None,
        # Her own reason only: the other side's reason is theirs (and may be a safety concern).
        "reason_code": match.reason_code if match.closed_by_role == my_role else "",
    }
