"""Input parsing and output shapes of the mentoring workflow; what a mentor sees depends on the match state."""

from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.address import AddressFormOutputField
from common.record_fields import RecordListField
from mentoring.models import GoalReached, Match, MatchingRun, MatchState
from privacy.sensitive import SUPPORT_PREFIX, pseudonym
from profiles.models import Profile
from profiles.serializers import LanguageSkillOutputSerializer
from programmes import reference_data

SENSITIVE_REASON_MARKERS = ("woman", "prefer", "online_only", "gender")
"""Reasons that would reveal a mentee's opt-in preferences; mentors see only their effect."""


def _check_code(name: str) -> Any:
    def check(value: str) -> None:
        if value not in reference_data.codes(name):
            # The value is not echoed: a reason typed into the wrong field must not come back in an error.
            raise serializers.ValidationError(gettext("Choose one of the listed reasons."))

    return check


class ReasonOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    params = serializers.DictField()


class ScorePartOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.FloatField()


class PersonCardOutputSerializer(serializers.Serializer):
    """What a matched person may see of the other before the match is accepted."""

    profile = serializers.UUIDField(source="pk")
    first_name = serializers.CharField(source="membership.user.display_name")
    address_as = AddressFormOutputField(source="membership.user.address_as")
    languages = serializers.SerializerMethodField()
    sectors = serializers.SerializerMethodField()
    goals = serializers.ListField(child=serializers.CharField())
    city = serializers.CharField()
    country = CountryField(allow_blank=True)
    role = serializers.CharField(source="membership.role")

    @extend_schema_field(LanguageSkillOutputSerializer(many=True))
    def get_languages(self, profile: Profile) -> list[dict[str, str]]:
        return [{"code": skill.language, "level": skill.level} for skill in profile.languages.all()]

    def get_sectors(self, profile: Profile) -> list[str]:
        return [sector.code for sector in profile.sectors.all()]


class ContactOutputSerializer(serializers.Serializer):
    full_name = serializers.CharField()
    email = serializers.EmailField(allow_null=True)
    phone = serializers.CharField(allow_null=True)


class ParticipantMatchOutputSerializer(serializers.Serializer):
    """A match as the mentee or the mentor sees it."""

    id = serializers.UUIDField()
    programme = serializers.UUIDField()
    state = serializers.ChoiceField(choices=MatchState.choices)
    my_role = serializers.CharField()
    counterpart = PersonCardOutputSerializer()
    contact = ContactOutputSerializer(allow_null=True, help_text="Only once active, and only what was shared.")
    reasons = RecordListField(ReasonOutputSerializer)
    offer_expires_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    feedback_given = serializers.BooleanField(help_text="Whether the caller has already given feedback on it.")
    counterpart_hidden = serializers.BooleanField(
        help_text="The other person blocked the caller: her card is blank and her contact is not shown."
    )


class _Nothing:
    def all(self) -> list[Any]:
        return []


class _HiddenCard:
    """Stands in for the card of someone who blocked the viewer (safeguarding): nothing of her is shown."""

    def __init__(self, profile: Profile) -> None:
        self.pk = profile.pk
        self.goals: list[str] = []
        self.city = ""
        self.country = ""
        self.languages = self.sectors = _Nothing()
        self.membership = SimpleNamespace(
            role=profile.membership.role, user=SimpleNamespace(display_name="", address_as="")
        )


class _PseudonymousCard:
    """A mentee's card as a mentor sees it before accepting: her initial instead of her first name."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self.membership = SimpleNamespace(
            role=profile.membership.role,
            user=SimpleNamespace(
                display_name=pseudonym(profile.membership.user.display_name),
                address_as=profile.membership.user.address_as,
            ),
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._profile, name)


def _reveals_preferences(reason: dict[str, Any]) -> bool:
    """A reason that would reveal a mentee's opt-in preferences or a need drawn from her sensitive answers."""
    if any(marker in reason["code"] for marker in SENSITIVE_REASON_MARKERS):
        return True
    return any(isinstance(v, str) and v.startswith(SUPPORT_PREFIX) for v in dict(reason.get("params") or {}).values())


def participant_view(match: Match, role: str) -> dict[str, Any]:
    """The match as one side sees it: the other's card, contact only once active and only what was shared,
    and never the mentee's sensitive preferences (only that the pairing respected them). Someone who blocked
    the viewer shows as a blank card without contact. The match comes from a selector that marked what her view
    needs (``mentoring.selectors``: blocks, contact consent and her feedback, asked once for a whole list)."""
    other = match.mentor if role == "mentee" else match.mentee
    hidden: bool = match.counterpart_blocked_me  # type: ignore[attr-defined]
    contact = None
    if match.state == MatchState.ACTIVE and not hidden:
        # Contacts only while her consent to share them is in force (withdrawing it stops this at once).
        shares_contact = not match.counterpart_withheld_contact  # type: ignore[attr-defined]
        user = other.membership.user
        contact = {
            "full_name": user.full_name or user.display_name,
            "email": user.email if other.share_email and shares_contact else None,
            "phone": user.phone if other.share_phone and shares_contact and user.phone else None,
        }
    reasons = [r for r in match.reasons if not _reveals_preferences(r)]
    if role == "mentor" and (
        len(reasons) < len(match.reasons) or match.mentee.woman_mentor_only or match.mentee.online_only
    ):
        reasons.append({"code": "matched_on_preferences", "params": {}})
    if role == "mentor" and not hidden and match.accepted_at is None:
        # Until the mentor accepts, the mentee is a pseudonymous card: her initial, no contact.
        counterpart: Any = _PseudonymousCard(other)
    else:
        counterpart = _HiddenCard(other) if hidden else other
    return {
        "id": match.pk,
        "programme": match.programme_id,
        "state": match.state,
        "my_role": role,
        "counterpart": counterpart,
        "contact": contact,
        "reasons": reasons,
        "offer_expires_at": match.offer_expires_at,
        "accepted_at": match.accepted_at,
        "closed_at": match.closed_at,
        "feedback_given": match.viewer_gave_feedback,  # type: ignore[attr-defined]
        "counterpart_hidden": hidden,
    }


class PersonOutputSerializer(serializers.Serializer):
    profile = serializers.UUIDField(source="pk")
    display_name = serializers.CharField(source="membership.user.display_name")
    full_name = serializers.CharField(source="membership.user.full_name")
    address_as = AddressFormOutputField(source="membership.user.address_as")
    role = serializers.CharField(source="membership.role")


class AlternativeOutputSerializer(serializers.Serializer):
    mentor = serializers.UUIDField()
    score = serializers.FloatField()
    rank = serializers.IntegerField()


class CoordinatorMatchOutputSerializer(serializers.ModelSerializer):
    """A match as the programme's coordinators see it: everything, with the score broken down."""

    mentee = PersonOutputSerializer()
    mentor = PersonOutputSerializer()
    parts = RecordListField(ScorePartOutputSerializer)
    reasons = RecordListField(ReasonOutputSerializer)
    alternatives = RecordListField(AlternativeOutputSerializer)

    class Meta:
        model = Match
        fields = [
            "id",
            "programme",
            "run",
            "source",
            "state",
            "mentee",
            "mentor",
            "score",
            "parts",
            "reasons",
            "alternatives",
            "offered_at",
            "offer_expires_at",
            "accepted_at",
            "closed_at",
            "reason_code",
            "reason_text",
            "closed_by_role",
            "completed",
            "created_at",
            "updated_at",
        ]


class RunCertificateOutputSerializer(serializers.Serializer):
    """Whether a finished run is proven the best possible over all eligible pairs, and if not, how far it can be
    from it. Absent fields: a mode that proves nothing (stable, greedy) or a run from before proofs existed."""

    proven = serializers.BooleanField(help_text="No other set of pairs scores more (to the scores' 10⁻⁶ resolution).")
    matched_proven = serializers.BooleanField(help_text="'Most matched first': no set of pairs matches more mentees.")
    objective = serializers.ChoiceField(choices=["total_score", "matched_then_score"])
    upper_bound = serializers.FloatField(help_text="No set of pairs scores more than this (total score objective).")
    gap = serializers.FloatField(help_text="Upper bound minus this run's objective; 0 when proven.")
    rounds = serializers.IntegerField(help_text="Passes over all pairs.")
    pairs_added = serializers.IntegerField(help_text="Pairs the proof added to the candidate pairs.")
    stopped = serializers.ChoiceField(choices=["proven", "rounds", "time", "stalled"])


class MatchingRunSummaryOutputSerializer(serializers.ModelSerializer):
    """A run in the programme's list: its figures, without the unmatched mentees (a run's own page has them; at
    20,000 mentees they are a megabyte per page of the list)."""

    certificate = serializers.SerializerMethodField()

    class Meta:
        model = MatchingRun
        fields = [
            "id",
            "programme",
            "status",
            "progress",
            "settings",
            "counts",
            "timings",
            "certificate",
            "error",
            "started_by",
            "created_at",
            "started_at",
            "finished_at",
        ]

    @extend_schema_field(RunCertificateOutputSerializer(allow_null=True))
    def get_certificate(self, run: MatchingRun) -> dict[str, Any] | None:
        return run.certificate or None


class GroupRateOutputSerializer(serializers.Serializer):
    mentees = serializers.IntegerField()
    matchable = serializers.IntegerField(help_text="Mentees some open mentor could take by the rules.")
    matched = serializers.IntegerField()
    match_rate = serializers.FloatField(help_text="Matched / matchable.")
    predicted_success = serializers.FloatField(
        required=False, help_text="Mean predicted success of the group's pairs (with a ready model only)."
    )


class RunGroupReportOutputSerializer(serializers.Serializer):
    groups = serializers.DictField(
        child=serializers.DictField(child=GroupRateOutputSerializer()),
        help_text="Per monitored grouping (mentee_language, childcare, city), per group: its figures.",
    )
    matched = serializers.IntegerField()
    expected_successes = serializers.FloatField(allow_null=True, help_text="Sum of the pairs' predicted success.")


class RunGuardOutputSerializer(serializers.Serializer):
    grouping = serializers.CharField()
    min_share = serializers.FloatField(help_text="No group's match rate below this share of the overall rate.")
    total_score_without_guard = serializers.FloatField()
    total_score = serializers.FloatField()
    cost_in_total_score = serializers.FloatField(help_text="Total engine score given up for the guard.")
    objective_without_guard = serializers.FloatField()
    objective = serializers.FloatField()
    cost_in_objective = serializers.FloatField(help_text="The same, with the learned part counted.")
    matched_without_guard = serializers.IntegerField()
    matched = serializers.IntegerField()


class RunLearningOutputSerializer(serializers.Serializer):
    """What a run made of the programme's learning settings. Absent when the programme uses none of them."""

    weight = serializers.FloatField(help_text="The learned part's weight the programme chose.")
    target = serializers.CharField(help_text="What counts as success (an outcome target).")
    used = serializers.BooleanField(help_text="Whether the run scored with the learned part (false: no ready model).")
    model_version = serializers.IntegerField(allow_null=True)
    base_rate = serializers.FloatField(allow_null=True, help_text="Share of successes among the model's outcomes.")
    expected_successes = serializers.FloatField(required=False, allow_null=True)
    monitored = serializers.ListField(child=serializers.CharField(), required=False)
    made = RunGroupReportOutputSerializer(required=False, help_text="The run as made.")
    without_learned = RunGroupReportOutputSerializer(
        required=False, allow_null=True, help_text="The same run without the learned part (null when not used)."
    )
    guard = RunGuardOutputSerializer(required=False, help_text="The fairness guard, when on.")


class MatchingRunOutputSerializer(MatchingRunSummaryOutputSerializer):
    """A run as its own page (and the answer to starting one) shows it: with each unmatched mentee and why, and
    what it made of the programme's learning settings."""

    unmatched = serializers.SerializerMethodField()
    learning = serializers.SerializerMethodField()

    class Meta(MatchingRunSummaryOutputSerializer.Meta):
        fields = [
            *MatchingRunSummaryOutputSerializer.Meta.fields[:8],
            "unmatched",
            "learning",
            *MatchingRunSummaryOutputSerializer.Meta.fields[8:],
        ]

    @extend_schema_field(RunLearningOutputSerializer(allow_null=True))
    def get_learning(self, run: MatchingRun) -> dict[str, Any] | None:
        return run.learning or None

    def get_unmatched(self, run: MatchingRun) -> list[dict[str, Any]]:
        """Each unmatched mentee with her name as her coordinators see it (full name where she gave one: two
        "Amal"s must be told apart), her city, and the engine's reasons, as a list the UI can show."""
        rows = Profile.objects.filter(pk__in=list(run.unmatched)).values_list(
            "pk", "membership__user__full_name", "membership__user__display_name", "city"
        )
        people = {str(pk): (full or display, city) for pk, full, display, city in rows}
        return [
            {
                "mentee": mentee,
                "name": people.get(mentee, ("", ""))[0],
                "city": people.get(mentee, ("", ""))[1],
                "reasons": reasons,
            }
            for mentee, reasons in sorted(run.unmatched.items())
        ]


class RunStartInputSerializer(serializers.Serializer):
    mentees = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        allow_empty=False,
        help_text="Only these mentees; all waiting mentees if left out.",
    )
    mode = serializers.ChoiceField(choices=["optimal", "max_matched", "stable", "greedy"], default="optimal")
    min_score = serializers.FloatField(required=False, min_value=0.0, max_value=1.0)


class HandMatchInputSerializer(serializers.Serializer):
    mentee = serializers.UUIDField()
    mentor = serializers.UUIDField()


class ExplainInputSerializer(HandMatchInputSerializer):
    pass


class ExplanationPartOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    weight = serializers.FloatField()
    value = serializers.FloatField()
    contribution = serializers.FloatField()
    reasons = ReasonOutputSerializer(many=True)


class ExplanationOutputSerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    score = serializers.FloatField()
    parts = ExplanationPartOutputSerializer(many=True)
    reasons = ReasonOutputSerializer(many=True)


class RecommendationOutputSerializer(serializers.Serializer):
    mentor = PersonCardOutputSerializer()
    rank = serializers.IntegerField()
    explanation = ExplanationOutputSerializer()


BULK_BY_FILTER_MAX = 1000
"""The most proposals one "approve (or reject) all shown by this filter" acts on in one request."""


class ProposalsFilterInputSerializer(serializers.Serializer):
    """Which of the programme's proposals: all of them, or those of one run, mentee or mentor (as the list's
    filters of the same names)."""

    run = serializers.UUIDField(required=False)
    mentee = serializers.UUIDField(required=False)
    mentor = serializers.UUIDField(required=False)


class BulkApproveInputSerializer(serializers.Serializer):
    """Either the ids of the proposals, or a filter with the number of proposals the coordinator saw it select:
    the server acts on exactly the proposals that match it now, and on none if that is not the number she saw."""

    ids = serializers.ListField(child=serializers.UUIDField(), allow_empty=False, max_length=500, required=False)
    filter = ProposalsFilterInputSerializer(
        required=False, help_text="Act on every proposal of the programme that matches, not only those on one page."
    )
    expected_count = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=BULK_BY_FILTER_MAX,
        help_text="With filter: how many proposals it matched in the list she saw (the list's count).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("ids" in attrs) == ("filter" in attrs):
            raise serializers.ValidationError(
                _("Give either the ids of the proposals or a filter, not both."), code="invalid"
            )
        if "filter" in attrs and "expected_count" not in attrs:
            raise serializers.ValidationError(
                {"expected_count": [_("Say how many proposals you saw this filter select.")]}, code="required"
            )
        return attrs


class BulkApproveResultOutputSerializer(serializers.Serializer):
    """One proposal's outcome in a bulk approve or bulk reject."""

    id = serializers.UUIDField()
    ok = serializers.BooleanField()
    state = serializers.CharField()
    error = serializers.CharField(help_text="Why it was not done, in plain words; empty when ok.")


class BulkRejectInputSerializer(BulkApproveInputSerializer):
    reason = serializers.CharField(max_length=2000, help_text="Why the coordinator rejects these pairings.")


class SwapInputSerializer(serializers.Serializer):
    first = serializers.UUIDField()
    second = serializers.UUIDField()


class RejectInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Why the coordinator rejects the pairing.")


class DeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(validators=[_check_code("decline_reasons")])
    text = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class EndInputSerializer(serializers.Serializer):
    reason = serializers.CharField(validators=[_check_code("end_reasons")])
    text = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class FeedbackInputSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    text = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    goal_reached = serializers.ChoiceField(choices=GoalReached.choices, default=GoalReached.NONE)


class FeedbackOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    rating = serializers.IntegerField()
    text = serializers.CharField()
    goal_reached = serializers.CharField()
    author_role = serializers.CharField()


class AuditEventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.UUIDField(source="actor_id", allow_null=True)
    actor_name = serializers.SerializerMethodField()
    actor_role = serializers.CharField()
    action = serializers.CharField()
    target_type = serializers.CharField()
    target_id = serializers.CharField()
    reason = serializers.CharField()
    detail = serializers.DictField()

    def get_actor_name(self, event: Any) -> str | None:
        return event.actor.display_name if event.actor is not None else None


class HealthMentorLoadOutputSerializer(serializers.Serializer):
    full = serializers.IntegerField()
    some = serializers.IntegerField()
    free = serializers.IntegerField()


class MentorLoadOutputSerializer(serializers.Serializer):
    """One mentor's open (offered, active or paused) matches and capacity."""

    mentor = serializers.UUIDField(source="pk")
    name = serializers.CharField(source="membership.user.display_name")
    open_matches = serializers.IntegerField()
    capacity = serializers.SerializerMethodField()

    def get_capacity(self, profile: Profile) -> int:
        return profile.capacity or 0


class HealthOutputSerializer(serializers.Serializer):
    states = serializers.DictField(child=serializers.IntegerField())
    mentees = serializers.IntegerField()
    mentees_waiting = serializers.IntegerField()
    median_days_waiting = serializers.FloatField(allow_null=True)
    offers_answered = serializers.IntegerField()
    acceptance_rate = serializers.FloatField(allow_null=True)
    decline_rate = serializers.FloatField(allow_null=True)
    expiry_rate = serializers.FloatField(allow_null=True)
    decline_reasons = serializers.DictField(child=serializers.IntegerField())
    mentor_load = HealthMentorLoadOutputSerializer(
        help_text="How many mentors (with room for at least one mentee) are full, have some open matches, or none; "
        "each mentor's own load is the list at health/mentor-load/."
    )
    first_meetings = serializers.DictField(
        help_text="How many matches booked a first meeting, and the median days from the mentor's yes to booking."
    )
    feedback = serializers.DictField()


class MatchFilterInputSerializer(serializers.Serializer):
    """The filters of a programme's list of matches (query parameters); a malformed one answers 400, naming it."""

    state = serializers.ChoiceField(
        choices=MatchState.choices, required=False, help_text="Only the matches in this state."
    )
    run = serializers.UUIDField(required=False)
    mentee = serializers.UUIDField(required=False)
    mentor = serializers.UUIDField(required=False)


class WhatIfOutcomeOutputSerializer(serializers.Serializer):
    proposals = serializers.IntegerField(help_text="Pairs the engine would propose.")
    matched = serializers.IntegerField(help_text="Mentees who would get a proposal.")
    match_rate = serializers.FloatField(help_text="Matched mentees / mentees in the run (0 to 1).")
    total_score = serializers.FloatField(help_text="The sum of the proposed pairs' scores.")


class WhatIfOutputSerializer(serializers.Serializer):
    run = serializers.UUIDField(source="run.pk", help_text="The run whose people were matched again.")
    run_finished_at = serializers.DateTimeField(source="run.finished_at", allow_null=True)
    mentees = serializers.IntegerField(help_text="The run's mentees who still take part.")
    before = WhatIfOutcomeOutputSerializer(help_text="With the saved settings.")
    after = WhatIfOutcomeOutputSerializer(help_text="With the changed settings.")
    pairs_added = serializers.IntegerField()
    pairs_removed = serializers.IntegerField()
    mentees_changed = serializers.IntegerField(help_text="Mentees whose proposal would change (or appear, or go).")
    differs_from_last_run = serializers.IntegerField(
        help_text="Proposals of the last run the saved settings would not make again today, because people and "
        "answers changed since (the preview compares both settings on today's people)."
    )
    seconds = serializers.FloatField(help_text="How long the preview took.")
