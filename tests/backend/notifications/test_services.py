"""notify(): one notice and one email per event, in the person's language, after commit, never twice."""

import datetime
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from notifications import services
from notifications.models import Notification
from notifications.services import notify
from notifications.tasks import send_notification_email
from programmes.models import Membership, Role
from tests.backend.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 4, 20, 9, 0, tzinfo=datetime.UTC)


def test_notify_creates_one_notice_and_one_email_in_the_users_language(
    django_capture_on_commit_callbacks: Any,
) -> None:
    mentor = UserFactory(preferred_language="de", full_name="Birgit Private-Surname")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            user=mentor,
            kind="offer_received",
            params={"mentee": "Amina", "expires": "2026-04-27", "mentee_form": "feminine"},
            dedupe_key="offer_received:1",
            now=NOW,
        )
    assert notification is not None
    assert Notification.objects.filter(user=mentor).count() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [mentor.email]
    assert email.subject == "Eine neue Mentee wartet auf Ihre Antwort"
    assert "Amina" in email.body and "27. April 2026" in email.body
    assert "Private-Surname" not in email.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.created_at == NOW


def test_the_email_waits_for_the_callers_commit(django_capture_on_commit_callbacks: Any) -> None:
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(user=user, kind="mentor_verified", params={}, now=NOW)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_rolled_back_action_leaves_no_notice(django_capture_on_commit_callbacks: Any) -> None:
    user = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(user=user, kind="mentor_verified", params={}, now=NOW)
        raise RuntimeError("the action failed")
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.exists()


def test_replaying_the_same_event_sends_one_notice(django_capture_on_commit_callbacks: Any) -> None:
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(user=user, kind="offer_reminder", params={"expires": "2026-04-27"}, dedupe_key="r:1", now=NOW)
        second = notify(user=user, kind="offer_reminder", params={"expires": "2026-04-27"}, dedupe_key="r:1", now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        third = notify(user=user, kind="offer_reminder", params={}, dedupe_key="r:1", now=NOW)
    assert first is not None and second is None and third is None
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_losing_a_race_to_a_concurrent_duplicate_returns_none_and_keeps_the_transaction(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # notify inserts without looking first, so a replay and a concurrent duplicate meet the same unique key: the
    # insert fails inside its savepoint, and the caller's transaction goes on.
    user = UserFactory()
    notify(user=user, kind="offer_reminder", params={}, dedupe_key="r:2", now=NOW)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert notify(user=user, kind="offer_reminder", params={}, dedupe_key="r:2", now=NOW) is None
        assert Notification.objects.count() == 1  # the outer transaction is still usable
        assert notify(user=user, kind="offer_reminder", params={}, dedupe_key="r:3", now=NOW) is not None
    assert len(callbacks) == 1  # only the new notice is emailed


def test_a_person_without_email_gets_the_in_app_notice_only(django_capture_on_commit_callbacks: Any) -> None:
    assisted = UserFactory(email=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notify(user=assisted, kind="offer_shown_to_mentee", params={"mentor": "Birgit"}, now=NOW)
    assert notification is not None and notification.pk
    assert callbacks == [] and mail.outbox == []
    assert send_notification_email(str(notification.pk)) is False


def test_the_email_task_run_twice_sends_once(django_capture_on_commit_callbacks: Any) -> None:
    user = UserFactory(preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify(user=user, kind="match_completed_feedback", params={}, now=NOW)
    assert notification is not None
    assert send_notification_email(str(notification.pk)) is True
    assert send_notification_email(str(notification.pk)) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "اكتمل الإرشاد – كيف كانت التجربة؟"


def test_a_repeated_delivery_carries_the_same_message_id(django_capture_on_commit_callbacks: Any) -> None:
    # A worker killed between the mail server's OK and the commit of emailed_at sends the mail again; the
    # repeat must be recognisable as the same message.
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify(user=user, kind="mentor_verified", params={}, now=NOW)
    assert notification is not None
    assert send_notification_email(str(notification.pk)) is True
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)  # the commit that never happened
    assert send_notification_email(str(notification.pk)) is True
    first, second = (message.message()["Message-ID"] for message in mail.outbox)
    assert first == second == f"<notice-{notification.pk}@bridges.example>"


def test_a_failed_send_is_retried_and_then_sent_once(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify(user=user, kind="mentor_verified", params={}, now=NOW)
    assert notification is not None

    def smtp_down(*args: Any, **kwargs: Any) -> int:
        raise smtplib.SMTPServerDisconnected("try later")

    monkeypatch.setattr("notifications.tasks.EmailMessage.send", smtp_down)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_notification_email(str(notification.pk))
    notification.refresh_from_db()
    assert notification.emailed_at is None
    monkeypatch.undo()
    assert send_notification_email(str(notification.pk)) is True
    assert len(mail.outbox) == 1
    assert send_notification_email.max_retries == 5


def test_the_wording_follows_the_persons_role_in_the_programme(django_capture_on_commit_callbacks: Any) -> None:
    programme = ProgrammeFactory(name="Jobs Berlin")
    coordinator, mentee = UserFactory(), UserFactory()
    Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
    Membership.objects.create(user=mentee, programme=programme, role=Role.MENTEE)
    params = {"mentee": "Amina", "mentor": "Birgit", "reason": "not_a_good_fit", "by": "mentor"}
    with django_capture_on_commit_callbacks(execute=True):
        for user in (coordinator, mentee):
            notify(user=user, kind="offer_declined", params=params, programme=programme, now=NOW)
    to_coordinator, to_mentee = (next(m for m in mail.outbox if user.email in m.to) for user in (coordinator, mentee))
    assert to_coordinator.subject == "Pairing declined: Amina and Birgit"
    assert "Reason: Not a good fit" in to_coordinator.body and "Jobs Berlin" in to_coordinator.body
    assert to_mentee.subject == "We are looking for another mentor for you"
    assert "Not a good fit" not in to_mentee.body


def test_only_documented_params_are_stored() -> None:
    user = UserFactory()
    notification = notify(
        user=user,
        kind="match_ended",
        params={"reason": "other", "reason_text": "private words", "expires": datetime.date(2026, 5, 1)},
        now=NOW,
    )
    assert notification is not None
    assert notification.params == {"reason": "other"}


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notify(user=UserFactory(), kind="gossip", params={}, now=NOW)


def test_mark_read_touches_only_the_persons_own_unread_notices() -> None:
    user, other = UserFactory(), UserFactory()
    mine = [notify(user=user, kind="mentor_verified", params={}, now=NOW) for _ in range(3)]
    theirs = notify(user=other, kind="mentor_verified", params={}, now=NOW)
    assert mine[0] is not None and theirs is not None
    later = NOW + datetime.timedelta(hours=1)
    assert services.notifications_mark_read(user=user, ids=[mine[0].pk, theirs.pk], now=later) == 1
    assert services.notifications_mark_read(user=user, now=later) == 2
    assert services.notifications_mark_read(user=user, now=later) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_notify_each_tells_each_person_once_in_their_role_and_emails_only_the_new_notices(
    django_capture_on_commit_callbacks: Any,
) -> None:
    programme = ProgrammeFactory()
    mentee, coordinator, assisted = UserFactory(), UserFactory(), UserFactory(email=None)
    Membership.objects.create(user=mentee, programme=programme, role=Role.MENTEE)
    Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
    Membership.objects.create(user=assisted, programme=programme, role=Role.MENTEE)

    def key(user: Any) -> str:
        return f"offer_accepted:m1:{user.pk}"

    params = {"mentor": "Birgit", "mentee": "Amina", "mentor_form": "feminine"}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        made = services.notify_each(
            users=[mentee, coordinator, assisted, mentee],
            kind="offer_accepted",
            params=params,
            programme=programme,
            dedupe_key=key,
            now=NOW,
        )
    assert sorted(n.user_id for n in made) == sorted([mentee.pk, coordinator.pk, assisted.pk])
    audiences = dict(Notification.objects.values_list("user_id", "audience"))
    assert audiences == {mentee.pk: "mentee", coordinator.pk: "coordinator", assisted.pk: "mentee"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee.email, coordinator.email])  # not the assisted one

    # A replay (one person new since): only her notice is made and emailed; the transaction goes on.
    newcomer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        again = services.notify_each(
            users=[mentee, coordinator, newcomer],
            kind="offer_accepted",
            params=params,
            programme=programme,
            dedupe_key=key,
            now=NOW,
        )
        assert Notification.objects.count() == 4
    assert [n.user_id for n in again] == [newcomer.pk]
    assert Notification.objects.get(user=newcomer).audience == services.Audience.GENERAL  # no role in it
    assert len(mail.outbox) == 3


def test_notify_each_refuses_an_unknown_kind_and_a_bad_value_before_writing() -> None:
    user = UserFactory()
    with pytest.raises(ValueError, match="Unknown notification kind"):
        services.notify_each(users=[user], kind="no_such_kind", dedupe_key=str, now=NOW)
    with pytest.raises(ValidationError, match="dedupe_key"):
        services.notify_each(users=[user], kind="offer_reminder", dedupe_key=lambda u: "x" * 300, now=NOW)
    assert Notification.objects.count() == 0
