"""Canary strings in every sensitive field, and a representative run of every flow (sign-up, sensitive answers,
run, approve, accept, decline, end, feedback, peer groups published, bad input): none of them may appear in a
log record, in a Celery message, in an error response, or in an email (a person's own address in the
recipients' list excepted)."""

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from celery.app.task import Task
from django.core import mail
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from rest_framework.test import APIClient

from privacy.sensitive import SENSITIVE_ATTRIBUTES, SENSITIVE_CODES
from programmes.models import ProgrammeKind, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, UserFactory, coordinator_of
from tests.backend.security.canaries import LeakWatch, sensitive_text

pytestmark = pytest.mark.django_db


def person(tag: str) -> dict[str, str]:
    """Canary values for one person: each is unique to her and cannot occur by chance."""
    return {
        "full_name": f"Kanarienvogel {tag} Fullname",
        "email": f"kanarienvogel.{tag.lower()}@example.org",
        "phone": f"+49 151 5551 {sum(map(ord, tag)) % 10000:04d}",
        "goals_text": f"Kanarienvogel-{tag}-freetext: I fled and need safety",
    }


MENTEE, MENTOR, DECLINER = person("Mentee"), person("Mentor"), person("Decliner")
DECLINE_TEXT = "Kanarienvogel-decline-text: she reminds me of my abuser"
END_TEXT = "Kanarienvogel-end-text: she told me she is undocumented"
FEEDBACK_TEXT = "Kanarienvogel-feedback-text: my mentor helped me leave my husband"
FOLLOWUP_TEXT = "Kanarienvogel-followup-text: a member disclosed her HIV status"
SENSITIVE_WORDS = sorted(SENSITIVE_CODES | {item.labels["en"] for item in SENSITIVE_ATTRIBUTES})


@dataclass
class Capture:
    records: list[str] = field(default_factory=list)
    """Each record's text as it was logged (read at once: handler filters may rewrite the record later)."""
    tasks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class _Everything(logging.Handler):
    def __init__(self, capture: Capture) -> None:
        super().__init__(level=logging.DEBUG)
        self.capture = capture

    def emit(self, record: logging.LogRecord) -> None:
        self.capture.records.append(f"{record.name}: {_log_text(record)}")


def _log_text(record: logging.LogRecord) -> str:
    text = f"{record.getMessage()} {record.args!r}"
    if record.exc_info:
        text += logging.Formatter().formatException(record.exc_info)
    return text


@pytest.fixture
def capture(monkeypatch: pytest.MonkeyPatch) -> Iterator[Capture]:
    captured = Capture()
    handler = _Everything(captured)
    root = logging.getLogger()
    old_level = root.level
    # First in line: the console handler's filter rewrites records in place (scrubbing emails and phone
    # numbers), and this check must see what the code logged, not what the filter made of it.
    root.handlers.insert(0, handler)
    root.setLevel(logging.DEBUG)
    real_apply_async = Task.apply_async

    def apply_async(task: Task, args: Any = None, kwargs: Any = None, *rest: Any, **options: Any) -> Any:
        captured.tasks.append(f"{task.name} {json.dumps([args, kwargs], default=str)}")
        return real_apply_async(task, args, kwargs, *rest, **options)

    monkeypatch.setattr(Task, "apply_async", apply_async)
    yield captured
    root.removeHandler(handler)
    root.setLevel(old_level)


@pytest.fixture
def run(capture: Capture, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Send one request as the browser would, running what it queues after commit (tasks, emails) at once."""

    def send(client: APIClient, method: str, path: str, body: Any = None, expect: int | None = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.generic(
                method, path, json.dumps(body) if body is not None else "", content_type="application/json"
            )
        if response.status_code >= 400:
            capture.errors.append(response.content.decode())
        if expect is not None:
            assert response.status_code == expect, (method, path, response.content)
        return response.json() if response.content and "json" in response["Content-Type"] else None

    return send


def signup(run: Callable[..., Any], programme: Any, role: str, who: dict[str, str], **profile: Any) -> APIClient:
    client = APIClient()
    body = {
        "role": role,
        "account": {
            "email": who["email"],
            "password": "a-long-passphrase-2026",
            "display_name": who["full_name"].split()[1],
            "full_name": who["full_name"],
            "phone": who["phone"],
        },
        "profile": {
            "languages": [{"code": "ar", "level": "C2"}, {"code": "de", "level": "C1"}],
            "sectors": ["86"],
            "goals": ["job_search"],
            "goals_text": who["goals_text"],
            "city": "Berlin",
            "country": "DE",
            "availability": ["mon:evening"],
            "share_email": True,
            "share_phone": True,
            **profile,
        },
        "consent": {"given": True, "version": "1", "purposes": ["sensitive_matching", "contact_sharing"]},
    }
    run(client, "POST", f"/api/v1/programmes/{programme.pk}/signup/", body, expect=202)
    return client


def test_no_canary_reaches_logs_tasks_emails_or_error_answers(
    capture: Capture, run: Callable[..., Any], client_for: Callable[[Any], APIClient], mailoutbox: list[Any]
) -> None:
    programme = ProgrammeFactory(name="Jobs Berlin")
    coordinator = client_for(coordinator_of(programme))
    other_coordinator = client_for(coordinator_of(ProgrammeFactory()))

    # Sign-up, sensitive answers, and a sign-up again with a taken address (answered exactly the same).
    mentee = signup(run, programme, "mentee", MENTEE, woman_mentor_only=True)
    run(mentee, "PUT", "/api/v1/me/sensitive-attributes/", {"sensitive_attributes": sorted(SENSITIVE_CODES)}, 200)
    decliner = signup(run, programme, "mentee", DECLINER)
    mentor = signup(run, programme, "mentor", MENTOR, capacity=2, gender="woman", goals=["job_search"])
    signup(run, programme, "mentee", MENTEE)

    # The coordinator verifies the mentor, runs the matching, reads the records, approves the proposals.
    profiles = {
        p["role"] + p["display_name"]: p
        for p in run(coordinator, "GET", f"/api/v1/programmes/{programme.pk}/participants/")["results"]
    }
    mentor_profile = next(p for key, p in profiles.items() if key.startswith("mentor"))
    mentee_profile = next(p for p in profiles.values() if p["full_name"] == MENTEE["full_name"])
    run(coordinator, "POST", f"/api/v1/profiles/{mentor_profile['id']}/verify/", expect=200)
    record = run(coordinator, "GET", f"/api/v1/profiles/{mentee_profile['id']}/", expect=200)
    assert (record["full_name"], record["phone"]) == (MENTEE["full_name"], MENTEE["phone"])  # canaries are live
    run(coordinator, "GET", f"/api/v1/profiles/{mentee_profile['id']}/sensitive-attributes/", expect=200)
    run(coordinator, "GET", f"/api/v1/programmes/{programme.pk}/participants/?search=Kanarienvogel", expect=200)
    run(coordinator, "POST", f"/api/v1/programmes/{programme.pk}/runs/", {}, expect=202)
    proposals = run(coordinator, "GET", f"/api/v1/programmes/{programme.pk}/matches/?state=proposed")["results"]
    assert len(proposals) == 2, "the mentor (capacity 2) is proposed to both mentees"
    run(
        coordinator,
        "POST",
        f"/api/v1/programmes/{programme.pk}/matches/bulk-approve/",
        {"ids": [p["id"] for p in proposals]},
        200,
    )

    # The mentor accepts one offer; the other mentee declines hers with a reason in her own words.
    offers = {m["counterpart"]["profile"]: m for m in run(mentor, "GET", "/api/v1/matches/")["results"]}
    accepted = offers[mentee_profile["id"]]
    declined = next(m for profile, m in offers.items() if profile != mentee_profile["id"])
    run(mentor, "POST", f"/api/v1/matches/{accepted['id']}/accept/", expect=200)
    run(decliner, "POST", f"/api/v1/matches/{declined['id']}/decline/", {"reason": "other", "text": DECLINE_TEXT}, 200)
    run(mentor, "GET", f"/api/v1/matches/{accepted['id']}/", expect=200)

    # Feedback and the end of the match, both with free text.
    run(mentee, "POST", f"/api/v1/matches/{accepted['id']}/feedback/", {"rating": 5, "text": FEEDBACK_TEXT}, 201)
    run(mentee, "POST", f"/api/v1/matches/{accepted['id']}/end/", {"reason": "other", "text": END_TEXT}, 200)
    run(coordinator, "GET", f"/api/v1/programmes/{programme.pk}/audit/", expect=200)
    run(coordinator, "GET", f"/api/v1/programmes/{programme.pk}/health/", expect=200)
    run(mentee, "GET", "/api/v1/me/data/", expect=200)

    # A peer network: a round opened, formed and published; a member answers the follow-up.
    network = ProgrammeFactory(kind=ProgrammeKind.PEER_NETWORK, city="", country="BE")
    network_coordinator = client_for(coordinator_of(network))
    workers = []
    for i, city in enumerate(["Brussels", "Liège", "Rome", "Milan"]):
        canary = person(f"Worker{i}")
        user = UserFactory(full_name=canary["full_name"], email=canary["email"], phone=canary["phone"])
        workers.append(
            ProfileFactory(
                membership=MembershipFactory(user=user, programme=network, role=Role.FRONTLINE_WORKER),
                city=city,
                country="BE",
                organisation=f"Org {i}",
                worker_role="social_worker",
                topics_interest=["mental_health"],
                goals=[],
                languages={"en": "B2"},
                share_email=True,
            )
        )
    round_ = run(
        network_coordinator,
        "POST",
        f"/api/v1/programmes/{network.pk}/rounds/",
        {"name": "Spring", "min_size": 4, "max_size": 4},
        201,
    )
    run(network_coordinator, "POST", f"/api/v1/rounds/{round_['id']}/form/", expect=202)
    run(network_coordinator, "POST", f"/api/v1/rounds/{round_['id']}/publish/", expect=200)
    member = client_for(workers[0].membership.user)
    group = run(member, "GET", "/api/v1/groups/")["results"][0]
    run(
        member,
        "POST",
        f"/api/v1/groups/{group['id']}/followup/",
        {"met": True, "rating": 4, "comment": FOLLOWUP_TEXT},
        201,
    )
    run(network_coordinator, "GET", f"/api/v1/rounds/{round_['id']}/participation/", expect=200)

    # Bad input and refusals, each carrying canaries where a careless error message would echo them.
    run(
        APIClient(),
        "POST",
        f"/api/v1/programmes/{programme.pk}/signup/",
        {
            "role": "mentee",
            "account": {
                "email": MENTEE["full_name"],
                "password": MENTEE["phone"],
                "display_name": MENTEE["goals_text"] * 3,
            },
        },
        400,
    )
    run(mentee, "PATCH", "/api/v1/me/", {"phone": MENTEE["phone"] * 5, "full_name": MENTEE["full_name"] * 10}, 400)
    run(mentee, "PATCH", f"/api/v1/profiles/{mentee_profile['id']}/", {"goals_text": MENTEE["goals_text"] * 100}, 400)
    run(mentor, "POST", f"/api/v1/matches/{declined['id']}/decline/", {"reason": DECLINE_TEXT}, 400)
    run(mentor, "GET", f"/api/v1/profiles/{mentee_profile['id']}/", expect=404)
    run(other_coordinator, "GET", f"/api/v1/profiles/{mentee_profile['id']}/sensitive-attributes/", expect=404)
    run(decliner, "POST", f"/api/v1/matches/{accepted['id']}/end/", {"reason": "other", "text": END_TEXT}, 404)
    run(APIClient(), "GET", f"/api/v1/programmes/{programme.pk}/participants/?search={MENTEE['email']}", expect=403)

    # The flow really ran: emails went out, tasks were queued, errors were answered, logs were written.
    assert len(mailoutbox) >= 8 and len(capture.tasks) >= 8 and len(capture.errors) >= 8 and capture.records

    people = [MENTEE, MENTOR, DECLINER, *(person(f"Worker{i}") for i in range(4))]
    canaries = [value for who in people for value in who.values()]
    canaries += [DECLINE_TEXT, END_TEXT, FEEDBACK_TEXT, FOLLOWUP_TEXT, *SENSITIVE_WORDS]

    leaks = []
    for record in capture.records:
        leaks += [f"log {record[:60]}: {canary}" for canary in canaries if canary in record]
    for task in capture.tasks:
        leaks += [f"task {task[:60]}: {canary}" for canary in canaries if canary in task]
    for error in capture.errors:
        leaks += [f"error answer {error[:120]}: {canary}" for canary in canaries if canary in error]
    for message in mailoutbox:
        alternatives = getattr(message, "alternatives", [])  # a plain EmailMessage has none
        text = message.subject + message.body + "".join(str(content) for content, _type in alternatives)
        leaks += [f"email {message.subject!r} to {message.to}: {canary}" for canary in canaries if canary in text]
    assert not leaks, "\n".join(leaks)
    assert all(isinstance(message, mail.EmailMessage) for message in mailoutbox)


def _echo(request: HttpRequest, text: str) -> HttpResponse:
    return HttpResponse(f"refused: {text}", status=400)


urlpatterns = [path("echo/<str:text>", _echo)]
"""A careless view for the test below (``pytest.mark.urls``): its error answer repeats what it was sent."""


@pytest.mark.urls("tests.backend.security.test_canaries")
def test_the_suite_wide_watch_sees_every_channel(mailoutbox: list[Any], _no_personal_data_leaves_the_app: Any) -> None:
    """The autouse check in tests/backend/conftest.py proves something only if each channel really reaches it."""
    from config.celery import app

    @app.task(name="tests.canary_echo")
    def canary_echo(text: str) -> str:
        return text

    someone = UserFactory()
    report = sensitive_text("he followed me home")
    with LeakWatch() as watch:
        assert watch.found() == []
        logging.getLogger("bridges.test").warning("answers: %s", "gbv_survivor")
        canary_echo.delay(someone.email)
        own = Client()
        own.force_login(someone)
        assert own.get(f"/echo/{someone.email}").status_code == 400  # her own address, to her: no leak
        assert Client().get(f"/echo/{someone.email}").status_code == 400  # to anybody else: a leak
        mail.send_mail(f"Hello {someone.display_name}", f"About your report: {report}", None, [someone.email])
        mail.send_mail(f"Hello {someone.display_name}", "A neutral notice.", None, [someone.email])
        found = watch.found()
    assert {line.split(" ", 1)[0].rstrip(":") for line in found} == {"email", "error", "log", "task"}, found
    assert sum(line.startswith("error answer") for line in found) == 1, found  # not the one to herself
    assert sum(line.startswith("email") for line in found) == 1, found  # not the neutral one with her name
    assert watch.found() == found  # closed: nothing more is recorded
    # The leaks above were on purpose: the suite-wide watch (the same class, still open) saw them too.
    suite_wide = _no_personal_data_leaves_the_app
    assert len(suite_wide.found()) == len(found)
    suite_wide.clear()
    mailoutbox.clear()
