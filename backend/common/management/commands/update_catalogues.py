"""``manage.py update_catalogues`` (``make messages``): extracts every text the backend passes to gettext and brings
each ``locale/<language>/LC_MESSAGES/django.po`` up to date with it: new texts are added at the end, untranslated;
texts the code no longer has become obsolete; nothing else moves. A language in ``common.languages`` without a
catalogue gets one. Then it says what is left to translate (see README's "Translating Bridges")."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from common import languages
from common.catalogues import DOMAIN, catalogue_paths, check, extract, read, start_catalogue, update_catalogue


class Command(BaseCommand):
    help = "Bring the backend's .po catalogues up to date with the code and list what is left to translate."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--locale-dir", help="The locale directory (default: the first of LOCALE_PATHS).")
        parser.add_argument("--plural-forms", help="A new catalogue's Plural-Forms header (default: Babel's data).")

    def say(self, options: dict[str, Any], line: str) -> None:
        if options["verbosity"] > 0:
            self.stdout.write(line)

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["locale_dir"] or settings.LOCALE_PATHS[0])
        for language in languages.INTERFACE_LANGUAGES:
            po = directory / language / "LC_MESSAGES" / f"{DOMAIN}.po"
            if language != languages.FALLBACK_LANGUAGE and not po.exists():
                start_catalogue(directory, language, options["plural_forms"])
                self.say(options, f"{language}: a new catalogue, {po}: check its Plural-Forms header")
        template = extract()
        left = 0
        for po in catalogue_paths(directory):
            added, obsolete = update_catalogue(po, template)
            problems = check(read(po))
            left += len(problems)
            self.say(options, f"{po.parts[-3]}: {added} new, {obsolete} obsolete, {len(problems)} to do")
            shown = problems if options["verbosity"] > 1 else problems[:10]
            for problem in shown:
                self.say(options, f"  {problem}")
            if len(problems) > len(shown):
                self.say(options, f"  … and {len(problems) - len(shown)} more (make messages V=2 lists them all)")
        self.say(options, f"{len(template)} texts in the code; {left} left to translate or check.")
