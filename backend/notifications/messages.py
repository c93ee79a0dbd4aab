"""The words of every notice, in each interface language, and the one function that fills them in.

Plain, short and warm: many readers have limited literacy or read in their second language. Messages only
ever carry first names, a programme's name, a date and reason codes turned into fixed labels.
"""

import datetime
import re
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import npgettext_lazy, pgettext_lazy

from common.address import AddressForm, address_form
from common.languages import interface_language
from programmes import reference_data

# The parameters each kind expects; every kind may also use {programme}, filled from the notice's programme.
# "<person>_form" is how that person wants to be addressed (common.address), for the wording about her.
KIND_PARAMS: dict[str, tuple[str, ...]] = {
    "offer_received": ("mentee", "expires", "mentee_form"),
    "offer_shown_to_mentee": ("mentor", "mentor_form"),
    "offer_reminder": ("expires", "mentee_form"),
    "offer_accepted": ("mentor", "mentee", "mentor_form"),
    "offer_declined": ("mentee", "mentor", "reason", "by"),
    "offer_expired": ("mentor",),
    "offer_withdrawn": (),
    "match_ended": ("reason",),
    "match_completed_feedback": (),
    "mentor_verified": (),
    "run_finished": ("proposals", "unmatched"),
    "groups_published": ("round",),
    "group_followup": ("round",),
    "retention_due": ("count", "erase_on"),
    "safety_report": (),
    "unread_messages": ("count",),
    "meeting_proposed": (),
    "outcome_question": (),
}

# kind -> audience ("" for anyone) -> (subject, body): English msgids, translated in backend/locale/*/django.po
# (msgctxt "notice <kind> <audience> <part>"); rendered under the reader's language.
Text = Promise
CATALOG: dict[str, dict[str, tuple[Text, Text]]] = {
    "offer_received": {
        "": (
            pgettext_lazy("notice offer_received everyone subject", "A new mentee is waiting for your answer"),
            pgettext_lazy(
                "notice offer_received everyone body",
                "Hello!\n\nWe think you and {mentee} could be a good pair in {programme}.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
        ),
    },
    "offer_shown_to_mentee": {
        "": (
            pgettext_lazy("notice offer_shown_to_mentee everyone subject", "We found a mentor for you"),
            pgettext_lazy(
                "notice offer_shown_to_mentee everyone body",
                "Good news!\n\nWe found a mentor for you: {mentor}.\n"
                "Now we wait for the answer of {mentor}. We will write to you again when there is news.",
            ),
        ),
    },
    "offer_reminder": {
        "": (
            pgettext_lazy("notice offer_reminder everyone subject", "Reminder: a mentee is waiting for your answer"),
            pgettext_lazy(
                "notice offer_reminder everyone body",
                "Hello!\n\nA mentee in {programme} is still waiting for your answer.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
        ),
    },
    "offer_accepted": {
        "": (
            pgettext_lazy("notice offer_accepted everyone subject", "Good news: {mentor} said yes!"),
            pgettext_lazy(
                "notice offer_accepted everyone body",
                "{mentor} is happy to be your mentor in {programme}.\nOpen Bridges to see how to get in touch.\n\n"
                "We wish you a good start!",
            ),
        ),
        "coordinator": (
            pgettext_lazy("notice offer_accepted coordinator subject", "Pairing accepted: {mentor} and {mentee}"),
            pgettext_lazy(
                "notice offer_accepted coordinator body",
                "{mentor} accepted the pairing with {mentee} in {programme}. The match is now active.",
            ),
        ),
    },
    "offer_declined": {
        "": (
            pgettext_lazy("notice offer_declined everyone subject", "This pairing will not go ahead"),
            pgettext_lazy(
                "notice offer_declined everyone body",
                "Hello!\n\nThe pairing in {programme} will not go ahead.\n"
                "Thank you. We will write to you when there is news.",
            ),
        ),
        "mentee": (
            pgettext_lazy("notice offer_declined mentee subject", "We are looking for another mentor for you"),
            pgettext_lazy(
                "notice offer_declined mentee body",
                "Hello!\n\nThis time the pairing did not work out. This is not your fault.\n"
                "We are looking for another mentor for you and will write to you soon.\n\n"
                "Thank you for your patience!",
            ),
        ),
        "mentor": (
            pgettext_lazy("notice offer_declined mentor subject", "This pairing will not go ahead"),
            pgettext_lazy(
                "notice offer_declined mentor body",
                "Hello!\n\n{mentee} has decided not to go ahead with this pairing.\n"
                "Thank you for your time and your help.\nWe will write to you when there is a new pairing.",
            ),
        ),
        "coordinator": (
            pgettext_lazy("notice offer_declined coordinator subject", "Pairing declined: {mentee} and {mentor}"),
            pgettext_lazy(
                "notice offer_declined coordinator body",
                "The pairing of {mentee} and {mentor} in {programme} will not go ahead.\nSaid no: {decliner}\n"
                "Reason: {reason}\n\nYou can offer another pairing in Bridges.",
            ),
        ),
    },
    "offer_expired": {
        "": (
            pgettext_lazy("notice offer_expired everyone subject", "The pairing offer has ended"),
            pgettext_lazy(
                "notice offer_expired everyone body",
                "Hello!\n\nWe did not get your answer in time, so the pairing offer has ended. That is all right.\n"
                "We will write to you when there is a new pairing.\n\nThank you!",
            ),
        ),
        "coordinator": (
            pgettext_lazy("notice offer_expired coordinator subject", "Offer expired: {mentor} did not answer"),
            pgettext_lazy(
                "notice offer_expired coordinator body",
                "The pairing offer to {mentor} in {programme} has ended: there was no answer in time.\n"
                "You can offer the mentee another mentor in Bridges.",
            ),
        ),
    },
    "offer_withdrawn": {
        "": (
            pgettext_lazy("notice offer_withdrawn everyone subject", "The pairing offer has been withdrawn"),
            pgettext_lazy(
                "notice offer_withdrawn everyone body",
                "Hello!\n\n{programme} has come to an end, so the pairing offer is withdrawn. This has nothing to "
                "do with you or with anything you did.\nThank you for your time and for wanting to take part.",
            ),
        ),
    },
    "match_ended": {
        "": (
            pgettext_lazy("notice match_ended everyone subject", "Your mentoring has ended"),
            pgettext_lazy(
                "notice match_ended everyone body",
                "Hello!\n\nYour mentoring match in {programme} has ended.\nReason: {reason}\n\n"
                "Thank you for your time. If you have questions, please write to your coordinator.",
            ),
        ),
    },
    "match_completed_feedback": {
        "": (
            pgettext_lazy(
                "notice match_completed_feedback everyone subject", "Your mentoring is complete – how was it?"
            ),
            pgettext_lazy(
                "notice match_completed_feedback everyone body",
                "Hello!\n\nYour mentoring in {programme} is now complete. Thank you!\n"
                "Please open Bridges and tell us how it went. It takes only a few taps and helps us a lot.",
            ),
        ),
    },
    "mentor_verified": {
        "": (
            pgettext_lazy("notice mentor_verified everyone subject", "Welcome: your profile is checked"),
            pgettext_lazy(
                "notice mentor_verified everyone body",
                "Hello!\n\nThe coordinators have checked your profile in {programme}. Thank you for helping!\n"
                "From now on, we can suggest mentees to you. We will write to you when there is a pairing.",
            ),
        ),
    },
    "run_finished": {
        "": (
            pgettext_lazy("notice run_finished everyone subject", "Matching finished – proposed pairs: {proposals}"),
            pgettext_lazy(
                "notice run_finished everyone body",
                "The matching run for {programme} has finished.\nProposed pairs: {proposals}\n"
                "Mentees without a match: {unmatched}\n\nOpen Bridges to review the proposals.",
            ),
        ),
    },
    "groups_published": {
        "": (
            pgettext_lazy("notice groups_published everyone subject", "Your peer group is ready"),
            pgettext_lazy(
                "notice groups_published everyone body",
                "Hello!\n\nThe peer groups of {round} in {programme} are ready, and you are in one of them.\n"
                "Open Bridges to meet the members of your group, see how to reach them and find a good time for "
                "a first meeting.\n"
                "\nWe wish you good exchanges!",
            ),
        ),
    },
    # Someone else may read her inbox: no text, no name, no programme, nothing about what the programme is for.
    "unread_messages": {
        "": (
            pgettext_lazy("notice unread_messages everyone subject", "Something is waiting for you on Bridges"),
            npgettext_lazy(
                "notice unread_messages everyone body",
                "Hello!\n\nYou have {count} unread message on Bridges.\nOpen Bridges to read it.",
                "Hello!\n\nYou have {count} unread messages on Bridges.\nOpen Bridges to read them.",
                "count",
            ),
        ),
    },
    "meeting_proposed": {
        "": (
            pgettext_lazy("notice meeting_proposed everyone subject", "Times to meet were proposed to you"),
            pgettext_lazy(
                "notice meeting_proposed everyone body",
                "Hello!\n\nTimes for your first meeting were proposed to you.\n"
                "Open Bridges to choose one, or to propose other times.",
            ),
        ),
    },
    "outcome_question": {
        "": (
            pgettext_lazy("notice outcome_question everyone subject", "What came of your mentoring?"),
            pgettext_lazy(
                "notice outcome_question everyone body",
                "Hello!\n\nYour mentoring in {programme} ended some months ago. What came of it?\n"
                "Please open Bridges and answer with one tap. It helps us find good pairs for others.\n\nThank you!",
            ),
        ),
        "mentor": (
            pgettext_lazy("notice outcome_question mentor subject", "How is your former mentee doing?"),
            pgettext_lazy(
                "notice outcome_question mentor body",
                "Hello!\n\nYour mentoring in {programme} ended some months ago. Do you know if your mentee found "
                "work, a training place, recognition of a qualification or a language course?\n"
                "Please open Bridges and answer with one tap. It helps us find good pairs for others.\n\nThank you!",
            ),
        ),
    },
    "retention_due": {
        "": (
            pgettext_lazy("notice retention_due everyone subject", "Inactive participants will be erased"),
            npgettext_lazy(
                "notice retention_due everyone body",
                "Hello!\n\n{count} participant of {programme} has not been active for a long time.\n"
                "Their account will be erased on {erase_on}, unless they come back.\n"
                "Open Bridges to see the list and contact them if needed.",
                "Hello!\n\n{count} participants of {programme} have not been active for a long time.\n"
                "Their accounts will be erased on {erase_on}, unless they come back.\n"
                "Open Bridges to see the list and contact them if needed.",
                "count",
            ),
        ),
    },
    "group_followup": {
        "": (
            pgettext_lazy("notice group_followup everyone subject", "Did your peer group meet?"),
            pgettext_lazy(
                "notice group_followup everyone body",
                "Hello!\n\nSome weeks ago you joined a peer group in {round} of {programme}.\n"
                "Did your group meet? Please open Bridges and tell us in two taps, with a short rating. It helps "
                "us plan the next round.\n"
                "\nThank you!",
            ),
        ),
    },
    "safety_report": {
        "": (
            pgettext_lazy("notice safety_report everyone subject", "A safety report needs your attention"),
            pgettext_lazy(
                "notice safety_report everyone body",
                "Hello,\n\n"
                "someone in {programme} has made a safety report. If it concerns a match, the match is paused.\n"
                "Please open Bridges soon and look at the open safety reports.\n\nThank you.",
            ),
        ),
    },
}

# Wording about the person a notice is about (the mentor in a mentee's notice, the mentee in a mentor's), in that
# person's own form of address (common.address); the general wording above is the neutral one. English words
# everyone the same; other languages need the forms.
COUNTED = frozenset({"retention_due", "unread_messages"})  # kinds whose body is counted by params["count"]
GENDERED_PERSON = {
    "offer_shown_to_mentee": "mentor",
    "offer_accepted": "mentor",
    "offer_received": "mentee",
    "offer_reminder": "mentee",
}
GENDERED: dict[tuple[str, str], dict[str, tuple[Text, Text]]] = {
    ("offer_shown_to_mentee", ""): {
        "feminine": (
            pgettext_lazy("notice offer_shown_to_mentee everyone subject|feminine", "We found a mentor for you"),
            pgettext_lazy(
                "notice offer_shown_to_mentee everyone body|feminine",
                "Good news!\n\nWe found a mentor for you: {mentor}.\n"
                "Now we wait for the answer of {mentor}. We will write to you again when there is news.",
            ),
        ),
        "masculine": (
            pgettext_lazy("notice offer_shown_to_mentee everyone subject|masculine", "We found a mentor for you"),
            pgettext_lazy(
                "notice offer_shown_to_mentee everyone body|masculine",
                "Good news!\n\nWe found a mentor for you: {mentor}.\n"
                "Now we wait for the answer of {mentor}. We will write to you again when there is news.",
            ),
        ),
    },
    ("offer_received", ""): {
        "feminine": (
            pgettext_lazy("notice offer_received everyone subject|feminine", "A new mentee is waiting for your answer"),
            pgettext_lazy(
                "notice offer_received everyone body|feminine",
                "Hello!\n\nWe think you and {mentee} could be a good pair in {programme}.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
        ),
        "masculine": (
            pgettext_lazy(
                "notice offer_received everyone subject|masculine", "A new mentee is waiting for your answer"
            ),
            pgettext_lazy(
                "notice offer_received everyone body|masculine",
                "Hello!\n\nWe think you and {mentee} could be a good pair in {programme}.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
        ),
    },
    ("offer_reminder", ""): {
        "feminine": (
            pgettext_lazy(
                "notice offer_reminder everyone subject|feminine", "Reminder: a mentee is waiting for your answer"
            ),
            pgettext_lazy(
                "notice offer_reminder everyone body|feminine",
                "Hello!\n\nA mentee in {programme} is still waiting for your answer.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
        ),
        "masculine": (
            pgettext_lazy(
                "notice offer_reminder everyone subject|masculine", "Reminder: a mentee is waiting for your answer"
            ),
            pgettext_lazy(
                "notice offer_reminder everyone body|masculine",
                "Hello!\n\nA mentee in {programme} is still waiting for your answer.\n"
                "Please open Bridges and say yes or no.\n\nLast day to answer: {expires}\n\nThank you!",
            ),
        ),
    },
    ("offer_accepted", ""): {
        "feminine": (
            pgettext_lazy("notice offer_accepted everyone subject|feminine", "Good news: {mentor} said yes!"),
            pgettext_lazy(
                "notice offer_accepted everyone body|feminine",
                "{mentor} is happy to be your mentor in {programme}.\nOpen Bridges to see how to get in touch.\n\n"
                "We wish you a good start!",
            ),
        ),
        "masculine": (
            pgettext_lazy("notice offer_accepted everyone subject|masculine", "Good news: {mentor} said yes!"),
            pgettext_lazy(
                "notice offer_accepted everyone body|masculine",
                "{mentor} is happy to be your mentor in {programme}.\nOpen Bridges to see how to get in touch.\n\n"
                "We wish you a good start!",
            ),
        ),
    },
}

# Shown for a kind this catalog no longer knows, so an old row never breaks a list.
UNKNOWN_KIND: tuple[Text, Text] = (
    pgettext_lazy("notice unknown subject", "New message in Bridges"),
    pgettext_lazy("notice unknown body", "You have a new message. Please open Bridges to read it."),
)

EMAIL_FOOTER: Text = pgettext_lazy(
    "notice email footer", "— Bridges\nYou get this email because you take part in a programme on Bridges."
)

# Safe words for a parameter the caller did not give; any other missing one is left empty.
FALLBACK_DASH = ("proposals", "unmatched")
FALLBACKS: dict[str, Text] = {
    "mentor": pgettext_lazy("notice missing mentor", "the mentor"),
    "mentee": pgettext_lazy("notice missing mentee", "the mentee"),
    "decliner": pgettext_lazy("notice missing decliner", "one of them"),
    "expires": pgettext_lazy("notice missing expires", "see Bridges"),
    "round": pgettext_lazy("notice missing round", "the new round"),
}

# Reason codes whose label could put someone at risk if the other side read it; they see "Other".
PRIVATE_REASONS = frozenset({"safety_concern"})
_REASON_LISTS = {"offer_declined": reference_data.decline_reasons, "match_ended": reference_data.end_reasons}
_MAX_VALUE_LENGTH = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def audiences(kind: str) -> tuple[str, ...]:
    """The audiences a kind has its own words for ("" is everyone else)."""
    return tuple(CATALOG.get(kind, {}))


class _Values(dict[str, str]):
    def __init__(self, values: Mapping[str, str], fallbacks: Mapping[str, str]) -> None:
        super().__init__(values)
        self.fallbacks = fallbacks

    def __missing__(self, key: str) -> str:
        return self.fallbacks.get(key, "")


def _clean(value: Any) -> str:
    # Names come from people: one line, no control characters, bounded length.
    return _CONTROL.sub(" ", str(value)).strip()[:_MAX_VALUE_LENGTH]


def _reason_label(kind: str, code: str, language: str, audience: str) -> str:
    items = {item.code: item for item in _REASON_LISTS[kind]()}
    if code in PRIVATE_REASONS and audience != "coordinator":
        code = "other"
    item = items.get(code) or items.get("other")
    return item.label(language) if item else ""


def _date_label(value: str, language: str) -> str:
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return format_date(day, format="long", locale=language)


def _values(kind: str, language: str, params: Mapping[str, Any], audience: str) -> dict[str, str]:
    values = {key: _clean(value) for key, value in params.items() if value is not None and value != ""}
    if kind in _REASON_LISTS:
        values["reason"] = _reason_label(kind, values.get("reason", "other"), language, audience)
    if "expires" in values:
        values["expires"] = _date_label(values["expires"], language)
    if "erase_on" in values:
        values["erase_on"] = _date_label(values["erase_on"], language)
    by = values.pop("by", "")
    if by in ("mentee", "mentor") and by in values:
        values["decliner"] = values[by]
    return values


def _fill(template: str, values: _Values) -> str:
    text = template.format_map(values).strip()
    return text[:1].upper() + text[1:]


def _words(kind: str, audience: str, forms: Mapping[str, str]) -> tuple[Text, Text]:
    variants = CATALOG.get(kind)
    if variants is None:
        return UNKNOWN_KIND
    person = GENDERED_PERSON.get(kind)
    form = address_form(forms.get(person)) if person else AddressForm.NEUTRAL
    gendered = GENDERED.get((kind, audience), {}).get(form)
    return gendered or variants.get(audience) or variants[""]


def _count(params: Mapping[str, Any]) -> int:
    try:
        return int(params.get("count") or 0)
    except (TypeError, ValueError):
        return 0


def render(
    kind: str,
    language: str | None,
    params: Mapping[str, Any],
    audience: str = "",
    forms: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """The subject and body of a notice in ``language``.

    ``forms`` says how the people the notice names want to be addressed (by parameter, e.g. ``{"mentor":
    "masculine"}``; neutral when not given). Falls back to English for a language without words, to the general
    wording for an audience without its own, and to a safe word or nothing for a parameter that is missing, so it
    never fails on old or partial rows.
    """
    language = interface_language(language)
    # The named person's form of address travels with the notice (e.g. "mentor_form"), unless given here.
    if forms is None:
        forms = {person: str(params.get(f"{person}_form") or "") for person in GENDERED_PERSON.values()}
    subject_text, body_text = _words(kind, audience, forms)
    with translation.override(language):
        subject = str(subject_text)
        # A counted text (npgettext, "{count} participants") picks its plural form from the count.
        body = str(body_text % {"count": _count(params)}) if kind in COUNTED else str(body_text)
        fallbacks = {key: str(value) for key, value in FALLBACKS.items()}
    fallbacks.update(dict.fromkeys(FALLBACK_DASH, "–"), programme="Bridges")
    values = _Values(_values(kind, language, params, audience), fallbacks)
    return " ".join(_fill(subject, values).split()), _fill(body, values)


def email_footer(language: str | None) -> str:
    with translation.override(interface_language(language)):
        return str(EMAIL_FOOTER)
