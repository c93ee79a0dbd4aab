"""The peer networks' API: rounds, opting in or out, formation, review and moves, publishing, members' groups,
follow-up, participation and the network of who has met whom."""

from typing import Any
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common import etags
from common.errors import NotAllowed, NotFound
from common.pagination import PageNumberPagination
from peers import selectors, services
from peers.models import Round
from peers.serializers import (
    CoordinatorGroupOutputSerializer,
    FollowUpInputSerializer,
    FollowUpOutputSerializer,
    GroupMoveInputSerializer,
    GroupMoveResultOutputSerializer,
    MemberGroupOutputSerializer,
    MoveConflictOutputSerializer,
    NetworkOutputSerializer,
    RoundOpenInputSerializer,
    RoundOptInsOutputSerializer,
    RoundOutputSerializer,
    RoundParticipationOutputSerializer,
    RoundParticipationSummaryOutputSerializer,
)
from profiles.models import Profile
from programmes.matching_settings import group_sizes


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _render_round(round: Round, user: User) -> dict[str, Any]:
    opted_in = selectors.my_participation(user=user, round=round)
    return RoundOutputSerializer(round, context={"opted_in": {round.pk: opted_in}}).data


def _member_profile(request: Request, round: Round, role: str) -> Profile:
    profile = selectors.worker_profile(user=_user(request), programme=round.programme)
    if role != "member" or profile is None:
        raise NotAllowed(gettext("Only members of the network can opt in or out."))
    return profile


class Authenticated(PublicAPIView):
    permission_classes = [IsAuthenticated]


class ProgrammeRoundsApi(Authenticated):
    pagination_class = PageNumberPagination  # the schema then describes the page, not a bare list

    @extend_schema(operation_id="rounds_list", responses=RoundOutputSerializer(many=True))
    def get(self, request: Request, programme_id: UUID) -> Response:
        user = _user(request)
        programme, _role = selectors.programme_for(user=user, programme_id=programme_id)
        rounds = selectors.rounds_for(user=user, programme=programme)
        paginator = PageNumberPagination()
        page: list[Round] = paginator.paginate_queryset(rounds, request, view=self) or []
        profile = selectors.worker_profile(user=user, programme=programme)
        opted_in: dict[UUID, bool | None] = {}
        if profile is not None:
            choices = dict(profile.round_participations.filter(round__in=page).values_list("round_id", "opted_in"))
            opted_in = {r.pk: choices.get(r.pk, True) for r in page}
        data = RoundOutputSerializer(page, many=True, context={"opted_in": opted_in}).data
        return paginator.get_paginated_response(data)

    @extend_schema(operation_id="rounds_open", request=RoundOpenInputSerializer, responses={201: RoundOutputSerializer})
    def post(self, request: Request, programme_id: UUID) -> Response:
        user = _user(request)
        programme, role = selectors.programme_for(user=user, programme_id=programme_id)
        selectors.require_coordinator(role)
        serializer = RoundOpenInputSerializer(
            data=request.data, context={"group_sizes": group_sizes(programme.matching_settings or {})}
        )
        serializer.is_valid(raise_exception=True)
        round = services.round_open(programme=programme, by=user, now=timezone.now(), **serializer.validated_data)
        return Response(_render_round(round, user), status=status.HTTP_201_CREATED)


class RoundDetailApi(Authenticated):
    @extend_schema(operation_id="rounds_retrieve", responses=RoundOutputSerializer)
    def get(self, request: Request, round_id: UUID) -> Response:
        round, _role = selectors.round_for(user=_user(request), round_id=round_id)
        return Response(_render_round(round, _user(request)))


def _opt_view(opted_in: bool) -> type[Authenticated]:
    @extend_schema(
        operation_id="rounds_opt_in" if opted_in else "rounds_opt_out",
        request=None,
        responses=RoundParticipationOutputSerializer,
    )
    def post(self: Authenticated, request: Request, round_id: UUID) -> Response:
        round, role = selectors.round_for(user=_user(request), round_id=round_id)
        participant = services.round_opt(
            round=round, profile=_member_profile(request, round, role), opted_in=opted_in, now=timezone.now()
        )
        return Response(RoundParticipationOutputSerializer(participant).data)

    return type("RoundOptInApi" if opted_in else "RoundOptOutApi", (Authenticated,), {"post": post})


RoundOptInApi = _opt_view(True)
RoundOptOutApi = _opt_view(False)


class RoundOptInsApi(Authenticated):
    @extend_schema(operation_id="rounds_opt_ins", responses=RoundOptInsOutputSerializer)
    def get(self, request: Request, round_id: UUID) -> Response:
        round, role = selectors.round_for(user=_user(request), round_id=round_id)
        selectors.require_coordinator(role)
        return Response(RoundOptInsOutputSerializer(selectors.opt_ins(round=round)).data)


class RoundFormApi(Authenticated):
    @extend_schema(operation_id="rounds_form", request=None, responses={202: RoundOutputSerializer})
    def post(self, request: Request, round_id: UUID) -> Response:
        user = _user(request)
        round, role = selectors.round_for(user=user, round_id=round_id)
        selectors.require_coordinator(role)
        round = services.round_form(round=round, by=user, now=timezone.now())
        return Response(_render_round(round, user), status=status.HTTP_202_ACCEPTED)


class RoundGroupsApi(Authenticated):
    @extend_schema(operation_id="rounds_groups", responses=CoordinatorGroupOutputSerializer(many=True))
    def get(self, request: Request, round_id: UUID) -> Response:
        round, role = selectors.round_for(user=_user(request), round_id=round_id)
        selectors.require_coordinator(role)
        return Response(CoordinatorGroupOutputSerializer(selectors.groups_of_round(round=round), many=True).data)


class RoundMovesApi(Authenticated):
    @extend_schema(
        operation_id="rounds_move",
        request=GroupMoveInputSerializer,
        responses={200: GroupMoveResultOutputSerializer, 409: MoveConflictOutputSerializer},
        description="Move a member to another draft group. If the move breaks rules (group size, cities, common "
        "language, repeat pair, same organisation) it is refused with 409 and the rules listed, unless sent with "
        "force: true.",
    )
    def post(self, request: Request, round_id: UUID) -> Response:
        user = _user(request)
        round, role = selectors.round_for(user=user, round_id=round_id)
        selectors.require_coordinator(role)
        serializer = GroupMoveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        profile = Profile.objects.filter(pk=data["worker"], membership__programme=round.programme).first()
        if profile is None:
            raise NotFound(gettext("No such member in this network."))
        try:
            broken, groups = services.group_move(
                round=round,
                profile=profile,
                to_group=data["to_group"],
                force=data["force"],
                by=user,
                now=timezone.now(),
            )
        except services.MoveBreaksRules as refusal:
            error = {"code": refusal.code, "detail": refusal.message, "attr": None}
            body = {"type": "client_error", "errors": [error], "broken_rules": refusal.reasons}
            return Response(body, status=status.HTTP_409_CONFLICT)
        rows = selectors.groups_of_round(round=round).filter(pk__in=[g.pk for g in groups])
        ordered = sorted(rows, key=lambda g: [x.pk for x in groups].index(g.pk))
        return Response(
            {
                "forced": bool(broken),
                "broken_rules": broken,
                "groups": CoordinatorGroupOutputSerializer(ordered, many=True).data,
            }
        )


class RoundPublishApi(Authenticated):
    @extend_schema(operation_id="rounds_publish", request=None, responses=RoundOutputSerializer)
    def post(self, request: Request, round_id: UUID) -> Response:
        user = _user(request)
        round, role = selectors.round_for(user=user, round_id=round_id)
        selectors.require_coordinator(role)
        round = services.round_publish(round=round, by=user, now=timezone.now())
        return Response(_render_round(round, user))


class RoundParticipationApi(Authenticated):
    @extend_schema(operation_id="rounds_participation", responses=RoundParticipationSummaryOutputSerializer)
    def get(self, request: Request, round_id: UUID) -> Response:
        round, role = selectors.round_for(user=_user(request), round_id=round_id)
        selectors.require_coordinator(role)
        return Response(selectors.participation(round=round))


class GroupListApi(Authenticated):
    pagination_class = PageNumberPagination  # the schema then describes the page, not a bare list

    @extend_schema(operation_id="groups_list_own", responses=MemberGroupOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        user = _user(request)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(selectors.groups_for_member(user=user), request, view=self) or []
        views = selectors.member_views(groups=list(page), user=user)
        return etags.conditional(
            request, paginator.get_paginated_response(MemberGroupOutputSerializer(views, many=True).data)
        )


class GroupDetailApi(Authenticated):
    @extend_schema(operation_id="groups_retrieve", responses=MemberGroupOutputSerializer)
    def get(self, request: Request, group_id: UUID) -> Response:
        user = _user(request)
        group = selectors.group_for_member(user=user, group_id=group_id)
        view = selectors.member_views(groups=[group], user=user)[0]
        return etags.conditional(request, Response(MemberGroupOutputSerializer(view).data))


class GroupFollowUpApi(Authenticated):
    @extend_schema(
        operation_id="groups_followup", request=FollowUpInputSerializer, responses={201: FollowUpOutputSerializer}
    )
    def post(self, request: Request, group_id: UUID) -> Response:
        user = _user(request)
        group = selectors.group_for_member(user=user, group_id=group_id)
        serializer = FollowUpInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = next(m.profile for m in group.members.all() if m.profile.membership.user_id == user.pk)
        answer = services.followup_answer(
            group=group,
            profile=profile,
            met=serializer.validated_data["met"],
            rating=serializer.validated_data.get("rating"),
            comment=serializer.validated_data.get("comment", ""),
            now=timezone.now(),
        )
        return Response(FollowUpOutputSerializer(answer).data, status=status.HTTP_201_CREATED)


class ProgrammeNetworkApi(Authenticated):
    @extend_schema(operation_id="programme_network", responses=NetworkOutputSerializer)
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme, role = selectors.programme_for(user=_user(request), programme_id=programme_id)
        selectors.require_coordinator(role)
        return Response(NetworkOutputSerializer(selectors.network(programme=programme)).data)
