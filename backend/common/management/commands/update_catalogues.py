"""``manage.py update_catalogues`` (``make messages``): extracts every text the backend passes to gettext and brings
each ``locale/<language>/LC_MESSAGES/django.po`` up to date with it: new texts are added at the end, untranslated;
texts the code no longer has become obsolete; nothing else moves. Then it says what is left to translate.

``--language xx`` starts a catalogue for a new language (see README's "Translating Bridges")."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common.catalogues import DOMAIN, catalogue_paths, check, extract, new_header, read, update_catalogue


class Command(BaseCommand):
    help = "Bring the backend's .po catalogues up to date with the code and list what is left to translate."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--locale-dir", help="The locale directory (default: the first of LOCALE_PATHS).")
        parser.add_argument("--language", action="append", default=[], help="Start a catalogue for this language.")
        parser.add_argument(
            "--plural-forms",
            default="nplurals=2; plural=(n != 1);",
            help="The new language's Plural-Forms header (with --language).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["locale_dir"] or settings.LOCALE_PATHS[0])
        for language in options["language"]:
            po = directory / language / "LC_MESSAGES" / f"{DOMAIN}.po"
            if po.exists():
                raise CommandError(f"{po} exists already.")
            po.parent.mkdir(parents=True, exist_ok=True)
            po.write_bytes(new_header(language, options["plural_forms"]))
        template = extract()
        left = 0
        for po in catalogue_paths(directory):
            added, obsolete = update_catalogue(po, template)
            problems = check(read(po))
            left += len(problems)
            self.stdout.write(f"{po.parts[-3]}: {added} new, {obsolete} obsolete, {len(problems)} to do")
            for problem in problems if options["verbosity"] > 1 else problems[:10]:
                self.stdout.write(f"  {problem}")
            if options["verbosity"] < 2 and len(problems) > 10:
                self.stdout.write(f"  … and {len(problems) - 10} more (-v 2 lists them all)")
        self.stdout.write(f"{len(template) - 1} texts in the code; {left} things left to translate or check.")
