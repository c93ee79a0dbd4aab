"""Programmes, public sign-up, assisted sign-up, coordinators' participant lists and reference data."""

from typing import Any, NoReturn
from uuid import UUID

from django.contrib.auth import login
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import PublicAPIView
from accounts.serializers import SIGN_UP_ACCEPTED, SignUpAcceptedOutputSerializer
from common import etags
from common.languages import interface_language
from common.pagination import CachedCountPagination, PageNumberPagination
from common.rows import RowPlan
from common.throttles import (
    FailedSignUpRateThrottle,
    OutcomeThrottledMixin,
    SignUpRateThrottle,
    SignUpThrottled,
)
from profiles.models import LanguageSkill, Profile, ProfileSector
from profiles.selectors import participants_for_coordinator
from profiles.serializers import AssistedSignUpInputSerializer, ProfileOutputSerializer, SignUpInputSerializer
from profiles.services import ConsentInput, mentee_assisted_sign_up, participant_sign_up
from programmes import reference_data
from programmes.models import Programme
from programmes.selectors import coordinated_programme, programmes_visible_to
from programmes.serializers import (
    JobFamilyOutputSerializer,
    LanguageOutputSerializer,
    ParticipantFilterInputSerializer,
    ProgrammeOutputSerializer,
    ProgrammeSettingsOutputSerializer,
    ProgrammeTextsInputSerializer,
    ProgrammeTextsOutputSerializer,
    ProgrammeUpdateInputSerializer,
    ReferenceItemOutputSerializer,
    programme_settings_data,
    programme_texts_data,
)
from programmes.services import programme_texts_update, programme_update


def _visible_programme(request: Request, programme_id: UUID) -> Programme:
    return get_object_or_404(programmes_visible_to(user=request.user), pk=programme_id)


def _coordinated_programme(request: Request, programme_id: UUID) -> Programme:
    return coordinated_programme(user=request.user, programme_id=programme_id)


class ProgrammeListApi(PublicAPIView):
    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination  # the schema then describes the page, not a bare list

    @extend_schema(operation_id="programmes_list", responses=ProgrammeOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        programmes = programmes_visible_to(user=request.user).order_by("name")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(programmes, request, view=self)
        return paginator.get_paginated_response(ProgrammeOutputSerializer(page, many=True).data)


class ProgrammeDetailApi(PublicAPIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="programmes_retrieve", responses=ProgrammeOutputSerializer)
    def get(self, request: Request, programme_id: UUID) -> Response:
        return Response(ProgrammeOutputSerializer(_visible_programme(request, programme_id)).data)

    @extend_schema(
        operation_id="programmes_update", request=ProgrammeUpdateInputSerializer, responses=ProgrammeOutputSerializer
    )
    def patch(self, request: Request, programme_id: UUID) -> Response:
        if not request.user.is_authenticated:
            self.permission_denied(request)
        programme = _coordinated_programme(request, programme_id)
        serializer = ProgrammeUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        programme = programme_update(
            programme=programme, data=serializer.validated_data, by=request.user, now=timezone.now()
        )
        return Response(ProgrammeOutputSerializer(programme).data)


class ProgrammeSettingsApi(PublicAPIView):
    """Every setting of the programme with the defaults filled in, for its coordinators' settings page (changes go
    through PATCH /programmes/{id}/)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="programmes_settings_retrieve", responses=ProgrammeSettingsOutputSerializer)
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = _coordinated_programme(request, programme_id)
        return Response(ProgrammeSettingsOutputSerializer(programme_settings_data(programme)).data)


class ProgrammeTextsApi(PublicAPIView):
    """The programme's own texts in every language, for its coordinators to read and translate."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="programmes_texts_retrieve", responses=ProgrammeTextsOutputSerializer)
    def get(self, request: Request, programme_id: UUID) -> Response:
        return Response(programme_texts_data(_coordinated_programme(request, programme_id)))

    @extend_schema(
        operation_id="programmes_texts_update",
        request=ProgrammeTextsInputSerializer,
        responses=ProgrammeTextsOutputSerializer,
    )
    def patch(self, request: Request, programme_id: UUID) -> Response:
        programme = _coordinated_programme(request, programme_id)
        serializer = ProgrammeTextsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        programme = programme_texts_update(programme=programme, changes=serializer.validated_data["texts"])
        return Response(programme_texts_data(programme))


class ProgrammeSignUpApi(OutcomeThrottledMixin, PublicAPIView):
    """Sign up to an open programme: creates the account (unless logged in), profile and consent at once."""

    permission_classes = [AllowAny]

    # Sign-up answers the same whether or not the email has an account (safeguarding: hardening). Accepted and
    # refused sign-ups are limited apart, so that a woman who mistypes a field does not use up her sign-up budget.
    throttle_classes = [SignUpRateThrottle, FailedSignUpRateThrottle]

    def throttled(self, request: Request, wait: float | None) -> NoReturn:
        raise SignUpThrottled(wait or 60.0)  # the sign-up throttles always know their wait

    @extend_schema(
        operation_id="programmes_signup",
        request=SignUpInputSerializer,
        responses={201: ProfileOutputSerializer, 202: SignUpAcceptedOutputSerializer},
        description="Logged in: joins the programme (201, the new profile). With a new account: 202 and the same "
        "answer whether or not the address already has an account (its owner is emailed instead).",
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = _visible_programme(request, programme_id)
        serializer = SignUpInputSerializer(data=request.data, context={"programme": programme})
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        user = request.user if request.user.is_authenticated else None
        profile = participant_sign_up(
            programme=programme,
            role=data["role"],
            account=data.get("account"),
            user=user,  # type: ignore[arg-type]
            profile_data=data["profile"],
            consent=ConsentInput(version=data["consent"]["version"], purposes=tuple(data["consent"]["purposes"])),
            now=timezone.now(),
            request=request._request,
        )
        if user is None:
            # A new account is logged in at once (a mentee on a borrowed phone must not depend on an email);
            # a taken address (profile None) gets the very same answer.
            if profile is not None:
                login(request._request, profile.membership.user, backend="django.contrib.auth.backends.ModelBackend")
            return Response(SIGN_UP_ACCEPTED, status=status.HTTP_202_ACCEPTED)
        assert profile is not None
        return Response(ProfileOutputSerializer(profile).data, status=status.HTTP_201_CREATED)


class ProgrammeAssistedSignUpApi(PublicAPIView):
    """A coordinator registers a mentee who has no email or needs help, recording how she consented."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="programmes_assisted_signup",
        request=AssistedSignUpInputSerializer,
        responses={201: ProfileOutputSerializer},
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = _coordinated_programme(request, programme_id)
        serializer = AssistedSignUpInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        profile = mentee_assisted_sign_up(
            programme=programme,
            coordinator=request.user,  # type: ignore[arg-type]
            account=data["account"],
            profile_data=data["profile"],
            consent=ConsentInput(
                version=data["consent"]["version"],
                method=data["consent"]["method"],
                purposes=tuple(data["consent"]["purposes"]),
            ),
            now=timezone.now(),
        )
        return Response(ProfileOutputSerializer(profile).data, status=status.HTTP_201_CREATED)


def _filter_participants(profiles: QuerySet[Profile], filters: dict[str, Any]) -> QuerySet[Profile]:
    # Languages and sectors are many per profile: EXISTS keeps one row per profile, so no DISTINCT (over every
    # column of the page, on the whole programme) is needed.
    if filters.get("role"):
        profiles = profiles.filter(membership__role=filters["role"])
    if filters.get("language"):
        code = reference_data.normalise_language_code(filters["language"]) or filters["language"]
        profiles = profiles.filter(Exists(LanguageSkill.objects.filter(profile=OuterRef("pk"), language=code)))
    if filters.get("sector"):
        sector = filters["sector"]
        divisions = [code for code, parent in reference_data.sector_parents().items() if parent == sector]
        profiles = profiles.filter(
            Exists(ProfileSector.objects.filter(profile=OuterRef("pk"), code__in=[sector, *divisions]))
        )
    if filters.get("country"):
        profiles = profiles.filter(country=filters["country"].upper())
    if filters.get("city"):
        profiles = profiles.filter(city__iexact=filters["city"])
    if filters.get("verified") is not None:
        profiles = profiles.filter(verified_at__isnull=not filters["verified"])
    if filters.get("search"):
        term = filters["search"]
        profiles = profiles.filter(
            Q(membership__user__display_name__icontains=term)
            | Q(membership__user__full_name__icontains=term)
            | Q(membership__user__email__icontains=term)
        )
    return profiles


PARTICIPANT_ROWS = RowPlan(
    ProfileOutputSerializer,
    by_hand={  # as ProfileOutputSerializer has them: its method field, and its property
        "job_families": lambda row, rendered: reference_data.job_families_of(rendered["sectors"]),
        "verified": lambda row, rendered: row["verified_at"] is not None,
    },
    also=("verified_at",),
)
"""A page of participants read as rows (their languages and sectors a query each for the page) and rendered as
ProfileOutputSerializer would, without its three model instances and field-by-field serializer calls a row."""


class ProgrammeParticipantsApi(PublicAPIView):
    permission_classes = [IsAuthenticated]
    pagination_class = CachedCountPagination  # the schema then describes the page, not a bare list
    query_parameters = tuple(ParticipantFilterInputSerializer().fields)

    @extend_schema(
        operation_id="programmes_participants_list",
        parameters=[ParticipantFilterInputSerializer],
        responses=ProfileOutputSerializer(many=True),
    )
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = _coordinated_programme(request, programme_id)
        filters = ParticipantFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        profiles = _filter_participants(
            participants_for_coordinator(user=request.user, programme=programme),  # type: ignore[arg-type]
            filters.validated_data,
        )
        paginator = CachedCountPagination()
        page: list[dict[str, Any]] | None = paginator.paginate_queryset(
            PARTICIPANT_ROWS.rows(profiles),  # type: ignore[arg-type]
            request,
            view=self,
        )
        return paginator.get_paginated_response(PARTICIPANT_ROWS.render(page or []))


def _items(items: tuple[reference_data.ReferenceItem, ...]) -> list[dict[str, Any]]:
    language = translation.get_language() or "en"
    return [
        {"code": item.code, "label": item.label(language), "parent": item.parent, "icon": item.icon} for item in items
    ]


_LANG_PARAM = OpenApiParameter(
    "Accept-Language", location=OpenApiParameter.HEADER, required=False, description="en, de, fr, ar or uk"
)


def reference_api(source: str, loader: Any) -> type[PublicAPIView]:
    """One read-only endpoint per reference list, labelled in the request's language."""

    @extend_schema(
        operation_id=f"reference_{source}", parameters=[_LANG_PARAM], responses=ReferenceItemOutputSerializer(many=True)
    )
    def get(self: PublicAPIView, request: Request) -> Response:
        return etags.reference(request, source, lambda: _items(loader()))

    name = f"Reference{source.title().replace('_', '')}Api"
    return type(name, (PublicAPIView,), {"permission_classes": [AllowAny], "get": get})


class ReferenceJobFamiliesApi(PublicAPIView):
    """Job families in everyday words, each with the words that find it and the NACE divisions it stands for."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_job_families", parameters=[_LANG_PARAM], responses=JobFamilyOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        language = interface_language(translation.get_language())
        return etags.reference(
            request,
            "job_families",
            lambda: [
                {
                    "code": family.code,
                    "label": family.label(language),
                    "keywords": family.search_words(language),
                    "divisions": list(family.divisions),
                }
                for family in reference_data.job_families()
            ],
        )


class ReferenceLanguagesApi(PublicAPIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_languages", parameters=[_LANG_PARAM], responses=LanguageOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        return etags.reference(request, "languages", _languages)


def _languages() -> list[dict[str, Any]]:
    language = translation.get_language() or "en"
    items = [
        {"code": code, "label": reference_data.language_name(code, language)}
        for code in reference_data.spoken_language_codes()
    ]
    items.sort(key=lambda item: item["label"].casefold())
    return items
