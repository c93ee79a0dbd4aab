"""Retention: participants inactive for longer than their programme's period are flagged to its coordinators,
and erased after the grace period unless they come back. Run by the scheduler (Celery beat or the
``run_scheduled`` command)."""

from collections import defaultdict
from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.db.models import Max, Q

from accounts.models import User
from invitations.services import invitations_forget_due
from mentoring.models import OPEN_STATES, Match
from notifications.services import notify
from privacy.models import ConsentRecord, RetentionFlag
from profiles.models import Profile
from programmes.models import Membership, Programme, Role
from usecases.erasure import account_erase


def last_activity(*, user: User) -> datetime:
    """The last time she did anything we know of: logged in, joined, changed her profile or a consent, or a
    pairing of hers moved."""
    moments = [user.date_joined, user.last_login]
    moments.append(Profile.objects.filter(membership__user=user).aggregate(at=Max("updated_at"))["at"])
    moments.append(
        Match.objects.filter(Q(mentee__membership__user=user) | Q(mentor__membership__user=user)).aggregate(
            at=Max("updated_at")
        )["at"]
    )
    moments.append(ConsentRecord.objects.filter(user=user).aggregate(at=Max("given_at"))["at"])
    return max(moment for moment in moments if moment is not None)


def retention_flag_due(*, now: datetime) -> int:
    """Flag the participants inactive past their programme's period, unflag those who came back, and tell each
    programme's coordinators about new flags. Returns how many were newly flagged."""
    flagged = 0
    for flag in RetentionFlag.objects.select_related("user"):
        if last_activity(user=flag.user) > flag.last_active_at:
            flag.delete()  # she came back
    new_by_programme: dict[UUID, list[RetentionFlag]] = defaultdict(list)
    for programme in Programme.objects.filter(retention_inactive_days__isnull=False):
        assert programme.retention_inactive_days is not None
        cutoff = now - timedelta(days=programme.retention_inactive_days)
        memberships = (
            Membership.objects.filter(programme=programme, user__is_active=True)
            .exclude(role=Role.COORDINATOR)
            .exclude(user__retention_flags__programme=programme)
            .select_related("user")
        )
        for membership in memberships:
            user = membership.user
            if (
                user.is_staff
                or Match.objects.filter(
                    Q(mentee__membership=membership) | Q(mentor__membership=membership), state__in=OPEN_STATES
                ).exists()
            ):
                continue
            active_at = last_activity(user=user)
            if active_at > cutoff:
                continue
            flag = RetentionFlag.objects.create(
                user=user,
                programme=programme,
                last_active_at=active_at,
                flagged_at=now,
                erase_after=now + timedelta(days=programme.retention_grace_days),
            )
            new_by_programme[programme.pk].append(flag)
            flagged += 1
    for programme_id, flags in new_by_programme.items():
        programme = flags[0].programme
        coordinators = User.objects.filter(memberships__programme_id=programme_id, memberships__role=Role.COORDINATOR)
        for coordinator in coordinators:
            notify(
                user=coordinator,
                kind="retention_due",
                programme=programme,
                params={"count": len(flags), "erase_on": min(f.erase_after for f in flags).date().isoformat()},
                dedupe_key=f"retention_due:{programme_id}:{now.date().isoformat()}:{coordinator.pk}",
                now=now,
            )
    return flagged


def retention_erase_due(*, now: datetime) -> int:
    """Erase the accounts whose every programme flagged them and whose grace period is over."""
    erased = 0
    due_users = User.objects.filter(is_active=True, retention_flags__erase_after__lte=now).distinct()
    for user in due_users:
        programmes = set(
            Membership.objects.filter(user=user).exclude(role=Role.COORDINATOR).values_list("programme_id", flat=True)
        )
        due = set(RetentionFlag.objects.filter(user=user, erase_after__lte=now).values_list("programme_id", flat=True))
        if not programmes or programmes - due:
            continue  # still taking part somewhere else
        if last_activity(user=user) > max(
            RetentionFlag.objects.filter(user=user).values_list("last_active_at", flat=True)
        ):
            RetentionFlag.objects.filter(user=user).delete()  # she came back meanwhile
            continue
        with transaction.atomic():
            account_erase(user=user, now=now, by_role="system")
        erased += 1
    return erased


def retention_run(*, now: datetime) -> tuple[int, int]:
    """One pass of the schedule: (newly flagged, erased). Unused invitations past their keeping time go too."""
    invitations_forget_due(now=now)
    return retention_flag_due(now=now), retention_erase_due(now=now)
