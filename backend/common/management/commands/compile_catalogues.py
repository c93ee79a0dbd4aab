"""``manage.py compile_catalogues``: compiles every ``locale/<language>/LC_MESSAGES/django.po`` under
``LOCALE_PATHS`` into the ``django.mo`` Django reads. Pure Python (Babel), so no GNU gettext is needed; the ``.mo``
files are built, never committed (``make run``, ``make test``, CI and the Docker image run this)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common.catalogues import catalogue_paths, compile_catalogue


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po) into the .mo files Django reads."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--locale-dir", action="append", help="A locale directory (default: LOCALE_PATHS).")

    def handle(self, *args: Any, **options: Any) -> None:
        directories = [Path(path) for path in (options["locale_dir"] or settings.LOCALE_PATHS)]
        problems: list[str] = []
        count = 0
        for directory in directories:
            for po in catalogue_paths(directory):
                compiled = compile_catalogue(po)
                problems += compiled.problems
                count += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"compiled {compiled.mo}")
        if problems:
            raise CommandError("These catalogues have errors:\n" + "\n".join(problems))
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} catalogues compiled.")
