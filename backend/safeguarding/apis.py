"""Safeguarding API: report and block (participants), and the coordinators' decisions on reports."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common.errors import NotAllowed, NotFound
from common.pagination import PageNumberPagination
from mentoring.selectors import match_for
from messaging.selectors import place_for, report_excerpt
from peers.models import PeerGroup
from profiles.models import Profile
from programmes.models import Programme
from programmes.selectors import programmes_coordinated_by
from safeguarding import selectors, services
from safeguarding.models import Block, Report, ReportStatus
from safeguarding.serializers import (
    BlockCreateInputSerializer,
    BlockOutputSerializer,
    CoordinatorReportOutputSerializer,
    ReportCreateInputSerializer,
    ReportDecisionInputSerializer,
    ReportReceiptOutputSerializer,
)


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class Authenticated(PublicAPIView):
    permission_classes = [IsAuthenticated]


def _other_side(user: User, data: dict[str, Any]) -> tuple[User, Programme, Any, str]:
    """The person a report or block is about, from the caller's match or group: (person, programme, where, role)."""
    if data.get("match"):
        match, role = match_for(user=user, match_id=data["match"])
        if role not in ("mentee", "mentor"):
            raise NotAllowed(gettext("Only the mentee or the mentor of this match can do this."))
        other = match.mentor if role == "mentee" else match.mentee
        return other.membership.user, match.programme, match, role
    group = (
        PeerGroup.objects.select_related("round__programme")
        .filter(pk=data["group"], members__profile__membership__user=user)
        .first()
    )
    if group is None:
        raise NotFound(gettext("No such group among yours."))
    member = Profile.objects.select_related("membership__user").filter(pk=data["person"]).first()
    if member is None or not group.members.filter(profile=member).exists() or member.membership.user_id == user.pk:
        raise NotFound(gettext("No such member in this group."))
    return member.membership.user, group.round.programme, group, "frontline_worker"


class ReportCreateApi(Authenticated):
    @extend_schema(
        operation_id="safety_report_create",
        request=ReportCreateInputSerializer,
        responses={201: ReportReceiptOutputSerializer},
        description="Report the other side of your match (the match is paused and the coordinators are alerted) "
        "or a member of your peer group. The reported person is not told who reported.",
    )
    def post(self, request: Request) -> Response:
        serializer = ReportCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user, now = _user(request), timezone.now()
        person, programme, where, role = _other_side(user, data)
        excerpt = None
        if data["messages"]:
            kind = "match" if data.get("match") else "group"
            place = place_for(user=user, kind=kind, target_id=where.pk)
            excerpt = report_excerpt(place=place, message_ids=data["messages"], reported_id=person.pk)
        words = {"category": data["category"], "text": data["text"], "excerpt": excerpt, "now": now}
        if data.get("match"):
            report = services.report_on_match(match=where, reporter=user, role=role, **words)
        else:
            member = Profile.objects.get(pk=data["person"])
            report = services.report_on_group_member(group=where, reporter=user, member=member, **words)
        if data["block"]:
            services.block_create(blocker=user, blocked=person, programme=programme, now=now)
        receipt = {"id": report.pk, "status": report.status, "created_at": report.created_at, "blocked": data["block"]}
        return Response(ReportReceiptOutputSerializer(receipt).data, status=status.HTTP_201_CREATED)


class BlockListApi(Authenticated):
    pagination_class = PageNumberPagination

    @extend_schema(operation_id="safety_blocks_list", responses=BlockOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.blocks_by(user=_user(request)), request, view=self)
        return paginator.get_paginated_response(BlockOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="safety_blocks_create", request=BlockCreateInputSerializer, responses={201: BlockOutputSerializer}
    )
    def post(self, request: Request) -> Response:
        serializer = BlockCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _user(request)
        person, programme, _where, _role = _other_side(user, serializer.validated_data)
        block = services.block_create(blocker=user, blocked=person, programme=programme, now=timezone.now())
        return Response(BlockOutputSerializer(block).data, status=status.HTTP_201_CREATED)


class BlockDetailApi(Authenticated):
    @extend_schema(operation_id="safety_blocks_delete", responses={204: None})
    def delete(self, request: Request, block_id: UUID) -> Response:
        block = Block.objects.filter(pk=block_id, blocker=_user(request)).first()
        if block is None:
            raise NotFound(gettext("No such block among yours."))
        services.block_remove(block=block, by=_user(request), now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReportFilterInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReportStatus.values, required=False)


class ProgrammeReportsApi(Authenticated):
    pagination_class = PageNumberPagination
    query_parameters = ("status",)

    @extend_schema(
        operation_id="safety_programme_reports",
        parameters=[ReportFilterInputSerializer],
        responses=CoordinatorReportOutputSerializer(many=True),
    )
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = programmes_coordinated_by(user=_user(request)).filter(pk=programme_id).first()
        if programme is None:
            raise NotFound(gettext("No such programme among those you coordinate."))
        filters = ReportFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        reports = selectors.reports_for_coordinator(
            user=_user(request), programme=programme, status=filters.validated_data.get("status") or None
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(reports, request, view=self)
        return paginator.get_paginated_response(CoordinatorReportOutputSerializer(page, many=True).data)


def decision_view(action: str, decide: Callable[..., Report]) -> type[Authenticated]:
    """The route of one decision on a report: ``decide(report=, by=, note=, now=)`` makes it. Suspending a person
    ends her part in every programme and is the use case's (usecases/apis.py)."""

    @extend_schema(
        operation_id=f"safety_report_{action}",
        request=ReportDecisionInputSerializer,
        responses=CoordinatorReportOutputSerializer,
    )
    def post(self: Authenticated, request: Request, report_id: UUID) -> Response:
        report: Report = selectors.report_for_coordinator(user=_user(request), report_id=report_id)
        serializer = ReportDecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = decide(report=report, by=_user(request), note=serializer.validated_data["note"], now=timezone.now())
        decided = selectors.report_for_coordinator(user=_user(request), report_id=decided.pk)
        return Response(CoordinatorReportOutputSerializer(decided).data)

    name = "".join(part.title() for part in action.split("_"))
    return type(f"Report{name}Api", (Authenticated,), {"post": post})


ReportDismissApi = decision_view("dismiss", services.report_dismiss)
ReportEndMatchApi = decision_view("end_match", services.report_end_match)
