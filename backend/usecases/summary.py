"""The printable summary of her data: the export's fields and codes in words of her language (the JSON export keeps
the codes, for machines)."""

from typing import Any

from django.utils.translation import pgettext

from mentoring.models import GoalReached, MatchState
from privacy.models import ConsentMethod, ConsentPurpose
from privacy.summary_words import field_labels, summary_words
from profiles.models import Gender
from programmes.models import Role


def _choices() -> dict[str, str]:
    labels: dict[str, str] = {}
    for choices in (Role, MatchState, ConsentPurpose, ConsentMethod, Gender, GoalReached):
        labels.update({value: str(label) for value, label in choices.choices})
    return labels


def _value(value: Any, choices: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return pgettext("data summary", "Yes") if value else pgettext("data summary", "No")
    if isinstance(value, list):
        return ", ".join(_value(item, choices) for item in value)
    if isinstance(value, dict):
        return " ".join(str(part) for part in value.values())
    return choices.get(value, str(value)) if isinstance(value, str) else str(value)


def summary_context(data: dict[str, Any]) -> dict[str, Any]:
    """Headings, and each part of the export as rows of (words, value) in the active language."""
    labels, choices = field_labels(), _choices()

    def rows(mapping: dict[str, Any]) -> list[tuple[str, str]]:
        return [(labels.get(key, key), _value(value, choices)) for key, value in mapping.items()]

    def words(record: dict[str, Any], *keys: str) -> dict[str, Any]:
        return {**record, **{key: _value(record.get(key), choices) for key in keys}}

    return {
        "t": summary_words(),
        "account": rows(data["account"]),
        "profiles": [rows(profile) for profile in data["profiles"]],
        "memberships": [words(m, "role") for m in data["memberships"]],
        "consents": [words(c, "purpose") for c in data["consents"]],
        "matches": [words(m, "my_role", "state") for m in data["matches"]],
        "feedback": [words(f, "goal_reached") for f in data["feedback"]],
    }
