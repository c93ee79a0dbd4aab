"""Property-based fuzzing of the whole API with schemathesis, logged in as each role of the security world.

Runs in-process against Django's WSGI app on a fresh SQLite database (never the developer's or CI's), with every
default check and all four phases (examples, coverage, fuzzing, stateful). The time budget is shared between the
roles; the run fails on any server error or response that breaks the OpenAPI schema, when fewer cases ran than
the floor, when a phase that can run ran none (the stateful phase included; the examples phase needs examples
in the schema, which it has none of), and when a role's session stopped acting as that role. It prints how many
cases ran. Not part of `make test`: run it with `make fuzz` (FUZZ_SECONDS sets the budget, FUZZ_MIN_CASES the
floor).

Operations that end or change the caller's account are left out (``EXCLUDED_OPERATIONS``): once one of them
succeeded, every later case of that role (and of the roles after it, which share the database) would run as
someone gone or changed, and pass as a row of 401s. Dedicated tests cover them.

    .venv/bin/python -m tests.fuzz.fuzz_api [--seconds 300] [--min-cases 10000] [--roles coord,mentee]
"""

import argparse
import copy
import functools
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = "/api/schema/"
ROLE_OVERHEAD_SECONDS = 3
PHASE_CASES: dict[str, int] = {}
"""Cases run per phase (examples, coverage, fuzzing, stateful), over all roles."""
WORKDIR = REPO / "var" / "fuzz"
EXCLUDED_OPERATIONS: dict[str, str] = {
    "me_erase": "erases the caller's account (tests/backend/privacy/test_erasure_api.py)",
    "me_consents_withdraw": "withdrawing the programme consent makes the caller leave her programmes "
    "(tests/backend/privacy/test_consents_api.py)",
    "safety_report_suspend": "deactivates the reported person, who may be one of the roles "
    "(tests/backend/safeguarding/test_api.py)",
}
"""Operation id → why it is not fuzzed. Logging out and other allauth routes are not in the API's schema."""
CHECKS_LEFT_OUT: dict[str, str] = {
    "ignored_auth": "its probe crashes on schemathesis's in-process (WSGI) transport; the authorization matrix "
    "calls every route as the anonymous caller and as each role (tests/backend/security/test_authorization_matrix.py)",
    "positive_data_acceptance": "a request the schema allows may still break a rule of the programme (its roles, its "
    "reference lists, an object's state) and is then refused with a documented 400, which this check counts as a fault",
}
"""Schemathesis checks that are switched off, and why; every other default check runs, 4xx conformance included."""
REQUIRED_PHASES = ("coverage", "fuzzing", "stateful")
"""Phases that must run at least one case; "examples" runs only the examples a schema carries (ours has none)."""


def _django(db_path: Path) -> None:
    """Set Django up on a new SQLite file, with the test settings (eager tasks, local cache and email)."""
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.django.test"
    os.environ["DEBUG"] = "false"
    for path in (str(REPO / "backend"), str(REPO)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)  # thousands of refused requests are the point; errors are still shown
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


SESSION_SCHEME = "cookieAuth"
"""The schema's security scheme for the session cookie."""
CSRF_COOKIE_HEADER = "X-Fuzz-Csrf-Cookie"
"""The role's CSRF cookie travels in this header and is added by ``_with_csrf_cookie``. Schemathesis builds the
``Cookie`` header itself from the schema's security scheme (the session cookie): a ``Cookie`` header in the config
is dropped, and so, before, was the session and the CSRF cookie with it (the session was a generated value, and
every case ran as nobody, refused with 403 before its body was read: the fuzzer never saw a 400). The session is
given as the scheme's credential (``auth.openapi``), so schemathesis's own checks can still remove or spoil it."""


def _with_csrf_cookie(app: Any) -> Any:
    """The WSGI app, with the role's CSRF cookie added to whatever cookies the request carries."""
    header = "HTTP_" + CSRF_COOKIE_HEADER.upper().replace("-", "_")

    def application(environ: dict[str, Any], start_response: Any) -> Any:
        csrf = environ.pop(header, None)
        if csrf:
            environ["HTTP_COOKIE"] = "; ".join(filter(None, [environ.get("HTTP_COOKIE"), csrf]))
        return app(environ, start_response)

    return application


def _sessions(world: Any) -> dict[str, dict[str, str]]:
    """Headers that make a request come from each role: its session cookie and the CSRF token."""
    from django.conf import settings
    from django.test import Client

    from tests.backend.security.sessions import pass_two_step

    headers: dict[str, dict[str, str]] = {}
    for role, user in world.people.items():
        client = Client()
        if user is not None:
            client.force_login(user)
            pass_two_step(client, user)  # type: ignore[arg-type]
        token = client.get("/api/v1/csrf/").json()["csrf_token"]
        cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
        csrf = f"{settings.CSRF_COOKIE_NAME}={client.cookies[settings.CSRF_COOKIE_NAME].value}"
        headers[role] = {"Cookie": cookies, "X-CSRFToken": token, CSRF_COOKIE_HEADER: csrf}
    return headers


def _acts_as(world: Any, role: str, headers: dict[str, str]) -> str | None:
    """None if the headers really act as ``role`` (a coordinator's session passed two-step, too), else why not."""
    from django.core.cache import cache
    from django.test import Client

    cache.clear()  # a rate limit left by the fuzzing is not what this asks about
    client = Client(HTTP_COOKIE=headers["Cookie"])
    me = client.get("/api/v1/me/")
    if me.status_code != (403 if role == "anon" else 200):
        return f"GET /api/v1/me/ answered {me.status_code}: {me.content[:200]!r}"
    user = world.people[role]
    if user is not None and me.json().get("id") != str(user.pk):
        return "GET /api/v1/me/ answered for someone else"
    coordinates = client.get(f"/api/v1/programmes/{world.objects['jobs']}/participants/").status_code
    if (coordinates == 200) != (role == "coord"):
        return f"the participants list answered {coordinates}"
    return None


def _check_sessions(world: Any, headers: dict[str, dict[str, str]]) -> None:
    for role, role_headers in headers.items():
        problem = _acts_as(world, role, role_headers)
        assert problem is None, f"{role}: {problem}"


def _config(headers: dict[str, str], seconds: int, seed: int) -> Any:
    from django.conf import settings
    from schemathesis import Config

    cookies = dict(part.split("=", 1) for part in headers["Cookie"].split("; ") if "=" in part)
    session = cookies.get(settings.SESSION_COOKIE_NAME)

    return Config.from_dict(
        {
            "seed": seed,
            "max-time": seconds,
            "workers": 1,
            "headers": {name: value for name, value in headers.items() if name != "Cookie"},
            "auth": {"openapi": {SESSION_SCHEME: {"api_key": session}}} if session else {},
            "suppress-health-check": ["too_slow", "filter_too_much", "data_too_large"],
            "generation": {"max-examples": 25, "database": "none"},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": True, "max-steps": 8},
            },
            "output": {"sanitization": {"enabled": False}},
            "checks": {name: {"enabled": False} for name in CHECKS_LEFT_OUT},
        }
    )


@functools.cache
def _raw_schema() -> dict[str, Any]:
    """The OpenAPI schema, generated once for all roles (it takes seconds)."""
    from django.test import Client

    response = Client().get(SCHEMA_PATH, {"format": "json"})
    assert response.status_code == 200, response.content[:200]
    return json.loads(response.content)


def _run_role(role: str, headers: dict[str, str], seconds: int, seed: int) -> tuple[int, list[str]]:
    import schemathesis
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application
    from schemathesis.engine import events, from_schema
    from schemathesis.engine.statistic import Statistic

    schema = schemathesis.openapi.from_dict(copy.deepcopy(_raw_schema()), config=_config(headers, seconds, seed))
    schema = schema.exclude(operation_id=list(EXCLUDED_OPERATIONS))
    schema.app = _with_csrf_cookie(get_wsgi_application())  # in-process, as schemathesis.openapi.from_wsgi does
    schema.location = SCHEMA_PATH
    statistic = Statistic()
    problems: list[str] = []
    refused_for_csrf = 0
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            refused_for_csrf += sum(
                1
                for interaction in event.recorder.interactions.values()
                if interaction.response is not None
                and interaction.response.status_code == 403
                and b"CSRF check failed" in interaction.response.content
            )
            before = statistic.total_cases
            statistic.on_scenario_finished(event.recorder)
            phase = str(getattr(event.phase, "value", event.phase))
            PHASE_CASES[phase] = PHASE_CASES.get(phase, 0) + statistic.total_cases - before
            cache.clear()  # rate limits and lockouts must not turn the rest of the run into 429s
        elif isinstance(event, events.NonFatalError | events.FatalError):
            problems.append(f"[{role}] {getattr(event, 'label', '')}: {getattr(event, 'info', event)}")
    if refused_for_csrf:  # every case carries the role's CSRF cookie and token: a refusal means the harness broke
        problems.append(
            f"[{role}] {refused_for_csrf} cases were refused for CSRF: the role's cookies do not reach the app, so "
            "writes were never judged on their bodies (see CSRF_COOKIE_HEADER)"
        )
    for label, grouped in statistic.failures.items():
        for group in grouped.values():
            for failure in group.failures:
                status = group.response.status_code if group.response is not None else "-"
                problems.append(f"[{role}] {label}: {failure.title} (status {status}): {failure.message[:2000]}")
    return statistic.total_cases, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "300")))
    parser.add_argument("--min-cases", type=int, default=int(os.environ.get("FUZZ_MIN_CASES", "10000")))
    parser.add_argument("--roles", default="", help="comma-separated roles (default: all of the matrix's)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "20261125")))
    args = parser.parse_args(argv)

    shutil.rmtree(WORKDIR, ignore_errors=True)
    WORKDIR.mkdir(parents=True)
    started = time.monotonic()
    _django(WORKDIR / "fuzz.sqlite3")
    from tests.backend.security.world import build_world

    world = build_world()
    headers = _sessions(world)
    _check_sessions(world, headers)
    roles = [r for r in args.roles.split(",") if r] or list(headers)
    _raw_schema()  # generated once, as part of the set-up
    deadline = started + args.seconds
    print(f"fuzzing {len(roles)} roles in {args.seconds} s in all (set-up took {time.monotonic() - started:.0f} s)")

    total = 0
    problems: list[str] = []
    for index, role in enumerate(roles):
        role_started = time.monotonic()
        if role_started >= deadline:  # bounded by --seconds, as .ci/run relies on: the roles left are not fuzzed
            problems.append(f"[{role}] not run: the {args.seconds} s were used up by the roles before it")
            print(f"  {role:<9} not run: out of time", flush=True)
            continue
        # The budget left, shared by the roles left; a run overshoots its max-time by a few seconds.
        budget = max(1, int((deadline - role_started) / (len(roles) - index)) - ROLE_OVERHEAD_SECONDS)
        gone = _acts_as(world, role, headers[role])
        if gone is not None:  # an earlier role's cases changed this one's account: its cases would prove nothing
            problems.append(f"[{role}] before its run, its session no longer acts as {role}: {gone}")
            print(f"  {role:<9} not run: its session no longer acts as {role}", flush=True)
            continue
        cases, found = _run_role(role, headers[role], budget, args.seed)
        total += cases
        problems += found
        gone = _acts_as(world, role, headers[role])
        if gone is not None:
            problems.append(
                f"[{role}] after its run, its session no longer acts as {role} ({gone}): an operation changed the "
                "account; add it to EXCLUDED_OPERATIONS with the test that covers it"
            )
        took = time.monotonic() - role_started
        print(f"  {role:<9} {cases:>6} cases in {took:3.0f} s, {len(found)} problems", flush=True)

    elapsed = time.monotonic() - started
    print(f"schemathesis ran {total} cases in {elapsed:.0f} s: {len(problems)} problems")
    print("  by phase: " + ", ".join(f"{phase} {cases}" for phase, cases in sorted(PHASE_CASES.items())))
    print("  checks left out: " + ", ".join(f"{name} ({why})" for name, why in CHECKS_LEFT_OUT.items()))
    print("  not fuzzed: " + ", ".join(f"{name} ({why})" for name, why in EXCLUDED_OPERATIONS.items()))
    for problem in problems:
        print(f"- {problem}")
    failed = bool(problems)
    idle = [phase for phase in REQUIRED_PHASES if PHASE_CASES.get(phase, 0) == 0]
    if idle:
        print(f"these phases ran no case: {', '.join(idle)} (raise --seconds, or see why schemathesis skipped them)")
        failed = True
    if total < args.min_cases:
        print(f"too few cases: {total} < {args.min_cases} (raise --seconds, or find what slows the API down)")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
