"""What the import API reads (a multipart form with the file) and answers."""

import json
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.text_fields import FormBooleanField
from imports.reading import MAX_BYTES
from imports.services import ASSISTED_METHODS
from programmes.models import PARTICIPANT_ROLE_CHOICES


@extend_schema_field({"type": "string", "description": "A JSON object: column header → field key."})
class MappingField(serializers.Field):
    """Header → field key, sent as a JSON object in a form field (or as an object in JSON)."""

    default_error_messages = {"invalid": _("Send the columns as a JSON object: header → field.")}

    def to_internal_value(self, data: Any) -> dict[str, str]:
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, dict) or len(data) > 100:
            self.fail("invalid")
        if not all(
            isinstance(k, str) and isinstance(v, str) and len(k) <= 200 and len(v) <= 40 for k, v in data.items()
        ):
            self.fail("invalid")
        return dict(data)

    def to_representation(self, value: Any) -> Any:
        return value


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        max_length=255, allow_empty_file=False, help_text=f"CSV or XLSX, at most {MAX_BYTES // 1024 // 1024} MB."
    )
    role = serializers.ChoiceField(choices=PARTICIPANT_ROLE_CHOICES)
    mapping = MappingField(
        required=False,
        help_text="Which column fills which field (JSON: header → field key, empty to skip). Left out: the columns "
        "chosen last time for this programme and role, else what the headers say.",
    )
    consent_method = serializers.ChoiceField(
        choices=ASSISTED_METHODS, required=False, help_text="How these people gave their consent (needed to import)."
    )
    commit = FormBooleanField(
        required=False, default=False, help_text="false: only check (a dry run); true: import every valid row."
    )


class ImportColumnSerializer(serializers.Serializer):
    header = serializers.CharField()
    letter = serializers.CharField()
    field = serializers.CharField(allow_blank=True, help_text="The field it fills; empty when it is not imported.")
    sample = serializers.CharField(allow_blank=True, help_text="The first non-empty value in it.")


class ImportFieldSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    required = serializers.BooleanField()  # type: ignore[assignment]


class ImportProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text="The spreadsheet's row; null for the whole file.")
    column = serializers.CharField(allow_blank=True)
    letter = serializers.CharField(allow_blank=True)
    field = serializers.CharField()
    message = serializers.CharField()


class ImportOutputSerializer(serializers.Serializer):
    role = serializers.CharField()
    columns = ImportColumnSerializer(many=True)
    fields = ImportFieldSerializer(many=True)  # type: ignore[assignment]
    rows = serializers.IntegerField()
    valid = serializers.IntegerField(help_text="Rows without a problem: what an import would add.")
    problems = ImportProblemSerializer(many=True)
    committed = serializers.BooleanField()
    imported = serializers.IntegerField()
    joined = serializers.IntegerField(help_text="Of those imported, people who already had an account.")
    invited = serializers.IntegerField(help_text="New accounts with an email: invited to set a password.")
