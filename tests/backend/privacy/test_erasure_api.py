"""Deleting her account: every table loses her name, email, phone and sensitive answers; the programme's
figures still add up; open offers and matches end with a neutral notice; the erasure is logged anonymously."""

import json
from typing import Any

from django.apps import apps
from django.core import mail
from django.db import connection, models
from rest_framework.test import APIClient

from mentoring.models import Feedback, Match, MatchState
from notifications.models import Notification
from privacy.models import AuditEvent, SensitiveAttributes
from tests.backend.privacy.conftest import Privacy

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.EmailField)


def rows_mentioning(*needles: str) -> list[str]:
    """Every table and text column (of every installed model, so a new table is covered too) whose raw stored
    value contains one of ``needles``, read with a raw cursor."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            columns = [f.column for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
            if not columns or table not in connection.introspection.table_names(cursor):
                continue
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    for needle in needles:
                        if needle.lower() in (text or "").lower():
                            found.append(f"{table}.{column} holds {needle!r}")
    return found


def decrypted_values_mentioning(*needles: str) -> list[str]:
    """The same search through the columns the database cannot read (encrypted at rest, decrypted when the
    ORM loads them: sensitive answers, safety reports' words), so that encrypted data is searched too."""
    found = []
    for model in apps.get_models():
        # A text column with its own loading step is stored transformed: here, encrypted.
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.TextField) and hasattr(f, "from_db_value")
        ]
        for field in fields:
            for value in model._default_manager.values_list(field, flat=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                found += [f"{model._meta.db_table}.{field} holds {n!r}" for n in needles if n.lower() in text.lower()]
    return found


def _health(client: Any, privacy: Privacy) -> dict[str, Any]:
    return client.get(f"/api/v1/programmes/{privacy.programme.pk}/health/").json()


def test_erasure_leaves_no_trace_of_her_and_the_figures_still_add_up(
    as_user: Any, privacy: Privacy, django_capture_on_commit_callbacks: Any
) -> None:
    mentee_user = privacy.mentee.membership.user
    closed = privacy.match(MatchState.CLOSED)
    Feedback.objects.create(
        match=closed, author=mentee_user, author_role="mentee", rating=4, text="Zainabq says thanks", goal_reached="job"
    )
    closed.reason_text = "Zainabq moved to Hamburg"
    closed.save()
    active = privacy.match(MatchState.ACTIVE, mentee=privacy.other_mentee)  # someone else's, untouched
    offer = privacy.match(MatchState.OFFERED)
    Notification.objects.create(
        user=privacy.mentor.membership.user, kind="offer_accepted", match_id=closed.pk, params={"mentee": "Zainabq"}
    )
    needles = ("Zainabq", "Quuxley", "zainab.quuxley@example.org", "4915112345678", "pharmacist")
    sensitive = ("gbv_survivor", "children_school_hours")  # her answers: only readable decrypted
    assert rows_mentioning(*needles) and not rows_mentioning(*sensitive)  # the raw walk finds her, not them
    assert len(decrypted_values_mentioning(*sensitive)) == 2  # ... and the decrypted one finds her answers
    coordinator = as_user(privacy.coordinator)
    before = _health(coordinator, privacy)
    mail.outbox.clear()

    client = APIClient()
    client.force_login(mentee_user)  # a real session, so that logging out is tested too
    client.get("/api/v1/csrf/")
    assert client.post("/api/v1/me/erase/", {"confirm": "nope"}, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/me/erase/", {"confirm": "DELETE"}, format="json")
    assert response.status_code == 204

    assert rows_mentioning(*needles) == []
    assert decrypted_values_mentioning(*needles, *sensitive) == []
    assert not SensitiveAttributes.objects.filter(user=mentee_user).exists()
    # The open offer ended cleanly and the mentor was told neutrally.
    offer.refresh_from_db()
    assert offer.state == MatchState.DECLINED
    notice = Notification.objects.get(user=privacy.mentor.membership.user, match_id=offer.pk)
    assert notice.kind == "offer_declined"
    assert mail.outbox and all("Zainabq" not in m.body and "Zainabq" not in m.subject for m in mail.outbox)
    active.refresh_from_db()
    assert active.state == MatchState.ACTIVE
    # The programme's figures still add up: every pairing and every answer is still counted.
    after = _health(coordinator, privacy)
    assert sum(after["states"].values()) == sum(before["states"].values())
    assert after["states"]["offered"] == before["states"]["offered"] - 1
    assert after["states"]["declined"] == before["states"]["declined"] + 1
    assert after["mentees"] == before["mentees"]
    assert after["mentees_waiting"] == before["mentees_waiting"]  # she had an offer, and now left: not waiting
    assert after["feedback"]["count"] == before["feedback"]["count"] == 1
    assert after["feedback"]["goals_reached"] == {"job": 1}
    assert Match.objects.filter(pk=closed.pk, reason_text="").exists()
    # The erasure is logged, without anything personal.
    event = AuditEvent.objects.get(action="account.erase")
    assert event.target_id == str(mentee_user.pk) and "Zainabq" not in str(event.detail)
    # She can no longer log in or use the API.
    assert client.get("/api/v1/me/consents/").status_code == 403  # as for anyone not logged in (the matrix)
    again = APIClient()
    assert not again.login(username="zainab.quuxley@example.org", password="correct-horse-battery-42")


def test_erasing_a_mentor_ends_her_active_match_and_tells_the_mentee(
    as_user: Any, privacy: Privacy, django_capture_on_commit_callbacks: Any
) -> None:
    active = privacy.match(MatchState.ACTIVE)
    mentor_name = privacy.mentor.membership.user.display_name
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            as_user(privacy.mentor).post("/api/v1/me/erase/", {"confirm": "delete"}, format="json").status_code == 204
        )
    active.refresh_from_db()
    assert active.state == MatchState.CLOSED and active.reason_code == "no_longer_available"
    notice = Notification.objects.get(user=privacy.mentee.membership.user, match_id=active.pk)
    assert notice.kind == "match_ended"
    assert rows_mentioning(mentor_name, privacy.mentor.membership.user.email or "?") == []
    view = as_user(privacy.mentee).get(f"/api/v1/matches/{active.pk}/").json()
    assert mentor_name not in str(view)
