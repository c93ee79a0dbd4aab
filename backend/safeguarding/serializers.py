"""Input parsing and output shapes of safety reports and blocks."""

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.text_fields import StrictBooleanField
from messaging.selectors import EXCERPT_MAX
from safeguarding.models import Block, Report, ReportCategory, ReportStatus


class ReportCreateInputSerializer(serializers.Serializer):
    """Either ``match`` (report the other side of your match) or ``group`` and ``person`` (a member's profile)."""

    match = serializers.UUIDField(required=False)
    group = serializers.UUIDField(required=False)
    person = serializers.UUIDField(required=False, help_text="The group member's profile id.")
    category = serializers.ChoiceField(choices=ReportCategory.choices)
    text = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    block = StrictBooleanField(required=False, default=False, help_text="Also block the person.")
    messages = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=EXCERPT_MAX,
        help_text="Messages of the conversation to attach, as the reporter chooses; only the coordinators read them.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("match")) == bool(attrs.get("group")):
            raise serializers.ValidationError(gettext("Say which match or which group this is about."))
        if attrs.get("group") and not attrs.get("person"):
            raise serializers.ValidationError({"person": "Choose the group member."})
        return attrs


class BlockCreateInputSerializer(serializers.Serializer):
    match = serializers.UUIDField(required=False)
    group = serializers.UUIDField(required=False)
    person = serializers.UUIDField(required=False, help_text="The group member's profile id.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("match")) == bool(attrs.get("group")):
            raise serializers.ValidationError(gettext("Say which match or which group this is about."))
        if attrs.get("group") and not attrs.get("person"):
            raise serializers.ValidationError({"person": "Choose the group member."})
        return attrs


class ReportReceiptOutputSerializer(serializers.Serializer):
    """What the reporter gets back: that it was received, never who will read it or what happens to the other."""

    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    created_at = serializers.DateTimeField()
    blocked = serializers.BooleanField()


class BlockOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="blocked.display_name")

    class Meta:
        model = Block
        fields = ["id", "name", "created_at"]


class ReportPersonOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()
    is_active = serializers.BooleanField()


class ReportExcerptLineOutputSerializer(serializers.Serializer):
    sender = serializers.ChoiceField(choices=["reporter", "reported", "other"], source="from")
    text = serializers.CharField()
    sent_at = serializers.DateTimeField()


class CoordinatorReportOutputSerializer(serializers.ModelSerializer):
    """A report as the programme's coordinators see it, to act on it."""

    excerpt = serializers.SerializerMethodField(help_text="The messages the reporter attached, oldest first.")

    reporter = ReportPersonOutputSerializer(allow_null=True)
    reported = ReportPersonOutputSerializer(allow_null=True)
    match_state = serializers.SerializerMethodField()
    resolved_by = serializers.CharField(source="resolved_by.display_name", allow_null=True, default=None)
    text = serializers.CharField(allow_blank=True)
    resolution_note = serializers.CharField(allow_blank=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "programme",
            "context",
            "match",
            "match_state",
            "group",
            "reporter",
            "reporter_role",
            "reported",
            "reported_role",
            "category",
            "text",
            "excerpt",
            "status",
            "created_at",
            "resolved_by",
            "resolved_at",
            "resolution_note",
        ]

    @extend_schema_field(ReportExcerptLineOutputSerializer(many=True))
    def get_excerpt(self, report: Report) -> list[dict[str, Any]]:
        return ReportExcerptLineOutputSerializer(report.excerpt or [], many=True).data  # type: ignore[return-value]

    def get_match_state(self, report: Report) -> str | None:
        return report.match.state if report.match is not None else None


class ReportDecisionInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, help_text="What was decided and why (kept in the audit trail).")
