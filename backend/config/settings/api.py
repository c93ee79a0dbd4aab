"""Django REST Framework, the OpenAPI schema and the one error format."""

from common.languages import INTERFACE_LANGUAGES

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "common.schema.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

DRF_STANDARDIZED_ERRORS = {
    "EXCEPTION_HANDLER_CLASS": "common.errors.ExceptionHandler",
    "ALLOWED_ERROR_STATUS_CODES": ["400", "401", "403", "404", "405", "409", "413", "415", "429"],
    "ERROR_SCHEMAS": {
        "403": "common.errors.ErrorResponse403Serializer",
        "409": "common.errors.ErrorResponse409Serializer",
        "413": "common.errors.ErrorResponse413Serializer",
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Bridges API",
    "DESCRIPTION": (
        "Mentoring and peer-network matching for organisations that support newcomers. "
        "The browser authenticates with a session cookie through /_allauth/browser/v1/ "
        "and sends the CSRF token in the X-CSRFToken header on unsafe requests."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UiLanguageEnum": list(INTERFACE_LANGUAGES),
        "SafetyReportStatusEnum": "safeguarding.models.ReportStatus.choices",
        "MeetingStateEnum": "messaging.models.MeetingState.choices",
        "StateEnum": "mentoring.models.MatchState.choices",
        "MatchingRunStatusEnum": "mentoring.models.RunStatus.choices",
        "ParticipantRoleEnum": "programmes.models.PARTICIPANT_ROLE_CHOICES",
        "InvitableRoleEnum": "invitations.serializers.INVITABLE_ROLE_CHOICES",
        "InvitationStateEnum": "invitations.models.InvitationState.choices",
        "OutcomeTargetEnum": "outcomes.models.OutcomeTarget.choices",
        "OutcomeKindEnum": "outcomes.models.OutcomeKind.choices",
        "OutcomeCheckpointEnum": "outcomes.models.Checkpoint.choices",
        "OutcomeSourceEnum": "outcomes.models.OutcomeSource.choices",
        "MonitoredGroupEnum": "programmes.matching_settings.MONITORED_GROUPINGS",
        "InviteOutcomeEnum": "invitations.serializers.INVITE_OUTCOMES",
        "ProgrammeKindEnum": "programmes.models.ProgrammeKind.choices",
        "LevelEnum": "matching.records.CEFR_LEVELS",
        "ReportCellStatusEnum": "reports.serializers.CELL_STATUSES",
        "ReportMedianStatusEnum": "reports.serializers.MEDIAN_STATUSES",
        "ValidationErrorEnum": "drf_standardized_errors.openapi_serializers.ValidationErrorEnum.choices",
        "ClientErrorEnum": "drf_standardized_errors.openapi_serializers.ClientErrorEnum.choices",
        "ServerErrorEnum": "drf_standardized_errors.openapi_serializers.ServerErrorEnum.choices",
        "ErrorCode401Enum": "drf_standardized_errors.openapi_serializers.ErrorCode401Enum.choices",
        "ErrorCode403Enum": "common.errors.ERROR_403_CODES",
        "ErrorCode404Enum": "drf_standardized_errors.openapi_serializers.ErrorCode404Enum.choices",
        "ErrorCode405Enum": "drf_standardized_errors.openapi_serializers.ErrorCode405Enum.choices",
        "ErrorCode406Enum": "drf_standardized_errors.openapi_serializers.ErrorCode406Enum.choices",
        "ErrorCode415Enum": "drf_standardized_errors.openapi_serializers.ErrorCode415Enum.choices",
        "ErrorCode429Enum": "drf_standardized_errors.openapi_serializers.ErrorCode429Enum.choices",
        "ErrorCode500Enum": "drf_standardized_errors.openapi_serializers.ErrorCode500Enum.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
        "common.schema.postprocess_error_attributes",
    ],
}
