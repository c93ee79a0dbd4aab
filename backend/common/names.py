"""The one rule for names and other short identifying texts (display names, titles, city, organisation, phone):
what is stored is what people see, and a name can be seen.

- The text is NFC-normalised, so that one name is stored one way.
- Controls that reorder text (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) are refused
  (``direction_control``): "Amal\\u202egnp.exe" would show as "Amalexe.png".
- Control characters (line breaks, tabs, NUL …) and lone surrogates are refused (``invisible_character``).
- Every other invisible format character (Unicode category Cf: the direction marks U+200E/U+200F/U+061C,
  zero-width space, word joiner, byte-order mark, soft hyphen …) is removed: they show nothing, keyboards and
  copy-paste slip them in, and the web app sets the direction of a name itself. Kept are the zero-width joiner
  and non-joiner (emoji sequences such as a family, Persian and Arabic shaping) and the tag characters of an
  emoji subdivision flag.
- What remains must hold at least one visible letter, digit or emoji (``invisible_name``): spaces, combining
  marks, punctuation or blank "filler" letters alone are not a name.
"""

import contextlib
import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MESSAGES = {
    "invisible_name": _("Please write at least one letter or number."),
    "direction_control": _(
        "Please remove the hidden characters that change the direction of the text: they can make it look "
        "like something else."
    ),
    "invisible_character": _("Please remove the line breaks and other hidden control characters."),
}

_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_JOINERS = frozenset("\u200c\u200d")
# Letters and symbols by their Unicode category that show as blank (fillers, the blank Braille pattern).
_BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800\ufffc")
# An emoji subdivision flag: black flag, tag letters and digits, cancel tag (England, Scotland, Wales …).
_TAG_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_LINE_BREAKS = frozenset("\u2028\u2029")


def _remove_invisible_format(text: str) -> str:
    kept: list[str] = []
    flags = [(m.start(), m.end()) for m in _TAG_FLAG.finditer(text)]
    for index, char in enumerate(text):
        if unicodedata.category(char) != "Cf" or char in _JOINERS or any(start < index < end for start, end in flags):
            kept.append(char)
    return "".join(kept)


def _is_visible(char: str) -> bool:
    category = unicodedata.category(char)
    return (category[0] in "LN" or category == "So") and char not in _BLANK_LOOKALIKES


def name_normalise(value: str) -> str:
    """The name as it is stored: NFC, invisible format characters removed, outer spaces trimmed.

    Raises a ``ValidationError`` with the code ``direction_control``, ``invisible_character`` or
    ``invisible_name`` (see the module's docstring). The empty text stays empty: whether a field may be blank is
    the field's decision.
    """
    if value == "":
        return value
    text = unicodedata.normalize("NFC", value)
    if any(char in _DIRECTION_CONTROLS for char in text):
        raise ValidationError(MESSAGES["direction_control"], code="direction_control")
    if any(unicodedata.category(char) in ("Cc", "Cs") or char in _LINE_BREAKS for char in text):
        raise ValidationError(MESSAGES["invisible_character"], code="invisible_character")
    text = _remove_invisible_format(text).strip()
    if not any(_is_visible(char) for char in text):
        raise ValidationError(MESSAGES["invisible_name"], code="invisible_name")
    return text


def validate_name(value: str) -> None:
    """The model field validator: refuses what ``name_normalise`` refuses (the model's ``clean`` normalises)."""
    name_normalise(value)


class NameField(serializers.CharField):
    """A name or short title in an API input: normalised and checked by ``name_normalise``."""

    default_error_messages = dict(MESSAGES)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            return name_normalise(value)
        except ValidationError as error:
            self.fail(str(error.code))


def name_fields_normalise(instance: Any, *fields: str) -> None:
    """For a model's ``clean()``: store each of its name fields as ``name_normalise`` gives it (the admin)."""
    for field in fields:
        # A refused value is left as it is: the field's validator, which ran first, has already said why.
        with contextlib.suppress(ValidationError):
            setattr(instance, field, name_normalise(getattr(instance, field)))


def name_repair(value: str, fallback: str) -> str:
    """A name stored before the rule, as the rule stores it: direction controls dropped, control characters and
    line breaks made spaces, then ``name_normalise``; ``fallback`` when nothing visible is left."""
    if value == "":
        return value
    text = "".join(
        " " if unicodedata.category(char) == "Cc" or char in _LINE_BREAKS else char
        for char in value
        if char not in _DIRECTION_CONTROLS and unicodedata.category(char) != "Cs"
    )
    try:
        return name_normalise(" ".join(text.split()) if text.strip() else text)
    except ValidationError:
        return fallback


def stored_names_repair(model: Any, fallbacks: dict[str, str], batch_size: int = 500) -> int:
    """Repair the name fields (field → fallback) of every row of ``model`` (a data migration passes its historical
    model); only changed rows are written. Returns how many rows changed."""
    changed = 0
    batch: list[Any] = []
    for row in model.objects.only("pk", *fallbacks).order_by("pk").iterator(chunk_size=batch_size):
        dirty = False
        for field, fallback in fallbacks.items():
            value = getattr(row, field)
            repaired = name_repair(value, fallback)
            if repaired != value:
                setattr(row, field, repaired)
                dirty = True
        if dirty:
            batch.append(row)
        if len(batch) >= batch_size:
            model.objects.bulk_update(batch, list(fallbacks))
            changed, batch = changed + len(batch), []
    if batch:
        model.objects.bulk_update(batch, list(fallbacks))
        changed += len(batch)
    return changed
