"""Invariants 1 and 3 of DESIGN.md kept by the database itself, as triggers on SQLite and PostgreSQL.

- ``match_mentor_capacity``: a match may enter an open state (offered, active, paused) only while the mentor has
  a free place, whoever writes it (a service, a task, the shell, a test). On PostgreSQL the trigger locks the
  mentor's profile row first, so two writers for one mentor are serialised and the second sees the first's row.
- ``profile_capacity_covers_places``: a mentor's capacity cannot be lowered below the places she holds.
- ``match_state_graph``: a match changes state only along the transition table of ``mentoring.transitions``
  (the pairs are read from that table, so there is one table in one place).

A count of open matches (no stored counter) is what is checked: a counter on the profile would be overwritten
by any stale ``Profile.save()`` and would need its own upkeep. Rows are only checked when they change, so the
rules never break existing data; they stop it from getting worse.

SQLite drops a table's triggers when a migration rebuilds the table, so ``install`` also runs after every
``migrate`` (see ``MentoringConfig.ready``) and a test checks that the triggers exist.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from mentoring.models import OPEN_STATES, Match, MatchState
from mentoring.transitions import TRANSITIONS
from profiles.models import Profile

CAPACITY_RULE = "match_mentor_capacity"
CAPACITY_LOWERED_RULE = "profile_capacity_covers_places"
STATE_GRAPH_RULE = "match_state_graph"

TRIGGERS = {
    "sqlite": (
        "match_mentor_capacity_insert",
        "match_mentor_capacity_update",
        "profile_capacity_covers_places",
        "match_state_graph",
    ),
    "postgresql": ("match_mentor_capacity", "profile_capacity_covers_places", "match_state_graph"),
}


def _quoted(values: list[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def allowed_steps() -> list[str]:
    """Every allowed change of state as ``"from>to"``, read from the transition table."""
    paused_from = sorted({s for t in TRANSITIONS.values() if t.target == MatchState.PAUSED for s in t.sources})
    steps: set[str] = set()
    for transition in TRANSITIONS.values():
        targets = [transition.target] if transition.target is not None else paused_from
        steps.update(f"{source}>{target}" for source in transition.sources for target in targets)
    return sorted(steps)


def _sqlite(open_states: str, steps: str, match: str, profile: str) -> list[str]:
    taken = f"(SELECT count(*) FROM {match} m WHERE m.mentor_id = NEW.mentor_id AND m.state IN ({open_states})"
    places = f"COALESCE((SELECT p.capacity FROM {profile} p WHERE p.id = NEW.mentor_id), 0)"
    full = f"RAISE(ABORT, '{CAPACITY_RULE}: the mentor has no free place')"
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS["sqlite"]),
        f"""CREATE TRIGGER match_mentor_capacity_insert BEFORE INSERT ON {match} FOR EACH ROW
            WHEN NEW.state IN ({open_states}) AND {taken}) >= {places}
            BEGIN SELECT {full}; END""",
        f"""CREATE TRIGGER match_mentor_capacity_update BEFORE UPDATE OF state, mentor_id ON {match} FOR EACH ROW
            WHEN NEW.state IN ({open_states})
                AND (OLD.state NOT IN ({open_states}) OR OLD.mentor_id <> NEW.mentor_id)
                AND {taken} AND m.id <> OLD.id) >= {places}
            BEGIN SELECT {full}; END""",
        f"""CREATE TRIGGER profile_capacity_covers_places BEFORE UPDATE OF capacity ON {profile} FOR EACH ROW
            WHEN COALESCE(NEW.capacity, 0) < COALESCE(OLD.capacity, 0)
                AND (SELECT count(*) FROM {match} m WHERE m.mentor_id = NEW.id AND m.state IN ({open_states}))
                    > COALESCE(NEW.capacity, 0)
            BEGIN SELECT RAISE(ABORT, '{CAPACITY_LOWERED_RULE}: the capacity is below the places taken'); END""",
        f"""CREATE TRIGGER match_state_graph BEFORE UPDATE OF state ON {match} FOR EACH ROW
            WHEN NEW.state <> OLD.state AND (OLD.state || '>' || NEW.state) NOT IN ({steps})
            BEGIN SELECT RAISE(ABORT, '{STATE_GRAPH_RULE}: a match cannot change state this way'); END""",
    ]


def _postgresql(open_states: str, steps: str, match: str, profile: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION {CAPACITY_RULE}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE places integer; taken integer;
        BEGIN
            IF NEW.state NOT IN ({open_states}) THEN RETURN NEW; END IF;
            IF TG_OP = 'UPDATE' AND OLD.state IN ({open_states}) AND OLD.mentor_id = NEW.mentor_id THEN
                RETURN NEW;
            END IF;
            -- The mentor's row lock serialises writers for one mentor; the count below then sees theirs.
            SELECT capacity INTO places FROM {profile} WHERE id = NEW.mentor_id FOR UPDATE;
            SELECT count(*) INTO taken FROM {match}
                WHERE mentor_id = NEW.mentor_id AND state IN ({open_states}) AND id <> NEW.id;
            IF taken >= COALESCE(places, 0) THEN
                RAISE EXCEPTION '{CAPACITY_RULE}: the mentor has no free place (capacity %, taken %)',
                    COALESCE(places, 0), taken
                    USING ERRCODE = 'check_violation', CONSTRAINT = '{CAPACITY_RULE}';
            END IF;
            RETURN NEW;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION {CAPACITY_LOWERED_RULE}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE taken integer;
        BEGIN
            IF COALESCE(NEW.capacity, 0) >= COALESCE(OLD.capacity, 0) THEN RETURN NEW; END IF;
            SELECT count(*) INTO taken FROM {match} WHERE mentor_id = NEW.id AND state IN ({open_states});
            IF taken > COALESCE(NEW.capacity, 0) THEN
                RAISE EXCEPTION '{CAPACITY_LOWERED_RULE}: the capacity is below the % places taken', taken
                    USING ERRCODE = 'check_violation', CONSTRAINT = '{CAPACITY_LOWERED_RULE}';
            END IF;
            RETURN NEW;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION {STATE_GRAPH_RULE}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.state <> OLD.state AND (OLD.state || '>' || NEW.state) NOT IN ({steps}) THEN
                RAISE EXCEPTION '{STATE_GRAPH_RULE}: a match cannot go from % to %', OLD.state, NEW.state
                    USING ERRCODE = 'check_violation', CONSTRAINT = '{STATE_GRAPH_RULE}';
            END IF;
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS {CAPACITY_RULE} ON {match}",
        f"""CREATE TRIGGER {CAPACITY_RULE} BEFORE INSERT OR UPDATE OF state, mentor_id ON {match}
            FOR EACH ROW EXECUTE FUNCTION {CAPACITY_RULE}()""",
        f"DROP TRIGGER IF EXISTS {CAPACITY_LOWERED_RULE} ON {profile}",
        f"""CREATE TRIGGER {CAPACITY_LOWERED_RULE} BEFORE UPDATE OF capacity ON {profile}
            FOR EACH ROW EXECUTE FUNCTION {CAPACITY_LOWERED_RULE}()""",
        f"DROP TRIGGER IF EXISTS {STATE_GRAPH_RULE} ON {match}",
        f"""CREATE TRIGGER {STATE_GRAPH_RULE} BEFORE UPDATE OF state ON {match}
            FOR EACH ROW EXECUTE FUNCTION {STATE_GRAPH_RULE}()""",
    ]


def statements(vendor: str) -> list[str]:
    build = {"sqlite": _sqlite, "postgresql": _postgresql}.get(vendor)
    if build is None:
        return []
    open_states = _quoted([str(state) for state in OPEN_STATES])
    return build(open_states, _quoted(allowed_steps()), Match._meta.db_table, Profile._meta.db_table)


def install(connection: BaseDatabaseWrapper) -> None:
    """Create or replace the triggers (idempotent)."""
    with connection.cursor() as cursor:
        for statement in statements(connection.vendor):
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    match, profile = Match._meta.db_table, Profile._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in TRIGGERS["sqlite"]:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {CAPACITY_RULE} ON {match}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {STATE_GRAPH_RULE} ON {match}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {CAPACITY_LOWERED_RULE} ON {profile}")
            for name in (CAPACITY_RULE, CAPACITY_LOWERED_RULE, STATE_GRAPH_RULE):
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def installed(connection: BaseDatabaseWrapper) -> set[str]:
    """Names of the rules' triggers present in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            return set()
        return {row[0] for row in cursor.fetchall()} & set(TRIGGERS.get(connection.vendor, ()))


def broken_rule(error: Exception) -> str | None:
    """Which of these rules an IntegrityError reports, if any."""
    text = str(error)
    for rule in (CAPACITY_RULE, CAPACITY_LOWERED_RULE, STATE_GRAPH_RULE):
        if rule in text:
            return rule
    return None
