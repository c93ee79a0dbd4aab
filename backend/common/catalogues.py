"""The backend's translation catalogues (``locale/<language>/LC_MESSAGES/django.po``): extracting the texts from the
code, bringing each ``.po`` up to date with it, and compiling the ``.mo`` files Django reads.

All three use Babel (pure Python) instead of GNU gettext, so that a fresh machine or the Docker image needs nothing
more than the Python packages: ``manage.py compile_catalogues`` (run by ``make run``, ``make test``, CI and the
image) and ``manage.py update_catalogues`` (run by ``make messages``). See README's "Translating Bridges".
"""

import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileParser, write_po

BACKEND = Path(__file__).resolve().parents[1]
DOMAIN = "django"

KEYWORDS: dict[str, Any] = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
"""Django's gettext functions, lazy ones included (Babel knows the plain ones)."""

COMMENT_TAGS = ("Translators",)
"""``# Translators: ...`` just above a text reaches the translator, as with Django's makemessages."""


def extract_django_template(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Texts in Django templates ({% translate %}, {% blocktranslate %}): Django's own templatize turns a template
    into Python-like source with gettext calls, which Babel's Python extractor reads."""
    from django.utils.translation.template import templatize

    source = fileobj.read().decode("utf-8")
    return extract_python(io.BytesIO(templatize(source).encode("utf-8")), keywords, comment_tags, options)


METHODS: list[tuple[str, Any]] = [
    ("**/migrations/**", "ignore"),
    ("**/static/**", "ignore"),
    ("**/locale/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", extract_django_template),
    ("**/templates/**.txt", extract_django_template),
]
"""What is read where: the code and the templates; never migrations, collected static files or the catalogues."""


def extract(source: Path = BACKEND) -> Catalog:
    """Every text the code under ``source`` passes to gettext, as a template catalogue (a .pot), in code order.

    Each text lists the files it is in (no line numbers: they would change the catalogues on every edit)."""
    template = Catalog(fuzzy=False)
    for filename, _lineno, message, comments, context in extract_from_dir(
        source, METHODS, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=False
    ):
        existing = template.get(message, context=context)
        if existing is not None:
            if (filename, None) not in existing.locations:
                existing.locations.append((filename, None))  # type: ignore[arg-type]  # no line numbers
            existing.auto_comments.extend(comment for comment in comments if comment not in existing.auto_comments)
            continue
        template.add(message, locations=[(filename, None)], auto_comments=comments, context=context)  # type: ignore[list-item]
    return template


def catalogue_paths(locale_dir: Path) -> list[Path]:
    return sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


class _Parser(PoFileParser):
    """Babel's .po reader, also noting how many plural forms each text has as written (Babel pads or cuts them to
    the header's number)."""

    form_counts: dict[tuple[str | None, str], int]

    def _add_message(self) -> None:
        if len(self.messages) > 1:
            context = self.context.denormalize() if self.context else None
            self.form_counts[(context, self.messages[0].denormalize())] = len(self.translations)
        super()._add_message()


def read(path: Path) -> Catalog:
    """A catalogue, in the language of its folder (``<language>/LC_MESSAGES/``) or else of its Language header."""
    language = path.parts[-3] if path.parent.name == "LC_MESSAGES" else None
    catalogue = Catalog(locale=language, domain=DOMAIN)
    parser = _Parser(catalogue)
    parser.form_counts = {}
    with path.open("rb") as po:
        parser.parse(po)
    catalogue.form_counts = parser.form_counts  # type: ignore[attr-defined]
    return catalogue


_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Compiled:
    po: Path
    mo: Path
    problems: list[str]


def compile_catalogue(po: Path) -> Compiled:
    """Writes ``django.mo`` beside ``po`` (fuzzy and untranslated texts are left out, as msgfmt does) and says what
    Babel's checks found (a wrong number of plural forms, placeholders that do not match)."""
    catalogue = read(po)
    catalogue.creation_date = catalogue.revision_date = _EPOCH  # the same .po gives the same .mo
    problems = [
        f"{po}: {message.id!r}: {error}" for message, errors in catalogue.check() for error in errors if message.id
    ]
    mo = po.with_suffix(".mo")
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    if not mo.exists() or mo.read_bytes() != buffer.getvalue():
        mo.write_bytes(buffer.getvalue())
    return Compiled(po, mo, problems)


# ---- keeping each .po up to date with the code --------------------------------------------------------------------

_HEADER_END = re.compile(rb"\n\s*\n")


def _header_block(path: Path) -> bytes:
    """The file's header entry (its leading comments and the msgid "" entry) exactly as written."""
    text = path.read_bytes()
    end = _HEADER_END.search(text)
    return text[: end.start()] + b"\n" if end else text


def new_header(language: str, plural_forms: str) -> bytes:
    return (
        "# Bridges backend messages.\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {language}\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n'
    ).encode()


def start_catalogue(directory: Path, language: str, plural_forms: str | None = None) -> Path:
    """An empty catalogue for a new language (``make messages`` fills it with every text, untranslated). Its
    Plural-Forms header is Django's own for the language where Django has it, else Babel's; a translator checks it."""
    po = directory / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if plural_forms is None:
        plural_forms = _django_plural_forms(language)
    if plural_forms is None:
        try:
            plural_forms = str(get_plural(language).plural_forms)
        except (UnknownLocaleError, ValueError):
            plural_forms = "nplurals=2; plural=(n != 1);"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_bytes(new_header(language, plural_forms))
    return po


def _django_plural_forms(language: str) -> str | None:
    import django

    po = Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        return None
    forms = read(po).plural_forms
    return str(forms) if forms else None


def _key(message: Message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (message.context, msgid)


def update_catalogue(path: Path, template: Catalog) -> tuple[int, int]:
    """Brings ``path`` up to date with the code: texts already there keep their place and translation (their
    locations and translator comments follow the code); new texts are added at the end, untranslated; texts no
    longer in the code become obsolete (``#~``) at the very end. Nothing is reordered or rewrapped, so that
    branches adding texts merge by union. Returns how many texts were added and made obsolete."""
    catalogue = read(path)
    header = _header_block(path)
    nplurals = catalogue.num_plurals
    wanted = {_key(message): message for message in template if message.id}
    out = Catalog(locale=catalogue.locale, fuzzy=False)
    out._num_plurals = nplurals  # type: ignore[attr-defined,assignment]
    seen: set[tuple[str | None, str]] = set()
    obsolete: list[Message] = [message for message in catalogue.obsolete.values()]
    for message in catalogue:
        if not message.id:
            continue
        code = wanted.get(_key(message))
        if code is None:
            obsolete.append(message)
            continue
        seen.add(_key(message))
        message.locations = list(code.locations)
        message.auto_comments = list(code.auto_comments)
        if code.pluralizable != message.pluralizable:  # now counted, or no longer: the old words are a start
            old = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
            message.id, message.string = code.id, (old, *("",) * (nplurals - 1)) if code.pluralizable else old
            message.flags.add("fuzzy")
        elif message.id != code.id:
            message.id = code.id
        out[message.id] = message
    added = 0
    for key, code in wanted.items():
        if key in seen:
            continue
        reused = catalogue.obsolete.get(catalogue._key_for(code.id, code.context))
        string: Any = ("",) * nplurals if code.pluralizable else ""
        if reused is not None and reused.context == code.context:
            obsolete = [message for message in obsolete if message is not reused]
            string = reused.string
        out.add(
            code.id,
            string,
            locations=list(code.locations),
            auto_comments=list(code.auto_comments),
            context=code.context,
        )
        added += 1
    for message in obsolete:
        out.obsolete[out._key_for(message.id, message.context)] = message
    body = io.BytesIO()
    write_po(body, out, width=0, omit_header=True, include_lineno=False)
    path.write_bytes(header + b"\n" + body.getvalue().rstrip(b"\n") + b"\n" if len(out) or out.obsolete else header)
    return added, len(obsolete)


_PRINTF = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])")
_BRACES = re.compile(r"\{(\w*)(?:[:!][^{}]*)?\}")


def placeholders(text: str) -> list[str]:
    """The placeholders in a text, as ``%(name)d``, ``%s``, ``{name}``: named ones once, positional ones in order."""
    printf = [f"%({name})" + kind if name else "%" + kind for name, kind in _PRINTF.findall(text) if kind != "%"]
    named = {p for p in printf if p.startswith("%(")} | {"{" + name + "}" for name in _BRACES.findall(text) if name}
    # A translation may name someone once where the English names her twice: named placeholders count once.
    return sorted(
        [*named, *(p for p in printf if not p.startswith("%(")), *("{}" for _ in _BRACES.findall(text) if not _)]
    )


PLURAL_SAMPLES: dict[str, dict[int, dict[int, int]]] = {
    # language: {nplurals: {number: the form it takes}}
    "de": {2: {0: 1, 1: 0, 2: 1, 5: 1}},
    "fr": {2: {0: 0, 1: 0, 2: 1, 1_000_000: 1}, 3: {0: 0, 1: 0, 2: 2, 1_000_000: 1}},
    "ar": {6: {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5, 103: 3}},
    "uk": {4: {1: 0, 21: 0, 2: 1, 4: 1, 22: 1, 0: 2, 5: 2, 11: 2, 12: 2, 14: 2, 111: 2}},
}
"""The plural rule each language's Plural-Forms header must have (French: gettext's two forms or Django's three)."""


def check(catalogue: Catalog, template: Catalog | None = None) -> list[str]:
    """What is wrong in a catalogue: a wrong Plural-Forms header; a text untranslated, fuzzy, with placeholders other
    than the English or with the wrong number of plural forms; and, given the code's ``template``, a text in the
    code that the catalogue lacks (or has only as obsolete) or a text the code no longer has."""
    problems: list[str] = []
    language = str(catalogue.locale) if catalogue.locale else ""
    nplurals = catalogue.num_plurals
    header = catalogue.plural_expr
    samples = PLURAL_SAMPLES.get(language)
    if samples is not None:
        if nplurals not in samples:
            problems.append(f"Plural-Forms: nplurals={nplurals}, but {language} has {' or '.join(map(str, samples))}")
        else:
            import gettext

            rule = gettext.c2py(header)
            wrong = {n: rule(n) for n, form in samples[nplurals].items() if rule(n) != form}
            if wrong:
                problems.append(f"Plural-Forms: the rule gives the wrong form for {wrong}")
    for message in catalogue:
        if not message.id:
            continue
        ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        strings = [
            text or "" for text in (message.string if isinstance(message.string, (list, tuple)) else [message.string])
        ]
        name = repr(ids[0]) + (f" (context {message.context!r})" if message.context else "")
        if message.fuzzy:
            problems.append(f"{name} is fuzzy: check the translation and remove the fuzzy flag")
        written = getattr(catalogue, "form_counts", {}).get(_key(message), len(strings))
        if message.pluralizable and written != nplurals:
            problems.append(f"{name} has {written} plural forms, the header says {nplurals}")
            continue
        if not all(string.strip() for string in strings):
            problems.append(f"{name} is untranslated")
            continue
        english = [placeholders(text) for text in ids]
        for index, string in enumerate(strings):
            found = placeholders(string)
            if not message.pluralizable:
                if found != english[0]:
                    problems.append(f"{name}: placeholders {found} differ from the English {english[0]}")
                continue
            # A plural form may say its number in words (Arabic «دقيقة واحدة»): it may leave a number out.
            allowed = english[-1]
            numbers = {p for p in allowed if p.startswith("%(") and p[-1] in "dif"}
            if not (set(found) <= set(allowed) and set(allowed) - set(found) <= numbers):
                problems.append(f"{name}: form {index} has placeholders {found}, the English {allowed}")
    if template is not None:
        have = {_key(message) for message in catalogue if message.id}
        stale = {_key(message) for message in catalogue.obsolete.values()}
        code = {_key(message) for message in template if message.id}
        for context, msgid in sorted(code - have, key=lambda key: key[1]):
            where = "only as obsolete (#~)" if (context, msgid) in stale else "not"
            problems.append(f"{msgid!r} is in the code but {where} in the catalogue: run make messages")
        for _context, msgid in sorted(have - code, key=lambda key: key[1]):
            problems.append(f"{msgid!r} is in the catalogue but no longer in the code: run make messages")
    return problems
