"""Conversations through the API, as the people in them (and those outside them) use it."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from mentoring.models import MatchState
from messaging.models import MESSAGE_MAX_LENGTH, Conversation, Message
from peers.models import PeerGroup
from safeguarding.models import Block
from tests.backend.factories import UserFactory
from tests.backend.messaging.conftest import Place, publish_group

pytestmark = pytest.mark.django_db

LIST = "/api/v1/conversations/"


def _messages(place: Place, kind: str = "match") -> str:
    if kind == "match":
        return f"/api/v1/conversations/matches/{place.active.pk}/messages/"
    return f"/api/v1/conversations/groups/{place.group.pk}/messages/"


def _read(place: Place) -> str:
    return f"/api/v1/conversations/matches/{place.active.pk}/read/"


def _send(client: Any, url: str, text: str) -> Any:
    return client.post(url, {"text": text}, format="json")


def test_a_matched_pair_writes_and_reads(place: Place, as_user: Any) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    sent = _send(mentee, _messages(place), "Hallo Carla! مرحبا، هل يمكننا اللقاء يوم الاثنين؟")
    assert sent.status_code == 201, sent.content
    assert sent.json()["mine"] is True

    listed = mentor.get(LIST).json()
    [entry] = [e for e in listed["results"] if e["kind"] == "match"]
    assert entry["id"] == str(place.active.pk)
    assert entry["unread"] == 1 and listed["unread"] == 1
    assert entry["title"] == place.active.mentee.membership.user.display_name
    assert entry["can_write"] is True

    page = mentor.get(_messages(place)).json()
    [message] = page["results"]
    assert message["text"] == "Hallo Carla! مرحبا، هل يمكننا اللقاء يوم الاثنين؟"
    assert message["mine"] is False and message["sender"] == place.active.mentee.membership.user.display_name
    assert message["sender_profile"] is None  # a match names no member: the report is about the other side
    # reading the page does not mark it read: the client says what she saw
    assert mentor.get(LIST).json()["unread"] == 1
    assert mentor.post(_read(place), {}, format="json").status_code == 204
    assert mentor.get(LIST).json()["unread"] == 0
    assert mentor.get("/api/v1/conversations/unread-count/").json() == {"unread": 0}
    # her own messages never count as unread for her
    assert mentee.get(LIST).json()["unread"] == 0


def test_messages_come_newest_first_and_page_back(place: Place, as_user: Any, settings: Any) -> None:
    settings.MESSAGE_RATE_PER_CONVERSATION = (100, 60)
    mentee = as_user(place.active.mentee)
    for i in range(65):
        assert _send(mentee, _messages(place), f"message {i}").status_code == 201
    first = mentee.get(_messages(place)).json()
    assert [m["text"] for m in first["results"]] == [f"message {i}" for i in range(64, 34, -1)]
    assert first["has_more"] is True
    second = mentee.get(_messages(place), {"before": first["results"][-1]["id"]}).json()
    third = mentee.get(_messages(place), {"before": second["results"][-1]["id"]}).json()
    texts = [m["text"] for page in (first, second, third) for m in page["results"]]
    assert texts == [f"message {i}" for i in range(64, -1, -1)]
    assert third["has_more"] is False
    unknown = mentee.get(_messages(place), {"before": str(place.offer.pk)})
    assert unknown.status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "other_coordinator", "outsider", "admin", "other_mentee"])
def test_nobody_outside_the_pair_reads_or_writes(place: Place, as_user: Any, who: str) -> None:
    _send(as_user(place.active.mentee), _messages(place), "Only for Carla")
    user = {
        "coordinator": place.mentoring.coordinator,
        "other_coordinator": place.mentoring.other_coordinator,
        "outsider": place.mentoring.outsider,
        "admin": UserFactory(is_staff=True, is_superuser=True),
        "other_mentee": place.mentoring.mentees[2].membership.user,
    }[who]
    client = as_user(user)
    unknown = f"/api/v1/conversations/matches/{place.mentoring.mentees[3].pk}/messages/"
    for url in (_messages(place), _read(place)):
        assert client.get(url).status_code in (404, 405)
    assert client.get(_messages(place)).json() == client.get(unknown).json()
    assert _send(client, _messages(place), "hello").status_code == 404
    assert all(e["kind"] != "match" for e in client.get(LIST).json()["results"])


def test_an_offer_not_yet_accepted_has_no_conversation(place: Place, as_user: Any) -> None:
    url = f"/api/v1/conversations/matches/{place.offer.pk}/messages/"
    for side in (place.offer.mentee, place.offer.mentor):
        assert as_user(side).get(url).status_code == 404
        assert _send(as_user(side), url, "hi").status_code == 404


@pytest.mark.parametrize("state", [MatchState.PAUSED, MatchState.CLOSED])
def test_a_paused_or_closed_match_can_be_read_not_written(place: Place, as_user: Any, state: str) -> None:
    mentee = as_user(place.active.mentee)
    _send(mentee, _messages(place), "See you Monday")
    type(place.active).objects.filter(pk=place.active.pk).update(state=state)
    page = mentee.get(_messages(place)).json()
    assert [m["text"] for m in page["results"]] == ["See you Monday"]
    assert page["can_write"] is False and "not active" in page["closed_reason"]
    refused = _send(mentee, _messages(place), "Are you there?")
    assert refused.status_code == 409
    assert "not active" in refused.json()["errors"][0]["detail"]


def test_a_block_stops_messages_both_ways(place: Place, as_user: Any) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    _send(mentor, _messages(place), "Before the block")
    blocked = mentee.post("/api/v1/safety/blocks/", {"match": str(place.active.pk)}, format="json")
    assert blocked.status_code == 201
    for side in (mentee, mentor):
        refused = _send(side, _messages(place), "After the block")
        assert refused.status_code == 409
        assert "blocked" in refused.json()["errors"][0]["detail"]
    [entry] = [e for e in mentor.get(LIST).json()["results"] if e["kind"] == "match"]
    assert entry["can_write"] is False and entry["title"] == ""
    assert Message.objects.count() == 1


def test_bad_text_gets_plain_words(place: Place, as_user: Any) -> None:
    mentee = as_user(place.active.mentee)
    empty = _send(mentee, _messages(place), " \n\t ")
    assert empty.status_code == 400 and empty.json()["errors"][0]["detail"] == "Write a message first."
    long = _send(mentee, _messages(place), "x" * (MESSAGE_MAX_LENGTH + 1))
    assert long.status_code == 400 and str(MESSAGE_MAX_LENGTH) in long.json()["errors"][0]["detail"]
    not_text = mentee.post(_messages(place), {"text": ["a", "b"]}, format="json")
    assert not_text.status_code == 400
    # characters that hide or reorder text are dropped; the direction marks and line breaks stay
    assert _send(mentee, _messages(place), "a\u0000b").status_code == 400
    sent = _send(mentee, _messages(place), "a\u202eb\u0007c\u200fd\n\n\n\ne\r\nf")
    assert sent.json()["text"] == "abc\u200fd\n\ne\nf"


def test_the_german_interface_gets_german_errors(place: Place, as_user: Any) -> None:
    user = place.active.mentee.membership.user
    user.preferred_language = "de"
    user.save()
    empty = as_user(place.active.mentee).post(_messages(place), {"text": ""}, format="json", HTTP_ACCEPT_LANGUAGE="de")
    assert empty.status_code == 400
    assert empty.json()["errors"][0]["detail"] != "Write a message first."


def test_sending_too_fast_is_refused_with_a_wait(place: Place, as_user: Any, settings: Any) -> None:
    settings.MESSAGE_RATE_PER_CONVERSATION = (3, 60)
    mentee = as_user(place.active.mentee)
    for i in range(3):
        assert _send(mentee, _messages(place), f"quick {i}").status_code == 201
    refused = _send(mentee, _messages(place), "one more")
    assert refused.status_code == 409
    assert "wait" in refused.json()["errors"][0]["detail"]
    # the other side's budget is her own
    assert _send(as_user(place.active.mentor), _messages(place), "hello").status_code == 201


def test_an_unchanged_list_answers_304(place: Place, as_user: Any) -> None:
    mentor = as_user(place.active.mentor)
    first = mentor.get(LIST)
    tag = first["ETag"]
    assert mentor.get(LIST, HTTP_IF_NONE_MATCH=tag).status_code == 304
    _send(as_user(place.active.mentee), _messages(place), "New!")
    changed = mentor.get(LIST, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed.json()["unread"] == 1
    page = mentor.get(_messages(place))
    assert mentor.get(_messages(place), HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304


def test_the_text_is_encrypted_at_rest(place: Place, as_user: Any) -> None:
    _send(as_user(place.active.mentee), _messages(place), "My address is Kastanienallee 12")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM messaging_message")
        [(raw,)] = cursor.fetchall()
    assert "Kastanienallee" not in raw


def test_a_group_talks_and_a_block_hides_messages_both_ways(place: Place, as_user: Any) -> None:
    a, b, c = (as_user(m) for m in place.members[:3])
    url = _messages(place, "group")
    assert _send(a, url, "Hello group").status_code == 201
    assert _send(b, url, "Hi all").status_code == 201
    assert [m["text"] for m in c.get(url).json()["results"]] == ["Hi all", "Hello group"]
    [entry] = [e for e in c.get(LIST).json()["results"] if e["kind"] == "group"]
    assert entry["unread"] == 2 and entry["can_write"] is True
    Block.objects.create(blocker=place.members[0].membership.user, blocked=place.members[1].membership.user)
    assert [m["text"] for m in a.get(url).json()["results"]] == ["Hello group"]
    assert [m["text"] for m in b.get(url).json()["results"]] == ["Hi all"]
    [entry] = [e for e in a.get(LIST).json()["results"] if e["kind"] == "group"]
    assert entry["unread"] == 0


def test_only_current_members_of_a_published_group_read_it(place: Place, as_user: Any) -> None:
    url = _messages(place, "group")
    _send(as_user(place.members[0]), url, "Members only")
    outsider = as_user(place.outsider_worker)
    assert outsider.get(url).status_code == 404
    assert as_user(place.network.coordinator).get(url).status_code == 404
    member = place.group.members.get(profile=place.members[3])
    member.left_at = timezone.now()
    member.save()
    assert as_user(place.members[3]).get(url).status_code == 404
    place.group.round.status = "forming"
    place.group.round.save()
    assert as_user(place.members[0]).get(url).status_code == 404


def test_the_list_costs_the_same_queries_for_many_conversations(place: Place, as_user: Any) -> None:
    mentor = as_user(place.network.workers[0])
    with CaptureQueriesContext(connection) as few:
        assert mentor.get(LIST).status_code == 200
    for i in range(5):
        group = publish_group(place.network, [place.network.workers[0], place.network.workers[6]], name=f"R{i}")
        _send(as_user(place.network.workers[6]), f"/api/v1/conversations/groups/{group.pk}/messages/", "hi")
    with CaptureQueriesContext(connection) as many:
        body = mentor.get(LIST).json()
    assert len(body["results"]) == 6 and body["unread"] == 5
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_the_newest_conversation_comes_first(place: Place, as_user: Any) -> None:
    mentee = as_user(place.active.mentee)
    _send(mentee, _messages(place), "first")
    second = place.mentoring.offer(place.mentoring.mentees[0], place.mentoring.mentors[1], MatchState.CLOSED)
    type(second).objects.filter(pk=second.pk).update(closed_at=timezone.now() - timedelta(days=1))
    results = mentee.get(LIST).json()["results"]
    assert [r["id"] for r in results][:1] == [str(place.active.pk)]


def test_a_page_of_messages_costs_the_same_queries_however_many(place: Place, as_user: Any, settings: Any) -> None:
    settings.MESSAGE_RATE_PER_CONVERSATION = (200, 60)
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    url = _messages(place)
    _send(mentee, url, "first")
    _send(mentor, url, "second")
    with CaptureQueriesContext(connection) as few:
        assert len(mentee.get(url).json()["results"]) == 2
    for i in range(40):
        _send(mentee if i % 2 else mentor, url, f"more {i}")
    with CaptureQueriesContext(connection) as many:
        assert len(mentee.get(url).json()["results"]) == 30
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_the_headers_count_agrees_with_her_list_in_every_case(place: Place, as_user: Any) -> None:
    """The header's count (one query, polled by every open tab) and the list's counts follow one rule: others'
    messages after what she read, not deleted, not from someone blocked either way, in conversations she is in."""
    mentee = place.active.mentee
    me = as_user(mentee)
    group_url = _messages(place, "group")
    writers = [as_user(member) for member in place.members[:3]]
    _send(me, _messages(place), "Mine does not count")
    _send(as_user(place.active.mentor), _messages(place), "One")
    two = _send(as_user(place.active.mentor), _messages(place), "Two").json()["id"]
    for writer, text in zip(writers, ("a", "b", "c"), strict=True):
        _send(writer, group_url, text)
    Message.objects.filter(pk=two).update(deleted_at=timezone.now())

    def both(client: Any) -> tuple[int, int]:
        listed = client.get(LIST).json()
        assert listed["unread"] == sum(entry["unread"] for entry in listed["results"])
        return client.get("/api/v1/conversations/unread-count/").json()["unread"], listed["unread"]

    header, listed = both(me)
    assert header == listed == 1  # "One"; "Two" was deleted, her own message is not unread
    reader = writers[0]
    header, listed = both(reader)
    assert header == listed == 2  # b and c
    Block.objects.create(blocker=place.members[0].membership.user, blocked=place.members[1].membership.user)
    header, listed = both(reader)
    assert header == listed == 1  # c only: b is hidden both ways
    reader.post(f"/api/v1/conversations/groups/{place.group.pk}/read/", {}, format="json")
    assert both(reader) == (0, 0)
    # an erased account's message (no sender) still counts for the others, as in her list
    Message.objects.create(conversation=Message.objects.get(pk=two).conversation, sender=None, sent_at=timezone.now())
    assert both(me) == (2, 2)
    # a paused match's messages count (she can still read them); a group she left, or whose round is no longer
    # published, is not hers any more
    type(place.active).objects.filter(pk=place.active.pk).update(state=MatchState.PAUSED)
    assert both(me) == (2, 2)
    _send(writers[2], group_url, "d")
    assert both(writers[1]) == (2, 2)  # c and d: a blocked her, and b is her own
    left = place.group.members.get(profile=place.members[1])
    left.left_at = timezone.now()
    left.save()
    assert both(writers[1]) == (0, 0)
    assert both(reader) == (1, 1)  # d, after what she read
    place.group.round.status = "forming"
    place.group.round.save()
    assert both(reader) == (0, 0)


@pytest.mark.parametrize("path", ["/api/v1/conversations/unread-count/", LIST])
def test_the_header_and_the_list_are_one_statement_for_anyone(place: Place, as_user: Any, path: str) -> None:
    # polled by every open tab: one query whatever she is in (nothing yet, matches on both sides, groups, blocks)
    mentor = place.network.workers[0]
    publish_group(place.network, [mentor, place.network.workers[6]], name="Autumn")
    Block.objects.create(blocker=mentor.membership.user, blocked=place.network.workers[6].membership.user)
    for profile in (place.outsider_worker, place.members[0], place.active.mentee, place.active.mentor, mentor):
        client = as_user(profile)
        with CaptureQueriesContext(connection) as count:
            assert client.get(path).status_code == 200
        assert len(count.captured_queries) == 1, [q["sql"] for q in count.captured_queries]
    waiting = as_user(place.outsider_worker).get(LIST).json()
    assert waiting == {"results": [], "unread": 0}


def test_each_entry_names_its_programme_its_title_and_its_last_message(place: Place, as_user: Any) -> None:
    member = as_user(place.members[0])
    PeerGroup.objects.filter(pk=place.group.pk).update(index=2)
    before = as_user(place.members[1]).get(LIST).json()["results"]
    assert [(e["kind"], e["last_message_at"]) for e in before] == [("group", None)]  # nobody wrote yet
    _send(as_user(place.members[1]), _messages(place, "group"), "Hi all")
    _send(as_user(place.active.mentee), _messages(place), "Hallo")
    [group] = member.get(LIST).json()["results"]
    round = place.group.round
    conversation = Conversation.objects.get(group=place.group)
    assert group == {
        "kind": "group",
        "id": str(place.group.pk),
        "programme": str(round.programme_id),
        "programme_name": round.programme.name,
        "title": f"{round.name} · 3",
        "can_write": True,
        "unread": 1,
        "last_message_at": group["last_message_at"],
    }
    assert parse_datetime(group["last_message_at"]) == conversation.last_message_at
    [match] = as_user(place.active.mentor).get(LIST).json()["results"]
    programme = place.active.programme
    assert (match["programme"], match["programme_name"]) == (str(programme.pk), programme.name)
    assert parse_datetime(match["last_message_at"]) == Conversation.objects.get(match=place.active).last_message_at
