"""What an organisation's admins do: see their organisations and all of their programmes, create programmes, and
appoint and remove coordinators. Another organisation's ids, and ids of programmes outside hers, get the answer an
unknown id gets; nobody but its admins sees an organisation at all (site staff included: they create
organisations and their first admin with ``manage.py create_organisation``, nothing more)."""

from uuid import UUID

from django.db.models import Count
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common.languages import interface_language
from common.pagination import PageNumberPagination
from programmes.models import Membership, Programme, Role
from programmes.selectors import (
    administered_coordinator,
    administered_organisation,
    administered_programme,
    organisation_programmes,
    organisations_administered_by,
    programme_coordinators,
)
from programmes.serializers import (
    CoordinatorAppointInputSerializer,
    CoordinatorAppointOutputSerializer,
    CoordinatorOutputSerializer,
    OrganisationOutputSerializer,
    OrganisationProgrammeOutputSerializer,
    ProgrammeCreateInputSerializer,
    ProgrammeDuplicateInputSerializer,
)
from programmes.services import coordinator_appoint, coordinator_remove, programme_create, programme_duplicate


def _coordinated_ids(user: User) -> set[UUID]:
    return set(Membership.objects.filter(user=user, role=Role.COORDINATOR).values_list("programme_id", flat=True))


def _created(programme: Programme, user: User) -> Response:
    """A new programme as the organisation's list shows it (with its counts), answered 201."""
    created = organisation_programmes(organisation=programme.organisation).get(pk=programme.pk)
    body = OrganisationProgrammeOutputSerializer(created, context={"coordinated": _coordinated_ids(user)}).data
    return Response(body, status=status.HTTP_201_CREATED)


class OrganisationListApi(PublicAPIView):
    """The organisations she runs (empty for everyone else)."""

    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    @extend_schema(operation_id="organisations_list", responses=OrganisationOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        organisations = (
            organisations_administered_by(user=request.user)
            .annotate(programme_count=Count("programmes"))
            .order_by("name", "id")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(organisations, request, view=self)
        return paginator.get_paginated_response(OrganisationOutputSerializer(page, many=True).data)


class OrganisationProgrammesApi(PublicAPIView):
    """Every programme of an organisation she runs, open or closed, with counts (never people); and a new one."""

    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    @extend_schema(
        operation_id="organisations_programmes_list", responses=OrganisationProgrammeOutputSerializer(many=True)
    )
    def get(self, request: Request, organisation_id: UUID) -> Response:
        organisation = administered_organisation(user=request.user, organisation_id=organisation_id)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(organisation_programmes(organisation=organisation), request, view=self)
        context = {"coordinated": _coordinated_ids(request.user)}  # type: ignore[arg-type]
        return paginator.get_paginated_response(
            OrganisationProgrammeOutputSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        operation_id="organisations_programmes_create",
        request=ProgrammeCreateInputSerializer,
        responses={201: OrganisationProgrammeOutputSerializer},
    )
    def post(self, request: Request, organisation_id: UUID) -> Response:
        user: User = request.user  # type: ignore[assignment]
        organisation = administered_organisation(user=user, organisation_id=organisation_id)
        serializer = ProgrammeCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        coordinate = data.pop("coordinate")
        name_language = data.pop("name_language", None) or interface_language(get_language())
        programme = programme_create(
            organisation=organisation, data=data, name_language=name_language, by=user, coordinate=coordinate
        )
        return _created(programme, user)


class ProgrammeCoordinatorsApi(PublicAPIView):
    """The coordinators of a programme of an organisation she runs; and appointing one by email."""

    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    @extend_schema(operation_id="organisations_coordinators_list", responses=CoordinatorOutputSerializer(many=True))
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = administered_programme(user=request.user, programme_id=programme_id)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(programme_coordinators(programme=programme), request, view=self)
        return paginator.get_paginated_response(CoordinatorOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="organisations_coordinators_appoint",
        request=CoordinatorAppointInputSerializer,
        responses={201: CoordinatorAppointOutputSerializer, 200: CoordinatorAppointOutputSerializer},
        description="Makes the person with this email a coordinator; she is emailed (a new account gets a link to "
        "set its password). 200 when she already was one.",
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = administered_programme(user=request.user, programme_id=programme_id)
        serializer = CoordinatorAppointInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email: str = serializer.validated_data["email"]
        appointment = coordinator_appoint(
            programme=programme,
            email=email,
            display_name=serializer.validated_data.get("display_name") or email.split("@")[0][:80],
            language=interface_language(get_language()),
            site=request.build_absolute_uri("/"),
        )
        body = CoordinatorAppointOutputSerializer(
            {
                "coordinator": appointment.membership,
                "new_account": appointment.new_account,
                "already": not appointment.created,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED if appointment.created else status.HTTP_200_OK)


class ProgrammeCoordinatorDetailApi(PublicAPIView):
    """Ending a coordinator's role (never the last one's)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="organisations_coordinators_remove", responses={204: None})
    def delete(self, request: Request, coordinator_id: UUID) -> Response:
        coordinator_remove(membership=administered_coordinator(user=request.user, coordinator_id=coordinator_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProgrammeDuplicateApi(PublicAPIView):
    """The next cohort: a new programme of the same organisation with the same settings and texts, never its
    people, matches or figures; sign-up closed until it is opened."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="programmes_duplicate",
        request=ProgrammeDuplicateInputSerializer,
        responses={201: OrganisationProgrammeOutputSerializer},
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        user: User = request.user  # type: ignore[assignment]
        programme = administered_programme(user=user, programme_id=programme_id)
        serializer = ProgrammeDuplicateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        copy = programme_duplicate(
            programme=programme,
            name=data["name"],
            name_language=data.get("name_language") or interface_language(get_language()),
            by=user,
            coordinate=data["coordinate"],
        )
        return _created(copy, user)
