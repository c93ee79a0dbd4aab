"""OpenAPI schema generation: every endpoint documents its error answers."""

from drf_standardized_errors.openapi import AutoSchema as StandardAutoSchema


class AutoSchema(StandardAutoSchema):
    def _should_add_http403_error_response(self) -> bool:
        # Every view may answer 403: a failed CSRF check on writes, a role that may see but not act, or an
        # anonymous caller (session authentication answers 403, not 401).
        return True
