"""OpenAPI schema generation: every endpoint documents its error answers."""

from typing import Any

from drf_spectacular.utils import PolymorphicProxySerializer
from drf_standardized_errors.openapi import AutoSchema as StandardAutoSchema
from drf_standardized_errors.openapi_serializers import ValidationErrorEnum
from drf_standardized_errors.openapi_utils import get_error_serializer
from inflection import camelize
from rest_framework import serializers

from common.pagination import PageNumberPagination
from common.query_parameters import known_query_parameters


class UnknownParameterErrorSerializer(serializers.Serializer):
    """A query parameter the list does not know (``attr`` names it)."""

    code = serializers.ChoiceField(choices=[("unknown_parameter", "unknown_parameter")])
    detail = serializers.CharField()
    attr = serializers.CharField(help_text="The unknown query parameter")


class AutoSchema(StandardAutoSchema):
    def _should_add_http403_error_response(self) -> bool:
        # Every view may answer 403: a failed CSRF check on writes, a role that may see but not act, or an
        # anonymous caller (session authentication answers 403, not 401).
        return True

    def _get_extra_validation_errors(self) -> dict[str, set[str]]:
        errors = super()._get_extra_validation_errors()
        if isinstance(self._get_paginator(), PageNumberPagination):
            # A page size that is not a positive whole number is refused (400), not ignored.
            errors = {**errors, "page_size": {"invalid"}}
        return errors

    def _checks_query_parameters(self) -> bool:
        return self.method == "GET" and known_query_parameters(self.view) is not None

    def _should_add_validation_error_response(self) -> bool:
        return self._checks_query_parameters() or super()._should_add_validation_error_response()

    def _get_serializer_for_validation_error_response(self) -> Any:
        if not self._checks_query_parameters():
            return super()._get_serializer_for_validation_error_response()
        # A list answers 400 for a query parameter it does not know: its name is free text, so that error is one
        # more alternative (without a discriminator) next to the errors of the known parameters.
        operation_id = self.get_operation_id()
        prefix = camelize(operation_id)
        codes = self._get_validation_error_codes_by_field(self._determine_fields_with_error_codes())
        alternatives = [get_error_serializer(operation_id, name, set(c)) for name, c in sorted(codes.items())]
        errors_field = PolymorphicProxySerializer(
            component_name=f"{prefix}Error",
            serializers=[*alternatives, UnknownParameterErrorSerializer],
            resource_type_field_name=None,
            many=True,
        )

        class ListValidationErrorSerializer(serializers.Serializer):
            type = serializers.ChoiceField(choices=ValidationErrorEnum.choices)
            errors = errors_field  # type: ignore[assignment]  # a declared field (the metaclass takes it out)

            class Meta:
                ref_name = f"{prefix}ValidationError"

        return ListValidationErrorSerializer
