"""The engine's rule codes in plain words of the request's language, for refusals that name the rules a pairing,
a swap or a group move would break (the web app has its own words for the reasons it lists)."""

from collections.abc import Iterable

from babel.lists import format_list
from django.utils.translation import get_language, pgettext


def _words() -> dict[str, str]:
    return {
        "same_person": pgettext("rule", "it is the same person"),
        "excluded_pair": pgettext("rule", "these two must be kept apart"),
        "mentor_unavailable": pgettext("rule", "the mentor is not available"),
        "mentor_not_verified": pgettext("rule", "the mentor is not verified yet"),
        "mentor_at_capacity": pgettext("rule", "the mentor has no free place"),
        "no_shared_working_language": pgettext("rule", "they share no language at the level needed"),
        "mentee_wants_woman_mentor": pgettext("rule", "the mentee asked for a woman mentor"),
        "mentee_online_only": pgettext("rule", "the mentee meets online only"),
        "kept_apart": pgettext("rule", "two members must be kept apart"),
        "kept_apart_together": pgettext("rule", "two members must be kept apart"),
        "group_too_small": pgettext("rule", "a group would be too small"),
        "group_too_large": pgettext("rule", "a group would be too large"),
        "same_organisation": pgettext("rule", "members of one organisation would be together"),
        "repeat_pair": pgettext("rule", "people who met in an earlier round would meet again"),
        "repeat_pairs": pgettext("rule", "people who met in an earlier round would meet again"),
    }


def rule_list(codes: Iterable[str]) -> str:
    """The rules as one list in the request's language ("a, b and c"), each named once."""
    words = _words()
    named = list(dict.fromkeys(words.get(code, code.replace("_", " ")) for code in codes))
    return format_list(named, locale=get_language() or "en")
