"""What each person sees of others: the exact keys of every participant-facing answer, per role and match state,
and a sweep of every readable route proving that special-category data and a mentee's private details never
reach a mentor, an employer, a peer or an outsider.

A new key in one of these answers fails here on purpose: add it to the allowlist only after deciding who may
see it (DESIGN.md, "Who sees what")."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from privacy.sensitive import SENSITIVE_ATTRIBUTES, SENSITIVE_CODES, SENSITIVE_FIELD_NAMES
from tests.backend.security.matrix import ROWS, fill
from tests.backend.security.world import AMIRA, AMIRA_GOALS, LINA_REPORT, SecurityWorld

pytestmark = pytest.mark.django_db

CARD = {
    "profile",
    "first_name",
    "address_as",
    "languages",
    "languages[].code",
    "languages[].level",
    "sectors",
    "goals",
    "city",
    "country",
    "role",
}
MATCH_COMMON = {
    "id",
    "programme",
    "state",
    "my_role",
    "contact",
    "reasons",
    "reasons[].code",
    "reasons[].params",
    "offer_expires_at",
    "accepted_at",
    "closed_at",
    "feedback_given",
    "counterpart_hidden",
    *(f"counterpart.{key}" for key in CARD),
    "counterpart",
}
CONTACT = {"contact.full_name", "contact.email", "contact.phone"}
BLANK = MATCH_COMMON - {"counterpart.languages[].code", "counterpart.languages[].level"}
"""The card of someone who blocked the viewer: the same keys, all empty."""
PROFILE = {
    "id",
    "programme",
    "role",
    "user",
    "display_name",
    "full_name",
    "email",
    "phone",
    "languages",
    "languages[].code",
    "languages[].level",
    "sectors",
    "job_families",
    "goals",
    "goals_text",
    "city",
    "country",
    "online",
    "availability",
    "gender",
    "woman_mentor_only",
    "online_only",
    "share_email",
    "share_phone",
    "capacity",
    "support_qualities",
    "available",
    "verified",
    "verified_at",
    "organisation",
    "worker_role",
    "topics_expertise",
    "topics_interest",
    "created_at",
    "updated_at",
}
GROUP_MEMBER_VIEW = {
    "id",
    "programme",
    "round",
    "round.id",
    "round.name",
    "round.published_at",
    "current",
    "shared_topics",
    "shared_languages",
    "cities",
    "reasons",
    "reasons[].code",
    "reasons[].params",
    "members",
    "members[].profile",  # an opaque id, to report or block a member; her profile itself stays 404 to peers
    "members[].name",
    "members[].address_as",
    "members[].is_me",
    "members[].role",
    "members[].organisation",
    "members[].city",
    "members[].topics_expertise",
    "members[].topics_interest",
    "members[].email",
    "members[].phone",
    "members_left",  # a count: who left is not said
    "first_meeting",
    "first_meeting.slot",
    "first_meeting.available",
    "first_meeting.members",
    "resources",
    "resources[].topic",
    "resources[].title",
    "resources[].url",
    "followup",
    "followup.due_at",
    "followup.asked",
    "followup.answered",
    "followup.met",
    "followup.rating",
}

CONVERSATIONS = {
    "results",
    *(
        f"results[].{key}"
        for key in ("kind", "id", "programme", "programme_name", "title", "can_write", "unread", "last_message_at")
    ),
    "unread",
}
MESSAGE_PAGE = {
    "results",
    *(f"results[].{key}" for key in ("id", "mine", "sender", "sender_profile", "text", "deleted", "sent_at")),
    "has_more",
    "can_write",
    "closed_reason",
    "seen_up_to",
}
HEALTH = {
    *(f"states.{state}" for state in ("proposed", "offered", "active", "paused", "closed", "declined", "rejected")),
    "states.expired",
    "states",
    "mentees",
    "mentees_waiting",
    "median_days_waiting",
    "offers_answered",
    "acceptance_rate",
    "decline_rate",
    "expiry_rate",
    "decline_reasons",
    "decline_reasons.no_time",  # keyed by the reason's code: the world has one decline
    "mentor_load",
    "mentor_load.full",
    "mentor_load.some",
    "mentor_load.free",
    "first_meetings",
    "first_meetings.booked",
    "first_meetings.median_days_from_accept",
    "feedback",
    "feedback.count",
    "feedback.average_rating",
    "feedback.goals_reached",
}
"""Figures only: counts and rates, never a name (each mentor's load is the coordinators' paged list below)."""
MENTOR_LOAD_PAGE = {
    "count",
    "next",
    "previous",
    "results",
    *(f"results[].{key}" for key in ("mentor", "name", "open_matches", "capacity")),
}
# (who, what, path) → the exact keys of the answer. The closed cohort's match is active; Jobs Berlin's is offered.
ALLOWLISTS: list[tuple[str, str, Callable[[SecurityWorld], str], set[str]]] = [
    ("mentee", "her offer", lambda w: f"/api/v1/matches/{w.objects['offer']}/", MATCH_COMMON),
    ("mpending", "the offer, before accept", lambda w: f"/api/v1/matches/{w.objects['offer']}/", MATCH_COMMON),
    ("mentee", "her active match", lambda w: f"/api/v1/matches/{w.objects['active']}/", MATCH_COMMON | CONTACT),
    ("mactive", "the match, after accept", lambda w: f"/api/v1/matches/{w.objects['active']}/", MATCH_COMMON | CONTACT),
    ("lina", "her declined offer", lambda w: f"/api/v1/matches/{w.objects['declined']}/", MATCH_COMMON),
    ("ines", "the declined offer, blocked by Lina", lambda w: f"/api/v1/matches/{w.objects['declined']}/", BLANK),
    ("mentee", "her own profile", lambda w: f"/api/v1/profiles/{w.objects['mentee_profile']}/", PROFILE),
    ("coord", "a participant's profile", lambda w: f"/api/v1/profiles/{w.objects['mentee_profile']}/", PROFILE),
    ("coord", "the programme's health", lambda w: f"/api/v1/programmes/{w.objects['jobs']}/health/", HEALTH),
    (
        "coord",
        "the mentors' load",
        lambda w: f"/api/v1/programmes/{w.objects['jobs']}/health/mentor-load/",
        MENTOR_LOAD_PAGE,
    ),
    ("wgroup", "her peer group", lambda w: f"/api/v1/groups/{w.objects['group']}/", GROUP_MEMBER_VIEW),
    ("mentee", "her conversations", lambda w: "/api/v1/conversations/", CONVERSATIONS),
    (
        "mentee",
        "the messages of her match",
        lambda w: f"/api/v1/conversations/matches/{w.objects['active']}/messages/",
        MESSAGE_PAGE,
    ),
]


def _user(world: SecurityWorld, who: str) -> Any:
    if who in world.people:
        return world.people[who]
    return world.profiles[who].membership.user


OPAQUE = {"params"}
"""A reason's parameters differ by reason (language, topics …); the sweep below checks their values instead."""


def keys(value: Any, prefix: str = "") -> set[str]:
    """Every key path in a JSON value: ``a.b`` for nested objects, ``a[].b`` for objects in lists."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found.add(path)
            if key not in OPAQUE:
                found |= keys(item, path)
    elif isinstance(value, list):
        for item in value:
            found |= keys(item, f"{prefix}[]")
    return found


@pytest.mark.parametrize(
    ("who", "what", "path", "allowed"), ALLOWLISTS, ids=[f"{w}: {what}" for w, what, _p, _a in ALLOWLISTS]
)
def test_answer_has_exactly_the_allowed_keys(
    who: str,
    what: str,
    path: Callable[[SecurityWorld], str],
    allowed: set[str],
    security_world: SecurityWorld,
    client_for: Callable[[Any], APIClient],
) -> None:
    response = client_for(_user(security_world, who)).get(path(security_world))
    assert response.status_code == 200, response.content
    found = keys(response.json())
    assert found == allowed, f"{what} as {who}: unexpected {sorted(found - allowed)}, missing {sorted(allowed - found)}"


def test_list_entries_match_the_detail_views(
    security_world: SecurityWorld, client_for: Callable[[Any], APIClient]
) -> None:
    for who in ("mentee", "mpending", "mactive"):
        page = client_for(_user(security_world, who)).get("/api/v1/matches/").json()
        assert page["results"], who
        for entry in page["results"]:
            assert keys(entry) <= MATCH_COMMON | CONTACT, who
    groups = client_for(_user(security_world, "wgroup")).get("/api/v1/groups/").json()["results"]
    assert [keys(group) for group in groups] == [GROUP_MEMBER_VIEW]


def test_the_mentor_before_accept_sees_a_card_without_her_name_or_contact(
    security_world: SecurityWorld, client_for: Callable[[Any], APIClient]
) -> None:
    offer = client_for(security_world.people["mpending"]).get(f"/api/v1/matches/{security_world.objects['offer']}/")
    body = offer.json()
    assert body["contact"] is None
    assert body["counterpart"]["first_name"] in ("A.", "Amira")
    assert all(reason["code"] != "woman_mentor_only" for reason in body["reasons"])


def test_the_mentor_after_accept_sees_only_what_she_shared(
    security_world: SecurityWorld, client_for: Callable[[Any], APIClient]
) -> None:
    match = client_for(security_world.people["mactive"]).get(f"/api/v1/matches/{security_world.objects['active']}/")
    contact = match.json()["contact"]
    assert contact["email"] == AMIRA["email"]  # she shares her email in the closed cohort
    assert contact["phone"] is None  # and not her phone


def test_someone_who_blocked_you_is_a_blank_card(
    security_world: SecurityWorld, client_for: Callable[[Any], APIClient]
) -> None:
    ines = security_world.profiles["ines"].membership.user
    body = client_for(ines).get(f"/api/v1/matches/{security_world.objects['declined']}/").json()
    assert body["counterpart_hidden"] is True and body["contact"] is None
    card = body["counterpart"]
    assert (card["first_name"], card["languages"], card["city"], card["goals"]) == ("", [], "", [])


def test_her_mentors_cannot_open_her_profile(
    security_world: SecurityWorld, client_for: Callable[[Any], APIClient]
) -> None:
    for who, profile in (("mpending", "mentee_profile"), ("mactive", "mentee_profile")):
        response = client_for(security_world.people[who]).get(f"/api/v1/profiles/{security_world.objects[profile]}/")
        assert response.status_code == 404
        assert keys(response.json()) == {"type", "errors", "errors[].code", "errors[].detail", "errors[].attr"}


SENSITIVE_WORDS = sorted(SENSITIVE_CODES | {item.labels["en"] for item in SENSITIVE_ATTRIBUTES})
OWN_DATA = ("/api/v1/me/sensitive-attributes/", "/api/v1/reference/", "/api/v1/csrf/")
"""Fixed lists (e.g. the sensitive questions anyone may answer about herself), not data about anyone. Her own
account, consents and data export are swept: they must not carry her counterpart's details either."""
OUTSIDERS = ("anon", "omentee", "mpending", "mactive", "omentor", "employer", "wgroup", "wother", "ocoord", "admin")
GET_ROWS = [row for row in ROWS if row.is_api and row.method == "GET" and not row.path.startswith(OWN_DATA)]
"""The API's readable routes. The matrix's other GET rows hold nobody's data but the caller's own sign-in
details (allauth), fixed texts (the schema and its docs page, the web app's page) or none (health, admin guard)."""


@pytest.mark.parametrize("role", OUTSIDERS)
def test_special_category_data_and_her_private_details_reach_no_one_else(
    role: str, security_world: SecurityWorld, client_for: Callable[[Any], APIClient]
) -> None:
    """Every readable route, as everyone but Amira and her coordinator: no sensitive key or value, none of her
    private details, and before acceptance not even her full name or email (her active mentor sees her
    shared email and her full name, as the design allows)."""
    client = client_for(security_world.user(role))
    shared_after_accept = {AMIRA["email"], AMIRA["full_name"]} if role == "mactive" else set()
    canaries = [
        AMIRA["phone"],
        AMIRA_GOALS,
        LINA_REPORT,
        *(set(AMIRA.values()) - shared_after_accept),
        *SENSITIVE_WORDS,
    ]
    for row in GET_ROWS:
        response = client.get(fill(row.path, security_world, row.object))
        text = response.content.decode()
        leaked = [canary for canary in canaries if canary in text]
        assert not leaked, f"GET {row.path} [{row.object}] as {role} shows {leaked}"
        if response.status_code == 200 and not row.path.startswith("/api/v1/me/"):  # her own export has the key
            names = {key.rsplit(".", 1)[-1].removesuffix("[]") for key in keys(response.json())}
            assert not names & set(SENSITIVE_FIELD_NAMES), f"GET {row.path} as {role} has sensitive keys"


def test_the_canaries_are_live_where_they_may_be_seen(
    security_world: SecurityWorld, client_for: Callable[[Any], APIClient]
) -> None:
    """The sweep above proves something only if the canaries are really there for those who may see them."""
    profile = f"/api/v1/profiles/{security_world.objects['mentee_profile']}/"
    for who in ("mentee", "coord"):
        text = client_for(security_world.user(who)).get(profile).content.decode()
        assert all(value in text for value in (*AMIRA.values(), AMIRA_GOALS)), who
    answers = client_for(security_world.user("coord")).get(f"{profile}sensitive-attributes/").json()
    assert set(answers["sensitive_attributes"]) == SENSITIVE_CODES
    reports = f"/api/v1/programmes/{security_world.objects['jobs']}/safety-reports/"
    assert LINA_REPORT in client_for(security_world.user("coord")).get(reports).content.decode()
