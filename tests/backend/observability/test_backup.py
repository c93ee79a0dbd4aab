"""deploy/backup.sh: a dump of the PostgreSQL database restores into a fresh database with every row (encrypted
columns byte for byte), and a restore refuses a database that already has tables. Needs PostgreSQL (CI's second
phase) and the client tools; skipped on SQLite."""

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from privacy.sensitive import SENSITIVE_CODES
from privacy.services import sensitive_attributes_set
from tests.backend.factories import ProfileFactory, ProgrammeFactory

REPO = Path(__file__).resolve().parents[3]
SCRIPT = REPO / "deploy" / "backup.sh"

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_dump") is None,
    reason="backups are of PostgreSQL: set DATABASE_URL to one (and install its client tools, pg_dump)",
)


def url_of(name: str) -> str:
    settings = connection.settings_dict
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgresql://{credentials}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{name}"


def backup(*args: str, database_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        env={**os.environ, "DATABASE_URL": database_url, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def rows(url: str) -> dict[str, int]:
    """Every table's row count."""
    with psycopg.connect(url, autocommit=True) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            ).fetchall()
        ]
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}  # type: ignore[index]


@pytest.fixture
def fresh_database() -> Iterator[str]:
    name = f"bridges_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url_of(name)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_into_a_fresh_database(tmp_path: Path, fresh_database: str) -> None:
    programme = ProgrammeFactory(name="Backup Berlin")
    profile = ProfileFactory(membership__programme=programme)
    sensitive_attributes_set(user=profile.membership.user, codes=sorted(SENSITIVE_CODES), now=timezone.now())
    source = url_of(connection.settings_dict["NAME"])

    dumped = backup("dump", str(tmp_path), database_url=source)
    assert dumped.returncode == 0, dumped.stderr
    dump_file = Path(dumped.stdout.strip().splitlines()[-1])
    assert dump_file.parent == tmp_path and dump_file.stat().st_size > 0
    assert oct(dump_file.stat().st_mode & 0o777) == "0o600"  # personal data: readable by its owner only

    restored = backup("restore", str(dump_file), fresh_database, database_url=source)
    assert restored.returncode == 0, restored.stderr
    before, after = rows(source), rows(fresh_database)
    assert after == before and after["programmes_programme"] >= 1
    with psycopg.connect(source) as old, psycopg.connect(fresh_database) as new:
        query = "SELECT name FROM programmes_programme WHERE id = %s"
        assert new.execute(query, [programme.pk]).fetchone() == old.execute(query, [programme.pk]).fetchone()
        encrypted = "SELECT * FROM privacy_sensitiveattributes ORDER BY 1"
        assert new.execute(encrypted).fetchall() == old.execute(encrypted).fetchall() != []

    again = backup("restore", str(dump_file), fresh_database, database_url=source)
    assert again.returncode != 0 and "fresh, empty database" in again.stderr
    assert rows(fresh_database) == before


def test_a_dump_refuses_a_database_that_is_not_postgresql(tmp_path: Path) -> None:
    refused = backup("dump", str(tmp_path), database_url="sqlite:///var/bridges.sqlite3")
    assert refused.returncode != 0 and "PostgreSQL" in refused.stderr
    assert list(tmp_path.iterdir()) == []
