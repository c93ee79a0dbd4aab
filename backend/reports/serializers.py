"""The report's query and its answer, as the OpenAPI schema describes them (the frontend's types come from it)."""

from typing import Any

from django.utils.translation import gettext
from rest_framework import serializers

from reports.selectors import BREAKDOWNS, MAX_MONTHS

FORMATS = ("json", "csv", "xlsx")


class FunderReportQuerySerializer(serializers.Serializer):
    """``from`` and ``to`` are dates (YYYY-MM-DD), both counted; the report widens them to whole months."""

    def get_fields(self) -> dict[str, serializers.Field]:
        # "from" is a Python keyword: the fields are named here rather than as class attributes.
        return {
            "from": serializers.DateField(
                required=False, input_formats=["iso-8601"], help_text="First day (counted from its month's start)."
            ),
            "to": serializers.DateField(
                required=False, input_formats=["iso-8601"], help_text="Last day (counted to its month's end)."
            ),
            "by": serializers.ChoiceField(
                choices=BREAKDOWNS, required=False, allow_blank=True, help_text="Break each figure down by this."
            ),
            "format": serializers.ChoiceField(
                choices=FORMATS, required=False, default="json", help_text="json (default), csv or xlsx."
            ),
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("from"), attrs.get("to")
        if start and end:
            if end < start:
                raise serializers.ValidationError({"to": [gettext("The end of the period is before its start.")]})
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            if months > MAX_MONTHS:
                raise serializers.ValidationError(
                    {"to": [gettext("A report covers at most three years; choose a shorter period.")]}
                )
        return attrs


CELL_STATUSES = [("shown", "shown"), ("small", "small"), ("hidden", "hidden")]
MEDIAN_STATUSES = [("shown", "shown"), ("small", "small")]


class FunderReportCellSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="The count, only when it is shown.")
    display = serializers.CharField(help_text="What to show: the count, “< 5”, or “–” for a hidden count.")
    # A choice set of its own in the schema (ENUM_NAME_OVERRIDES): "status" names other choice sets there.
    status = serializers.ChoiceField(choices=CELL_STATUSES, help_text="shown, small (1 to 4 people) or hidden.")


class FunderReportColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class FunderReportRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    total = serializers.BooleanField()
    cells = FunderReportCellSerializer(many=True)


class FunderReportFigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    about_people = serializers.BooleanField()
    columns = FunderReportColumnSerializer(many=True)
    rows = FunderReportRowSerializer(many=True)


class FunderReportMedianSerializer(serializers.Serializer):
    days = serializers.FloatField(allow_null=True)
    display = serializers.CharField()
    status = serializers.ChoiceField(
        choices=MEDIAN_STATUSES, help_text="shown, or small (fewer than 5 people: no median)."
    )


class FunderReportMedianRowSerializer(FunderReportMedianSerializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class FunderReportWaitingSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    overall = FunderReportMedianSerializer()
    rows = FunderReportMedianRowSerializer(many=True)


class FunderReportProgrammeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    kind = serializers.CharField()


class FunderReportPeriodSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, serializers.Field]:
        return {"from": serializers.DateField(), "to": serializers.DateField()}


class FunderReportOutputSerializer(serializers.Serializer):
    programmes = FunderReportProgrammeSerializer(many=True)
    period = FunderReportPeriodSerializer(help_text="The whole months counted.")
    asked = FunderReportPeriodSerializer(help_text="The period asked for.")
    by = serializers.CharField()
    threshold = serializers.IntegerField()
    figures = FunderReportFigureSerializer(many=True)
    waiting = FunderReportWaitingSerializer(allow_null=True)
