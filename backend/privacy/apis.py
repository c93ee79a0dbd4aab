"""Her consents and sensitive attributes; coordinators' views of consents, sensitive attributes (each read logged)
and the retention list. Withdrawing a consent, her data download and erasure span every app: usecases/apis.py."""

from uuid import UUID

from django.utils import timezone, translation
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common import etags
from common.errors import NotFound
from common.languages import INTERFACE_LANGUAGES
from privacy import selectors, services
from privacy.consents import consent_in_force
from privacy.models import ConsentPurpose, ConsentRecord
from privacy.serializers import (
    ConsentGiveInputSerializer,
    ConsentRecordOutputSerializer,
    ConsentStatusOutputSerializer,
    PersonSensitiveAttributesOutputSerializer,
    RetentionFlagOutputSerializer,
    SensitiveAttributesInputSerializer,
    SensitiveAttributesOutputSerializer,
    SupportQualityOutputSerializer,
    sensitive_options,
    support_qualities,
)
from profiles.models import Profile
from programmes.models import Programme, Role
from programmes.selectors import is_coordinator

LANGUAGE_PARAMETER = OpenApiParameter(
    "lang", str, description="Interface language of the texts (en, de, fr, ar, uk); default: the request's."
)


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def request_language(request: Request) -> str:
    """The interface language asked for with ?lang=, else the request's; English where we have no words."""
    wanted = (request.query_params.get("lang") or translation.get_language() or "en").split("-")[0]
    return wanted if wanted in INTERFACE_LANGUAGES else "en"


class Authenticated(PublicAPIView):
    permission_classes = [IsAuthenticated]


class MyConsentsApi(Authenticated):
    @extend_schema(
        operation_id="me_consents_list",
        parameters=[LANGUAGE_PARAMETER],
        responses=ConsentStatusOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.consent_statuses(user=_user(request), language=request_language(request))
        return Response(ConsentStatusOutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="me_consents_give",
        request=ConsentGiveInputSerializer,
        responses={201: ConsentRecordOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = ConsentGiveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        programme = Programme.objects.filter(pk=data["programme"]).first()
        if programme is None:
            raise NotFound(gettext("You do not take part in this programme."))
        record = services.consent_give(
            user=_user(request),
            programme=programme,
            purpose=data["purpose"],
            version=data["version"],
            language=data.get("language") or request_language(request),
            now=timezone.now(),
        )
        return Response(ConsentRecordOutputSerializer(record).data, status=201)


def _sensitive_view(user: User, codes: list[str]) -> dict[str, object]:
    in_force = ConsentRecord.objects.filter(
        user=user, purpose=ConsentPurpose.SENSITIVE_MATCHING, withdrawn_at__isnull=True
    ).values_list("programme_id", flat=True)
    return {"sensitive_attributes": codes, "options": sensitive_options(), "used_for_matching_in": list(in_force)}


class MySensitiveAttributesApi(Authenticated):
    @extend_schema(operation_id="me_sensitive_attributes_retrieve", responses=SensitiveAttributesOutputSerializer)
    def get(self, request: Request) -> Response:
        user = _user(request)
        codes = selectors.sensitive_codes_read(subject=user, reader=user, reader_role="self", now=timezone.now())
        return Response(SensitiveAttributesOutputSerializer(_sensitive_view(user, codes)).data)

    @extend_schema(
        operation_id="me_sensitive_attributes_update",
        request=SensitiveAttributesInputSerializer,
        responses=SensitiveAttributesOutputSerializer,
    )
    def put(self, request: Request) -> Response:
        serializer = SensitiveAttributesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _user(request)
        codes = services.sensitive_attributes_set(
            user=user, codes=serializer.validated_data["sensitive_attributes"], now=timezone.now()
        )
        return Response(SensitiveAttributesOutputSerializer(_sensitive_view(user, codes)).data)


def _participant_profile(request: Request, profile_id: UUID) -> tuple[Profile, str]:
    """A participant's profile the caller may see privacy data of: her own, or one she coordinates."""
    profile = (
        Profile.objects.select_related("membership__user", "membership__programme")
        .exclude(membership__role=Role.COORDINATOR)
        .filter(pk=profile_id)
        .first()
    )
    if profile is None:  # worded like the refusal below, so that no one learns which profiles exist
        raise NotFound(gettext("No such profile among those you coordinate."))
    if profile.membership.user_id == request.user.pk:
        return profile, "self"
    if is_coordinator(user=_user(request), programme=profile.membership.programme):
        return profile, "coordinator"
    raise NotFound(gettext("No such profile among those you coordinate."))


class ProfileConsentsApi(Authenticated):
    @extend_schema(operation_id="profiles_consents_list", responses=ConsentRecordOutputSerializer(many=True))
    def get(self, request: Request, profile_id: UUID) -> Response:
        profile, _role = _participant_profile(request, profile_id)
        records = ConsentRecord.objects.filter(
            user_id=profile.membership.user_id, programme_id=profile.membership.programme_id
        ).order_by("purpose", "-given_at")
        return Response(ConsentRecordOutputSerializer(records, many=True).data)


class ProfileSensitiveAttributesApi(Authenticated):
    @extend_schema(
        operation_id="profiles_sensitive_attributes_retrieve",
        responses=PersonSensitiveAttributesOutputSerializer,
        description="Her sensitive attributes, for herself and her programme's coordinators; every read is logged.",
    )
    def get(self, request: Request, profile_id: UUID) -> Response:
        profile, role = _participant_profile(request, profile_id)
        programme = profile.membership.programme
        subject = profile.membership.user
        codes = selectors.sensitive_codes_read(
            subject=subject, reader=_user(request), reader_role=role, programme=programme, now=timezone.now()
        )
        used = consent_in_force(user=subject, programme=programme, purpose=ConsentPurpose.SENSITIVE_MATCHING)
        data = {"profile": profile.pk, "sensitive_attributes": codes, "used_for_matching": used}
        return Response(PersonSensitiveAttributesOutputSerializer(data).data)


class SupportQualitiesApi(PublicAPIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="reference_support_qualities", responses=SupportQualityOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        return etags.reference(
            request, "support_qualities", lambda: SupportQualityOutputSerializer(support_qualities(), many=True).data
        )


class ProgrammeRetentionApi(Authenticated):
    @extend_schema(operation_id="programme_retention_list", responses=RetentionFlagOutputSerializer(many=True))
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None or not is_coordinator(user=_user(request), programme=programme):
            raise NotFound(gettext("No such programme among those you coordinate."))
        flags = selectors.retention_flags_for_coordinator(user=_user(request), programme=programme)
        return Response(RetentionFlagOutputSerializer(flags, many=True).data)
