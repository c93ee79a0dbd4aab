"""Importing a participant list: an XLSX of N mentees (a few bad rows) checked (a dry run), then imported.

Makes a fresh programme in its own database, writes the workbook with openpyxl, and times reading the file, the
dry run and the import (through the service the API calls; the invitation emails go to memory). Figures only.

    PYTHONPATH=. .venv/bin/python -m bench.bench_import                      # 10,000 rows, SQLite (var/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bridges_bench_import \
        PYTHONPATH=. .venv/bin/python -m bench.bench_import
"""

from __future__ import annotations

import argparse
import io
import random
import time

from bench.bench_run import _setup_django


def _workbook(rows: int, seed: int = 0) -> bytes:
    from openpyxl import Workbook

    rng = random.Random(seed)
    languages = ["ar C2; de A2", "uk C2, de B1, en B2", "fa C2 / de A1", "ti C2, en A2", "so C2; de B1", "ku"]
    sectors = ["Care and social work", "IT and software", "Q", "Hospitality", "Helthcare", "C"]
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Vorname", "E-Mail", "Languages", "Sector", "City", "Notes"])
    for i in range(rows):
        email = f"mentee{i:05d}@example.org" if rng.random() < 0.8 else ""
        sheet.append([f"Name{i}", email, rng.choice(languages), rng.choice(sectors), "Berlin", "Wants to work"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    engine = _setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from imports.columns import guess
    from imports.reading import read_table
    from imports.services import import_people

    from accounts.models import User
    from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role

    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    organisation, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    programme = Programme.objects.create(
        organisation=organisation,
        kind=ProgrammeKind.MENTORING,
        slug=f"bench-import-{stamp}",
        name="Import bench",
        city="Berlin",
        country="DE",
    )
    coordinator = User.objects.create_user(f"coordinator.{stamp}@example.org", None, display_name="Cora")
    Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
    data = _workbook(args.rows)
    # Unique emails per run, so a reused database imports new people.
    data_rows = args.rows

    started = time.perf_counter()
    table = read_table("mentees.xlsx", data)
    table.rows[:] = [
        (n, [c.replace("@example.org", f".{stamp}@example.org") for c in cells]) for n, cells in table.rows
    ]
    read = time.perf_counter() - started
    mapping = guess(table.headers, Role.MENTEE)
    common = dict(
        programme=programme,
        coordinator=coordinator,
        role=Role.MENTEE,
        table=table,
        mapping=mapping,
        consent_method="paper_form",
        language="en",
        site="http://bench.invalid/",
    )
    started = time.perf_counter()
    dry = import_people(**common, commit=False, now=timezone.now())
    checked = time.perf_counter() - started
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        done = import_people(**common, commit=True, now=timezone.now())
    imported = time.perf_counter() - started
    print(f"{engine}: {data_rows:,} rows ({len(data) / 1024:.0f} kB xlsx)")
    print(f"  read the file       {read:6.2f} s")
    print(f"  dry run (check)     {checked:6.2f} s   valid {dry.valid:,}, problems {len(dry.problems):,}")
    print(
        f"  import (check+save) {imported:6.2f} s   imported {done.imported:,}, invited {done.invited:,}, "
        f"{len(queries.captured_queries):,} statements"
    )
    print(f"  total               {read + checked + imported:6.2f} s")


if __name__ == "__main__":
    main()
