"""Retention: people inactive past their programme's period are flagged to its coordinators (list and
notice), then erased by the scheduled task after the grace period, unless they come back."""

from datetime import timedelta
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from mentoring.models import Match
from notifications.models import Notification
from privacy.models import RetentionFlag
from profiles.models import Profile
from tests.backend.privacy.conftest import Privacy
from usecases.retention import retention_run


def _age(profile: Profile, days: int) -> None:
    """Make her last activity ``days`` ago."""
    then = timezone.now() - timedelta(days=days)
    User.objects.filter(pk=profile.membership.user_id).update(date_joined=then, last_login=None)
    Profile.objects.filter(pk=profile.pk).update(updated_at=then)
    profile.membership.user.consents.update(given_at=then)
    Match.objects.filter(mentee=profile).update(updated_at=then)


def test_flag_then_erase_with_the_scheduled_task(as_user: Any, privacy: Privacy) -> None:
    privacy.programme.retention_inactive_days = 365
    privacy.programme.retention_grace_days = 30
    privacy.programme.save()
    _age(privacy.mentee, 400)
    _age(privacy.other_mentee, 100)

    out = StringIO()
    call_command("run_scheduled", stdout=out)
    assert "1 inactive people flagged" in out.getvalue()
    listing = as_user(privacy.coordinator).get(f"/api/v1/programmes/{privacy.programme.pk}/retention/")
    assert listing.status_code == 200
    assert [row["user"] for row in listing.json()] == [str(privacy.mentee.membership.user_id)]
    assert (
        as_user(privacy.other_coordinator).get(f"/api/v1/programmes/{privacy.programme.pk}/retention/").status_code
        == 404
    )
    assert as_user(privacy.mentee).get(f"/api/v1/programmes/{privacy.programme.pk}/retention/").status_code == 404
    notice = Notification.objects.get(user=privacy.coordinator, kind="retention_due")
    assert notice.params["count"] == 1
    # Running again inside the grace period neither erases nor notifies twice.
    assert retention_run(now=timezone.now()) == (0, 0)
    assert Notification.objects.filter(kind="retention_due").count() == 1
    assert User.objects.get(pk=privacy.mentee.membership.user_id).is_active

    # After the grace period the scheduled task erases her, and only her.
    later = timezone.now() + timedelta(days=31)
    assert retention_run(now=later) == (0, 1)
    erased = User.objects.get(pk=privacy.mentee.membership.user_id)
    assert not erased.is_active and erased.email is None and erased.full_name == ""
    assert User.objects.get(pk=privacy.other_mentee.membership.user_id).is_active
    assert not RetentionFlag.objects.exists()


def test_someone_who_comes_back_is_unflagged(privacy: Privacy) -> None:
    privacy.programme.retention_inactive_days = 365
    privacy.programme.save()
    _age(privacy.mentee, 400)
    assert retention_run(now=timezone.now()) == (1, 0)
    User.objects.filter(pk=privacy.mentee.membership.user_id).update(last_login=timezone.now())
    assert retention_run(now=timezone.now() + timedelta(days=60)) == (0, 0)
    assert not RetentionFlag.objects.exists()
    assert User.objects.get(pk=privacy.mentee.membership.user_id).is_active


def test_programmes_without_a_period_never_flag(privacy: Privacy) -> None:
    privacy.programme.retention_inactive_days = None
    privacy.programme.save()
    _age(privacy.mentee, 4000)
    assert retention_run(now=timezone.now()) == (0, 0)


def test_the_beat_schedule_runs_retention() -> None:
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "privacy.retention" in tasks
