"""The peer-network journey through the API: open a round, opt out, form, review and move, publish, what a
member sees, follow-up, participation and the network — and who may see what."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from peers import services
from peers.models import GroupMember, PeerGroup, Round
from privacy.models import AuditEvent
from tests.backend.peers.conftest import Network, worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(as_user: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Start a formation through the API; the task it queues after commit is run here, as a worker would."""
    from peers.tasks import form_groups

    def start(n: Network, round_id: Any) -> dict[str, Any]:
        with django_capture_on_commit_callbacks(execute=False) as queued:
            response = as_user(n.coordinator).post(f"/api/v1/rounds/{round_id}/form/")
        assert response.status_code == 202, response.json()
        assert response.json()["status"] == "forming" and len(queued) == 1
        form_groups(str(round_id))
        return as_user(n.coordinator).get(f"/api/v1/rounds/{round_id}/").json()

    return start


def open_round(as_user: Any, n: Network, **body: Any) -> dict[str, Any]:
    body = {"name": "Spring 2027", "min_size": 4, "max_size": 6, "min_distinct_cities": 3, **body}
    response = as_user(n.coordinator).post(f"/api/v1/programmes/{n.programme.id}/rounds/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def groups(as_user: Any, n: Network, round_id: Any) -> list[dict[str, Any]]:
    response = as_user(n.coordinator).get(f"/api/v1/rounds/{round_id}/groups/")
    assert response.status_code == 200
    return response.json()


def test_round_open_form_review_publish_and_the_member_view(as_user: Any, network: Network, form: Any) -> None:
    n = network
    opened = open_round(as_user, n, topic_focus=["mental_health"])
    assert opened["status"] == "open" and opened["target_size"] == 5 and opened["followup_after_days"] == 30
    rid = opened["id"]
    # Everyone is opted in when the round opens; one member opts out before formation.
    leaver = n.workers[11]
    mine = as_user(n.workers[0]).get(f"/api/v1/programmes/{n.programme.id}/rounds/").json()["results"]
    assert [(r["id"], r["opted_in"]) for r in mine] == [(rid, True)]
    out = as_user(leaver).post(f"/api/v1/rounds/{rid}/opt-out/")
    assert out.status_code == 200 and out.json() == {"round": rid, "opted_in": False}
    assert as_user(leaver).get(f"/api/v1/rounds/{rid}/").json()["opted_in"] is False

    detail = form(n, rid)
    assert detail["status"] == "draft" and detail["progress"] == 100, detail
    assert detail["stats"]["workers"] == 11 and detail["stats"]["repeat_pairs"] == 0
    drafted = groups(as_user, n, rid)
    members = [m["profile"] for g in drafted for m in g["members"]]
    assert sorted(members) == sorted(str(w.id) for w in n.workers[:11])  # everyone opted in, once
    assert all(4 <= len(g["members"]) <= 6 for g in drafted)
    for group in drafted:
        codes = {r["code"] for r in group["reasons"]}
        assert {"shared_language", "cities_mixed"} <= codes, group["reasons"]
        assert len(group["cities"]) >= 3
    # Opting in or out after formation started is refused.
    late = as_user(leaver).post(f"/api/v1/rounds/{rid}/opt-in/")
    assert late.status_code == 409 and "opting in or out is closed" in late.json()["errors"][0]["detail"]
    # Members do not see drafts.
    assert as_user(n.workers[0]).get("/api/v1/groups/").json()["results"] == []

    published = as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert published.json()["published_at"] and published.json()["stats"]["repeat_pairs"] == 0
    assert Notification.objects.filter(kind="groups_published").count() == 11
    assert set(AuditEvent.objects.filter(target_id=rid).values_list("action", flat=True)) >= {
        "round.open",
        "round.opt_out",
        "round.form",
        "round.formed",
        "round.publish",
    }

    me = n.workers[0]
    listing = as_user(me).get("/api/v1/groups/").json()["results"]
    assert len(listing) == 1
    view = as_user(me).get(f"/api/v1/groups/{listing[0]['id']}/").json()
    assert view["round"]["name"] == "Spring 2027" and view["current"] is True
    assert any(p["is_me"] and p["name"] == me.membership.user.display_name for p in view["members"])
    assert view["first_meeting"]["slot"] == "wed:evening"
    assert view["first_meeting"]["available"] == view["first_meeting"]["members"] == len(view["members"])
    assert view["resources"] and all(r["url"].startswith("https://") for r in view["resources"])
    assert {r["code"] for r in view["reasons"]} <= {
        "shared_topics",
        "shared_language",
        "cities_mixed",
        "organisations_mixed",
    }


def test_members_see_only_shared_contact_details_and_nothing_else(as_user: Any, network: Network) -> None:
    n = network
    n.workers[1].share_email = True
    n.workers[1].save()
    n.workers[2].share_phone = True
    n.workers[2].save()
    user = n.workers[2].membership.user
    user.phone = "+32 470 00 00 00"
    user.save()
    round = n.open_round(min_size=12, max_size=12, min_distinct_cities=1)
    publish(n, round)
    view = as_user(n.workers[0]).get("/api/v1/groups/").json()["results"][0]
    people = {p["name"]: p for p in view["members"]}
    assert set(next(iter(people.values()))) == {
        "profile",  # safeguarding: names the member in a report or block
        "name",
        "address_as",
        "is_me",
        "role",
        "organisation",
        "city",
        "topics_expertise",
        "topics_interest",
        "email",
        "phone",
    }
    assert people["Worker 1"]["email"] == n.workers[1].membership.user.email and people["Worker 1"]["phone"] is None
    assert people["Worker 2"]["phone"] == "+32 470 00 00 00" and people["Worker 2"]["email"] is None
    assert people["Worker 3"]["email"] is None and people["Worker 3"]["phone"] is None
    body = str(view["members"])
    for private in ("languages", "availability", "country", n.workers[3].membership.user.full_name):
        assert private not in body


def publish(n: Network, round: Round) -> Round:
    now = timezone.now()
    services.round_form(round=round, by=n.coordinator, now=now)
    services.round_form_execute(round_id=round.pk, clock=timezone.now)
    round.refresh_from_db()
    return services.round_publish(round=round, by=n.coordinator, now=now)


def test_a_move_that_breaks_rules_is_refused_with_the_rules_unless_forced(
    as_user: Any, network: Network, form: Any
) -> None:
    n = network
    rid = open_round(as_user, n, min_size=4, max_size=6, min_distinct_cities=2)["id"]
    form(n, rid)
    before = groups(as_user, n, rid)
    assert len(before) == 2 and [len(g["members"]) for g in before] == [6, 6]
    moving = before[0]["members"][0]["profile"]
    url = f"/api/v1/rounds/{rid}/moves/"
    refused = as_user(n.coordinator).post(url, {"worker": moving, "to_group": 1}, format="json")
    assert refused.status_code == 409
    body = refused.json()
    assert body["errors"][0]["code"] == "conflict" and "a group would be too large" in body["errors"][0]["detail"]
    assert {"code": "group_too_large", "params": {"group": 1, "size": 7, "max_size": 6}} in body["broken_rules"]
    assert groups(as_user, n, rid) == before  # nothing moved

    forced = as_user(n.coordinator).post(url, {"worker": moving, "to_group": 1, "force": True}, format="json")
    assert forced.status_code == 200, forced.json()
    result = forced.json()
    assert result["forced"] is True and result["broken_rules"] == body["broken_rules"]
    assert [len(g["members"]) for g in result["groups"]] == [5, 7]
    assert moving in [m["profile"] for m in result["groups"][1]["members"]]
    assert "group_too_large" in {r["code"] for r in result["groups"][1]["reasons"]}
    audit = AuditEvent.objects.get(action="round.move")
    assert audit.detail["forced"] is True and "group_too_large" in audit.detail["broken"]

    # A move that breaks nothing needs no confirmation.
    back = as_user(n.coordinator).post(url, {"worker": moving, "to_group": 0}, format="json")
    assert back.status_code == 200 and back.json()["forced"] is False and back.json()["broken_rules"] == []

    bad = as_user(n.coordinator).post(url, {"worker": moving, "to_group": 9}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["attr"] == "to_group"
    missing = as_user(n.coordinator).post(url, {"to_group": "x"}, format="json")
    assert missing.status_code == 400
    assert {e["attr"] for e in missing.json()["errors"]} == {"worker", "to_group"}

    as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")
    after = as_user(n.coordinator).post(url, {"worker": moving, "to_group": 1, "force": True}, format="json")
    assert after.status_code == 409 and "only while the groups are a draft" in after.json()["errors"][0]["detail"]


def test_publishing_is_refused_while_a_forced_move_left_a_group_outside_the_size_range(
    as_user: Any, network: Network, form: Any, django_capture_on_commit_callbacks: Any
) -> None:
    n = network
    rid = open_round(as_user, n, min_size=5, max_size=6, min_distinct_cities=2)["id"]
    form(n, rid)
    before = groups(as_user, n, rid)
    assert [len(g["members"]) for g in before] == [6, 6]
    url = f"/api/v1/rounds/{rid}/moves/"
    for member in before[0]["members"][:2]:  # group 1 down to 4, group 2 up to 8: both outside 5–6
        moved = as_user(n.coordinator).post(
            url, {"worker": member["profile"], "to_group": 1, "force": True}, format="json"
        )
        assert moved.status_code == 200, moved.json()

    with django_capture_on_commit_callbacks(execute=True):
        refused = as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")
    assert refused.status_code == 409
    error = refused.json()["errors"][0]
    assert error["code"] == "conflict"
    assert error["detail"] == (
        "These groups are outside the round's size range of 5–6 members: group 1 has 4 members and group 2 has 8 "
        "members. Move people so that every group has 5–6 members, then publish."
    )
    # Nothing was published and nobody was told.
    round = as_user(n.coordinator).get(f"/api/v1/rounds/{rid}/").json()
    assert round["status"] == "draft" and round["published_at"] is None
    assert not Notification.objects.filter(kind="groups_published").exists() and not mail.outbox
    assert as_user(n.workers[0]).get("/api/v1/groups/").json()["results"] == []

    # One person moved back: group 1 has 5, group 2 has 7 (still too many); a second one: both in range.
    back = before[0]["members"][0]["profile"]
    assert (
        as_user(n.coordinator).post(url, {"worker": back, "to_group": 0, "force": True}, format="json").status_code
        == 200
    )
    still = as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")
    assert still.status_code == 409 and "group 2 has 7 members" in still.json()["errors"][0]["detail"]
    assert "group 1" not in still.json()["errors"][0]["detail"]
    again = before[0]["members"][1]["profile"]
    assert as_user(n.coordinator).post(url, {"worker": again, "to_group": 0}, format="json").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        published = as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert Notification.objects.filter(kind="groups_published").count() == 12


def test_publishing_groups_that_no_move_can_fit_says_to_open_another_round(network: Network) -> None:
    n = network
    for profile in n.workers[3:]:
        profile.membership.user.is_active = False
        profile.membership.user.save()
    round = n.open_round(name="Too few", min_size=4, max_size=6)
    services.round_form(round=round, by=n.coordinator, now=timezone.now())
    round = services.round_form_execute(round_id=round.pk, clock=timezone.now)
    assert [g.members.count() for g in PeerGroup.objects.filter(round=round)] == [3]
    with pytest.raises(services.GroupsOutsideSizeRange) as refusal:
        services.round_publish(round=round, by=n.coordinator, now=timezone.now())
    assert str(refusal.value) == (
        "These groups are outside the round's size range of 4–6 members: group 1 has 3 members. "
        "3 members cannot be split into 1 group of 4–6: open a new round with another size range."
    )
    round.refresh_from_db()
    assert round.status == "draft"


def test_the_only_member_of_a_group_cannot_be_moved_out(as_user: Any, network: Network, form: Any) -> None:
    n = network
    rid = open_round(as_user, n, min_size=2, max_size=3, min_distinct_cities=1)["id"]
    form(n, rid)
    first = groups(as_user, n, rid)[0]["members"]
    url = f"/api/v1/rounds/{rid}/moves/"
    for member in first[:-1]:
        moved = as_user(n.coordinator).post(
            url, {"worker": member["profile"], "to_group": 1, "force": True}, format="json"
        )
        assert moved.status_code == 200, moved.json()
    last = first[-1]["profile"]

    refused = as_user(n.coordinator).post(url, {"worker": last, "to_group": 1, "force": True}, format="json")

    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["attr"] == "worker" and "cannot be left empty" in error["detail"]
    assert [m["profile"] for m in groups(as_user, n, rid)[0]["members"]] == [last]


def test_a_move_into_a_group_with_someone_met_before_names_the_repeat(network: Network) -> None:
    n = network
    first = publish(n, n.open_round(name="Autumn", min_size=6, max_size=6))
    earlier = {str(m.profile_id): m.group.index for m in GroupMember.objects.filter(round=first)}
    second = n.open_round(name="Winter", min_size=6, max_size=6)
    services.round_form(round=second, by=n.coordinator, now=timezone.now())
    services.round_form_execute(round_id=second.pk, clock=timezone.now)
    second.refresh_from_db()
    # 12 people in two groups of 6 again: at best each new group takes 3 from each old one, 2 × (3 + 3) repeats.
    assert second.stats["repeat_pairs"] == 12
    now_in = {str(m.profile_id): m.group.index for m in GroupMember.objects.filter(round=second)}
    person = next(iter(now_in))
    target = 1 - now_in[person]
    with pytest.raises(services.MoveBreaksRules) as refused:
        services.group_move(
            round=second,
            profile=n.workers[[str(w.id) for w in n.workers].index(person)],
            to_group=target,
            force=False,
            by=n.coordinator,
            now=timezone.now(),
        )
    repeat = next(r for r in refused.value.reasons if r["code"] == "repeat_pair")
    assert repeat["params"]["with"] and all(earlier[other] == earlier[person] for other in repeat["params"]["with"])


def test_states_roles_and_visibility(as_user: Any, network: Network, form: Any) -> None:
    n = network
    rid = open_round(as_user, n)["id"]
    member, outsider, other = n.workers[0], n.outsider, n.other_coordinator
    # A member sees the round but may not act as a coordinator: 403.
    assert as_user(member).get(f"/api/v1/rounds/{rid}/").status_code == 200
    for path in ("form/", "publish/"):
        assert as_user(member).post(f"/api/v1/rounds/{rid}/{path}").status_code == 403
    assert as_user(member).get(f"/api/v1/rounds/{rid}/groups/").status_code == 403
    assert as_user(member).get(f"/api/v1/programmes/{n.programme.id}/network/").status_code == 403
    assert as_user(member).post(f"/api/v1/programmes/{n.programme.id}/rounds/", {"name": "x"}).status_code == 403
    # The coordinator is not a member: she does not opt in.
    assert as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/opt-in/").status_code == 403
    # Another programme's coordinator and an outsider see nothing.
    for stranger in (outsider, other):
        client = as_user(stranger)
        assert client.get(f"/api/v1/rounds/{rid}/").status_code == 404
        assert client.get(f"/api/v1/rounds/{rid}/groups/").status_code == 404
        assert client.post(f"/api/v1/rounds/{rid}/form/").status_code == 404
        assert client.get(f"/api/v1/programmes/{n.programme.id}/rounds/").status_code == 404
        assert client.get(f"/api/v1/programmes/{n.programme.id}/network/").status_code == 404
    assert as_user(None).get(f"/api/v1/rounds/{rid}/").status_code == 403
    # Wrong state: publishing an open round, forming twice.
    assert as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/").status_code == 409
    form(n, rid)
    as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/")
    assert as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/form/").status_code == 409
    assert as_user(n.coordinator).post(f"/api/v1/rounds/{rid}/publish/").status_code == 409
    # A member sees only her own groups: another group's id answers 404, to her and to coordinators.
    mine = {m.group_id for m in GroupMember.objects.filter(profile=member)}
    theirs = PeerGroup.objects.exclude(pk__in=mine).first()
    assert theirs is not None
    assert as_user(member).get(f"/api/v1/groups/{theirs.pk}/").status_code == 404
    assert as_user(member).post(f"/api/v1/groups/{theirs.pk}/followup/", {"met": True}).status_code == 404
    assert as_user(other).get(f"/api/v1/groups/{theirs.pk}/").status_code == 404
    assert as_user(member).get(f"/api/v1/groups/{next(iter(mine))}/").status_code == 200


def test_bad_input_names_the_fields(as_user: Any, network: Network) -> None:
    n = network
    url = f"/api/v1/programmes/{n.programme.id}/rounds/"
    bad = as_user(n.coordinator).post(
        url, {"name": "", "min_size": 6, "max_size": 4, "topic_focus": ["astrology"]}, format="json"
    )
    assert bad.status_code == 400
    assert {e["attr"] for e in bad.json()["errors"]} >= {"name", "topic_focus.0"}
    sizes = as_user(n.coordinator).post(url, {"name": "A", "min_size": 6, "max_size": 4}, format="json")
    assert sizes.status_code == 400 and sizes.json()["errors"][0]["attr"] == "max_size"
    target = as_user(n.coordinator).post(
        url, {"name": "A", "min_size": 4, "max_size": 6, "target_size": 8}, format="json"
    )
    assert target.status_code == 400 and target.json()["errors"][0]["attr"] == "target_size"
    open_round(as_user, n, name="Twice")
    twice = as_user(n.coordinator).post(url, {"name": "Twice"}, format="json")
    assert twice.status_code == 400 and twice.json()["errors"][0]["attr"] == "name"


def test_rounds_are_for_peer_networks_only(as_user: Any, network: Network) -> None:
    from tests.backend.factories import ProgrammeFactory, coordinator_of

    mentoring = ProgrammeFactory()
    response = as_user(coordinator_of(mentoring)).post(
        f"/api/v1/programmes/{mentoring.id}/rounds/", {"name": "x"}, format="json"
    )
    assert response.status_code == 404


def test_followup_once_per_member_and_participation(as_user: Any, network: Network) -> None:
    n = network
    round = publish(n, n.open_round(min_size=6, max_size=6, followup_after_days=30))
    group = PeerGroup.objects.filter(round=round).order_by("index").first()
    assert group is not None
    members = [m.profile for m in group.members.select_related("profile__membership__user")]
    url = f"/api/v1/groups/{group.pk}/followup/"
    first = as_user(members[0]).post(url, {"met": True, "rating": 5, "comment": "Lovely"}, format="json")
    assert first.status_code == 201 and first.json()["rating"] == 5
    again = as_user(members[0]).post(url, {"met": False}, format="json")
    assert again.status_code == 409
    assert as_user(members[1]).post(url, {"met": False}, format="json").status_code == 201
    assert as_user(members[2]).post(url, {"met": True, "rating": 2}, format="json").status_code == 201
    bad = as_user(members[3]).post(url, {"met": "maybe", "rating": 9}, format="json")
    assert bad.status_code == 400 and {e["attr"] for e in bad.json()["errors"]} == {"met", "rating"}

    figures = as_user(n.coordinator).get(f"/api/v1/rounds/{round.pk}/participation/").json()
    assert figures["members"] == 12 and figures["answered"] == 3 and figures["met"] == 2
    assert figures["percent_met"] == 66.7 and figures["average_rating"] == 3.5
    row = next(g for g in figures["groups"] if g["id"] == str(group.pk))
    assert row["members"] == 6 and row["answered"] == 3 and row["percent_met"] == 66.7
    assert {a["comment"] for a in row["answers"]} == {"Lovely", ""}
    other = next(g for g in figures["groups"] if g["id"] != str(group.pk))
    assert other["answered"] == 0 and other["percent_met"] is None and other["average_rating"] is None
    assert as_user(members[0]).get(f"/api/v1/rounds/{round.pk}/participation/").status_code == 403
    view = as_user(members[0]).get(f"/api/v1/groups/{group.pk}/").json()
    assert view["followup"]["answered"] is True and view["followup"]["met"] is True


def test_followup_is_asked_once_per_member_after_the_set_time(network: Network) -> None:
    n = network
    round = publish(n, n.open_round(min_size=6, max_size=6, followup_after_days=30))
    published = round.published_at
    assert published is not None
    assert services.followups_send_due(now=published + timedelta(days=29)) == 0
    assert services.followups_send_due(now=published + timedelta(days=30, minutes=1)) == 12
    assert services.followups_send_due(now=published + timedelta(days=31)) == 0
    notices = Notification.objects.filter(kind="group_followup")
    assert notices.count() == 12 and len({n.user_id for n in notices}) == 12
    assert notices.first().params == {"round": round.name, "programme": "Frontline peers"}


def test_publishing_tells_each_member_once_in_her_language(network: Network) -> None:
    from notifications.tasks import send_notification_email

    n = network
    for profile, language in ((n.workers[0], "de"), (n.workers[1], "ar")):
        profile.membership.user.preferred_language = language
        profile.membership.user.save()
    round = n.open_round(name="Frühling 2027", min_size=6, max_size=6)
    services.round_form(round=round, by=n.coordinator, now=timezone.now())
    services.round_form_execute(round_id=round.pk, clock=timezone.now)
    round.refresh_from_db()
    services.round_publish(round=round, by=n.coordinator, now=timezone.now())
    notices = Notification.objects.filter(kind="groups_published")
    assert notices.count() == 12 and len({notice.user_id for notice in notices}) == 12
    for notice in notices:
        send_notification_email(str(notice.pk))  # what the worker does after commit
    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(by_address) == 12
    german = by_address[n.workers[0].membership.user.email]
    assert german.subject == "Ihre Peer-Gruppe ist bereit" and "Frühling 2027" in german.body
    assert "مجموعة الأقران" in by_address[n.workers[1].membership.user.email].subject
    assert by_address[n.workers[2].membership.user.email].subject == "Your peer group is ready"


def test_network_graph_and_summary(as_user: Any, network: Network) -> None:
    n = network
    publish(n, n.open_round(name="One", min_size=6, max_size=6))
    publish(n, n.open_round(name="Two", min_size=6, max_size=6))
    loner = worker(n.programme, 99, name="Newcomer")  # joined after the rounds: isolated
    data = as_user(n.coordinator).get(f"/api/v1/programmes/{n.programme.id}/network/").json()
    assert [r["name"] for r in data["rounds"]] == ["One", "Two"]
    assert len(data["nodes"]) == 13
    node = next(x for x in data["nodes"] if x["id"] == str(n.workers[0].id))
    assert node["city"] == "Brussels" and node["country"] == "BE" and node["organisation"] == "Org 0"
    assert 5 <= node["reach"] <= 10 and node["cities_reached"] >= 2
    assert all(e["weight"] == len(e["rounds"]) >= 1 for e in data["edges"])
    assert sum(e["weight"] for e in data["edges"]) == 2 * 2 * 15  # two rounds of two groups of six
    summary = data["summary"]
    assert summary["isolated"] == [str(loner.id)] and summary["members"] == 13
    assert summary["cross_city_ties"] > 0 and summary["city_ties"][0]["ties"] >= 1
    assert sorted(summary["city_components"][0]) == sorted(
        {c for c, _ in __import__("tests.backend.peers.conftest", fromlist=["CITIES"]).CITIES}
    )


def test_list_endpoints_make_a_bounded_number_of_queries(
    as_user: Any, network: Network, django_assert_max_num_queries: Any
) -> None:
    n = network
    for name in ("One", "Two", "Three"):
        publish(n, n.open_round(name=name, min_size=4, max_size=4))
    member = as_user(n.workers[0])
    coordinator = as_user(n.coordinator)
    round = Round.objects.first()
    with django_assert_max_num_queries(12):
        assert len(member.get("/api/v1/groups/").json()["results"]) == 3
    with django_assert_max_num_queries(10):
        assert len(coordinator.get(f"/api/v1/rounds/{round.pk}/groups/").json()) == 3
    with django_assert_max_num_queries(10):
        coordinator.get(f"/api/v1/rounds/{round.pk}/participation/")
    with django_assert_max_num_queries(12):
        assert coordinator.get(f"/api/v1/programmes/{n.programme.id}/network/").status_code == 200
    with django_assert_max_num_queries(10):
        assert len(member.get(f"/api/v1/programmes/{n.programme.id}/rounds/").json()["results"]) == 3


def test_coordinators_see_who_opted_in_per_city(as_user: Any, network: Network) -> None:
    n = network
    rid = open_round(as_user, n)["id"]
    as_user(n.workers[0]).post(f"/api/v1/rounds/{rid}/opt-out/")
    as_user(n.workers[6]).post(f"/api/v1/rounds/{rid}/opt-out/")
    late = worker(n.programme, 12, name="Joined later")  # joined after the round opened: taking part by default

    response = as_user(n.coordinator).get(f"/api/v1/rounds/{rid}/opt-ins/")

    assert response.status_code == 200
    body = response.json()
    assert (body["members"], body["opted_in"], body["opted_out"]) == (13, 11, 2)
    brussels = next(row for row in body["cities"] if row["city"] == late.city == "Brussels")
    assert brussels == {"city": "Brussels", "country": "BE", "opted_in": 1, "opted_out": 2}  # workers 0, 6 and 12
    assert sum(row["opted_in"] for row in body["cities"]) == 11
    assert as_user(n.workers[1]).get(f"/api/v1/rounds/{rid}/opt-ins/").status_code == 403
    assert as_user(n.other_coordinator).get(f"/api/v1/rounds/{rid}/opt-ins/").status_code == 404
