"""OpenAPI schema generation: every endpoint documents its error answers."""

from drf_standardized_errors.openapi import AutoSchema as StandardAutoSchema

from common.pagination import PageNumberPagination


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
