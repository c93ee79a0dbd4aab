"""OpenAPI schema generation: every endpoint documents its error answers, as the API really gives them.

drf-standardized-errors derives each field's error codes from the serializers. Three kinds of answer it misses are
added here, and ``tests/backend/security/test_error_schema.py`` checks every route's bad requests against the result:

- a nested object or list of objects that is missing or null is refused under its own name (``profile``:
  ``required``), not under ``profile.non_field_errors``;
- any field may be refused as ``invalid`` by a ``validate_<field>`` method or by the service behind the view, which
  checks values against the programme (a ``DomainError`` naming the field);
- a list's items are named by their position (``ids.0``), which the library writes as ``ids.INDEX``: the
  ``postprocess_error_attributes`` hook turns those names into patterns.

The query parameters of a GET that validates them with a serializer (declared in ``extend_schema(parameters=…)``)
get their codes the same way.
"""

import re
from typing import Any

from drf_spectacular.plumbing import force_instance
from drf_spectacular.utils import PolymorphicProxySerializer
from drf_standardized_errors.openapi import AutoSchema as StandardAutoSchema
from drf_standardized_errors.openapi_serializers import ClientErrorEnum, ValidationErrorEnum
from drf_standardized_errors.openapi_utils import (
    InputDataField,
    get_error_serializer,
    get_flat_serializer_fields,
    get_serializer_fields_with_error_codes,
)
from drf_standardized_errors.settings import package_settings
from inflection import camelize
from rest_framework import serializers
from rest_framework.settings import api_settings

from common.pagination import PageNumberPagination
from common.query_parameters import known_query_parameters


class UnknownParameterErrorSerializer(serializers.Serializer):
    """A query parameter the list does not know (``attr`` names it)."""

    code = serializers.ChoiceField(choices=[("unknown_parameter", "unknown_parameter")])
    detail = serializers.CharField()
    attr = serializers.CharField(help_text="The unknown query parameter")


class ClientError400Serializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=[("parse_error", "parse_error"), ("invalid", "invalid")])
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class ClientError400ResponseSerializer(serializers.Serializer):
    """A 400 about the request as a whole: a body that cannot be read (``parse_error``), or an action that the
    object's state does not allow (``invalid``, e.g. verifying a mentee: only mentors and employers are verified)."""

    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = ClientError400Serializer(many=True)  # type: ignore[assignment]


class AutoSchema(StandardAutoSchema):
    def _should_add_http403_error_response(self) -> bool:
        # Every view may answer 403: a failed CSRF check on writes, a role that may see but not act, or an
        # anonymous caller (session authentication answers 403, not 401).
        return True

    def _get_parameters(self) -> list[dict[str, Any]]:
        """A filter left empty (``?state=``) is no filter, as a form sends it: DRF skips an empty optional query
        value, and the schema says so (``allowEmptyValue``) rather than claiming it is refused."""
        parameters: list[dict[str, Any]] = super()._get_parameters()
        optional = {
            name
            for serializer in self._query_serializers()
            for name, field in force_instance(serializer).fields.items()
            if not field.required
        }
        paginator = self._get_paginator()
        if paginator is not None:
            optional.add(paginator.page_query_param)
        for parameter in parameters:
            if parameter.get("in") == "query" and parameter["name"] in optional:
                parameter["allowEmptyValue"] = True
        return parameters

    def _get_http400_serializer(self) -> Any:
        operation_id = self.get_operation_id()
        alternatives: dict[str, Any] = {ClientErrorEnum.CLIENT_ERROR.value: ClientError400ResponseSerializer}
        if self._should_add_validation_error_response():
            alternatives[ValidationErrorEnum.VALIDATION_ERROR.value] = (
                self._get_serializer_for_validation_error_response()
            )
        return PolymorphicProxySerializer(
            component_name=f"{camelize(operation_id)}ErrorResponse400",
            serializers=alternatives,
            resource_type_field_name="type",
        )

    def _should_add_error_response(self, responses: dict[str, Any], status_code: str) -> bool:
        if status_code == "413":  # a body over the size the API reads (common.middleware.RequestSizeLimitMiddleware)
            return status_code not in responses and self.method in ("POST", "PUT", "PATCH")
        return bool(super()._should_add_error_response(responses, status_code))

    def _determine_fields_with_error_codes(self) -> list[InputDataField]:
        if self.method in ("PUT", "PATCH", "POST"):
            fields = get_flat_serializer_fields(self.get_request_serializer())  # type: ignore[arg-type]
        else:
            query_serializers = self._query_serializers()
            fields = get_flat_serializer_fields(query_serializers) if query_serializers else []
        return _with_answers_the_library_misses(get_serializer_fields_with_error_codes(fields))

    def _get_extra_validation_errors(self) -> dict[str, set[str]]:
        errors = super()._get_extra_validation_errors()
        if isinstance(self._get_paginator(), PageNumberPagination):
            # A page size that is not a positive whole number is refused (400), not ignored.
            errors = {**errors, "page_size": {"invalid"}}
        return errors

    def _checks_query_parameters(self) -> bool:
        return self.method == "GET" and known_query_parameters(self.view) is not None

    def _query_serializers(self) -> list[Any]:
        """The serializers a GET validates its query string with (declared in ``extend_schema(parameters=…)``)."""
        if self.method != "GET":
            return []
        return [parameter for parameter in self.get_override_parameters() if _is_serializer(parameter)]

    def _should_add_validation_error_response(self) -> bool:
        return (
            self._checks_query_parameters()
            or bool(self._query_serializers())
            or super()._should_add_validation_error_response()
        )

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


NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY
SEPARATOR = package_settings.NESTED_FIELD_SEPARATOR


def _is_serializer(value: Any) -> bool:
    return isinstance(value, serializers.BaseSerializer) or (
        isinstance(value, type) and issubclass(value, serializers.BaseSerializer)
    )


def _with_answers_the_library_misses(fields: list[InputDataField]) -> list[InputDataField]:
    result = []
    for entry in fields:
        codes = set(entry.error_codes) | {"invalid"}
        field = entry.field
        if entry.name.endswith(f"{SEPARATOR}{NON_FIELD}") and isinstance(field, serializers.BaseSerializer):
            # The nested object itself (missing, null, or refused whole by the service) is named without the suffix.
            own = {"invalid"} | ({"required"} if field.required else set())
            own |= set() if field.allow_null else {"null"}
            result.append(InputDataField(entry.name.removesuffix(f"{SEPARATOR}{NON_FIELD}"), field, own))
        if isinstance(field, serializers.ListSerializer):  # too many or too few objects in the list
            codes |= {code for code in ("max_length", "min_length") if getattr(field, code, None) is not None}
        result.append(InputDataField(entry.name, field, codes))
    return result


PLACEHOLDERS = {
    package_settings.LIST_INDEX_IN_API_SCHEMA: r"\d+",
    package_settings.DICT_KEY_IN_API_SCHEMA: r"[^.]+",
}


def _attr_pattern(attr: str) -> str | None:
    """A regular expression for an error's name with placeholders (``ids.INDEX`` → ``^ids\\.\\d+$``), else None."""
    parts = attr.split(SEPARATOR)
    if not any(part in PLACEHOLDERS for part in parts):
        return None
    return "^" + re.escape(SEPARATOR).join(PLACEHOLDERS.get(part, re.escape(part)) for part in parts) + "$"


def postprocess_error_attributes(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: an error about a list item names its position (``ids.0``), so the
    schema describes such names by a pattern; unions whose members are told apart by such names lose their
    discriminator (a client tells them apart by the pattern)."""
    components = result.get("components", {}).get("schemas", {})
    patterned: set[str] = set()
    for name, component in components.items():
        attr = component.get("properties", {}).get("attr", {})
        values = attr.get("enum") or []
        if len(values) == 1 and (pattern := _attr_pattern(values[0])):
            attr.pop("enum")
            attr["pattern"] = pattern
            attr["description"] = f"`{values[0]}`, with the position (or key) in place of the placeholder"
            patterned.add(f"#/components/schemas/{name}")
    for component in components.values():
        mapping = component.get("discriminator", {}).get("mapping", {})
        if patterned & set(mapping.values()):
            component.pop("discriminator")
    return result
