"""Her messages and her data rights: export, erasure, and keys that rotate."""

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from messaging.models import Message
from tests.backend.factories import UserFactory
from tests.backend.hardening.conftest import add_totp, full_login
from tests.backend.messaging.conftest import Place

pytestmark = pytest.mark.django_db


def _url(place: Place) -> str:
    return f"/api/v1/conversations/matches/{place.active.pk}/messages/"


def _raw_texts() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM messaging_message ORDER BY sent_at")
        return [row[0] for row in cursor.fetchall()]


def test_her_export_has_what_she_wrote_and_received(place: Place, as_user: Any) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    mentee.post(_url(place), {"text": "Can we meet at the library?"}, format="json")
    mentor.post(_url(place), {"text": "Yes, Monday at five."}, format="json")
    group = f"/api/v1/conversations/groups/{place.group.pk}/messages/"
    as_user(place.members[0]).post(group, {"text": "Workers only"}, format="json")
    exported = mentee.get("/api/v1/me/data/").json()["messages"]
    assert [(m["from"], m["text"]) for m in exported] == [
        ("me", "Can we meet at the library?"),
        (place.active.mentor.membership.user.display_name, "Yes, Monday at five."),
    ]
    worker = as_user(place.members[1]).get("/api/v1/me/data/").json()["messages"]
    assert [m["text"] for m in worker] == ["Workers only"]


def test_erasure_removes_what_she_wrote_and_leaves_the_others_words(place: Place, as_user: Any) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    mentee.post(_url(place), {"text": "I live at Kastanienallee 12"}, format="json")
    mentor.post(_url(place), {"text": "Thank you for telling me"}, format="json")
    assert mentee.post("/api/v1/me/erase/", {"confirm": "DELETE"}, format="json").status_code in (200, 202, 204)
    # her match ended with her account; the mentor still reads the conversation, without her words
    page = mentor.get(_url(place)).json()
    assert [(m["deleted"], m["text"], m["sender"], m["mine"]) for m in page["results"]] == [
        (False, "Thank you for telling me", place.active.mentor.membership.user.display_name, True),
        (True, "", "", False),
    ]
    assert page["can_write"] is False
    deleted = Message.objects.get(deleted_at__isnull=False)
    assert deleted.sender is None and deleted.text == ""
    assert Message.objects.filter(deleted_at__isnull=True).count() == 1
    assert all(raw is None or "Kastanienallee" not in raw for raw in _raw_texts())
    assert sum(raw is None for raw in _raw_texts()) == 1


def test_keys_rotate_over_messages_too(place: Place, as_user: Any) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[old]):
        as_user(place.active.mentee).post(_url(place), {"text": "Rotate me"}, format="json")
        [written_with_old] = _raw_texts()
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[new, old]):
        call_command("privacy_rotate_keys", verbosity=0)
        assert _raw_texts() != [written_with_old]
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[new]):
        assert Message.objects.get().text == "Rotate me"
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[old]), pytest.raises(ImproperlyConfigured):
        Message.objects.get()  # the old key alone no longer reads it


def test_the_admin_shows_counts_never_messages(place: Place, as_user: Any) -> None:
    as_user(place.active.mentee).post(_url(place), {"text": "Only for Carla: my new address"}, format="json")
    staff = UserFactory(is_staff=True, is_superuser=True)
    add_totp(staff)
    admin = full_login(staff)
    listing = admin.get("/admin/messaging/conversation/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "my new address" not in page and ">1<" in page  # one message, counted
    conversation = Message.objects.get().conversation
    detail = admin.get(f"/admin/messaging/conversation/{conversation.pk}/change/").content.decode()
    assert "my new address" not in detail
    assert admin.get("/admin/messaging/message/").status_code == 404
    assert admin.get("/admin/messaging/firstmeeting/").status_code == 404
