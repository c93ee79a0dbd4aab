"""The messaging API: her conversations with unread counts, a conversation's messages (newest first, paged back),
sending, and marking read. Every route answers a conversation that is not hers exactly as an unknown one.

The lists answer conditional requests (ETag / If-None-Match), so a tab polling an unchanged list costs a 304.
"""

import dataclasses
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common import etags
from messaging import meetings, selectors, services
from messaging.models import Message
from messaging.serializers import (
    ConversationListOutputSerializer,
    ConversationReadInputSerializer,
    MeetingOutputSerializer,
    MeetingPickInputSerializer,
    MeetingProposeInputSerializer,
    MeetingQueryInputSerializer,
    MessageCreateInputSerializer,
    MessageOutputSerializer,
    MessagePageInputSerializer,
    MessagePageOutputSerializer,
    MessagingSettingsSerializer,
    UnreadCountOutputSerializer,
)


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class Authenticated(PublicAPIView):
    permission_classes = [IsAuthenticated]


def _conditional(request: Request, data: Any) -> Response:
    """The answer, or 304 when the caller already holds this very body (its ETag; common.etags)."""
    return etags.conditional(request, Response(data))


def _message(message: Message, user: User, profiles: dict[UUID, UUID] | None = None) -> dict[str, Any]:
    deleted = message.deleted_at is not None
    mine = message.sender_id == user.pk
    return {
        "id": message.pk,
        "mine": mine,
        "sender": "" if deleted or message.sender is None else message.sender.display_name,
        "sender_profile": None
        if deleted or mine or profiles is None or message.sender_id is None
        else profiles.get(message.sender_id),
        "text": "" if deleted else message.text,
        "deleted": deleted,
        "sent_at": message.sent_at,
    }


class ConversationListApi(Authenticated):
    @extend_schema(
        operation_id="conversations_list",
        responses=ConversationListOutputSerializer,
        description="Her conversations (active, paused and closed matches after the mentor's yes, and her published "
        "peer groups), the most recent first, with unread counts. Answers 304 to an unchanged If-None-Match.",
    )
    def get(self, request: Request) -> Response:
        entries = selectors.conversations_for(user=_user(request))
        results = [dataclasses.asdict(entry) for entry in entries]
        body = ConversationListOutputSerializer({"results": results, "unread": sum(e.unread for e in entries)}).data
        return _conditional(request, body)


class ConversationUnreadCountApi(Authenticated):
    @extend_schema(operation_id="conversations_unread_count", responses=UnreadCountOutputSerializer)
    def get(self, request: Request) -> Response:
        body = UnreadCountOutputSerializer({"unread": selectors.unread_total(user=_user(request))}).data
        return _conditional(request, body)


class MessagingSettingsApi(Authenticated):
    @extend_schema(operation_id="conversations_settings", responses=MessagingSettingsSerializer)
    def get(self, request: Request) -> Response:
        return Response(MessagingSettingsSerializer(selectors.settings_of(user=_user(request))).data)

    @extend_schema(
        operation_id="conversations_settings_update",
        request=MessagingSettingsSerializer,
        responses=MessagingSettingsSerializer,
    )
    def patch(self, request: Request) -> Response:
        serializer = MessagingSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        choice = services.settings_update(user=_user(request), **serializer.validated_data)
        return Response(MessagingSettingsSerializer(choice).data)


def _kind_views(kind: str) -> tuple[type[Authenticated], type[Authenticated]]:
    """The messages and read routes of one kind of conversation (a match's or a group's)."""
    target = f"{kind}_id"

    class Messages(Authenticated):
        query_parameters = ("before",)

        @extend_schema(
            operation_id=f"conversations_{kind}_messages",
            parameters=[MessagePageInputSerializer],
            responses=MessagePageOutputSerializer,
            description="Up to 30 messages, newest first; before=<id> pages back. Answers 304 to an unchanged "
            "If-None-Match.",
        )
        def get(self, request: Request, **kwargs: UUID) -> Response:
            user = _user(request)
            place = selectors.place_for(user=user, kind=kind, target_id=kwargs[target])
            query = MessagePageInputSerializer(data=request.query_params)
            query.is_valid(raise_exception=True)
            messages, has_more = selectors.messages_page(place=place, before=query.validated_data.get("before"))
            profiles = selectors.sender_profiles(place=place)
            body = MessagePageOutputSerializer(
                {
                    "results": [_message(m, user, profiles) for m in messages],
                    "has_more": has_more,
                    "can_write": place.can_write,
                    "closed_reason": place.closed_reason,
                    "seen_up_to": selectors.seen_up_to(place=place),
                }
            ).data
            return _conditional(request, body)

        @extend_schema(
            operation_id=f"conversations_{kind}_messages_create",
            request=MessageCreateInputSerializer,
            responses={201: MessageOutputSerializer},
            description="Send a text message (plain text, links are not made clickable). 409 when she cannot write "
            "here (the match is not active, or one of the two blocked the other) or writes too fast.",
        )
        def post(self, request: Request, **kwargs: UUID) -> Response:
            user = _user(request)
            place = selectors.place_for(user=user, kind=kind, target_id=kwargs[target])
            serializer = MessageCreateInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            message = services.message_send(place=place, text=serializer.validated_data["text"], now=timezone.now())
            return Response(MessageOutputSerializer(_message(message, user)).data, status=status.HTTP_201_CREATED)

    class Read(Authenticated):
        @extend_schema(
            operation_id=f"conversations_{kind}_read",
            request=ConversationReadInputSerializer,
            responses={204: None},
            parameters=[OpenApiParameter(target, UUID, OpenApiParameter.PATH)],
        )
        def post(self, request: Request, **kwargs: UUID) -> Response:
            user = _user(request)
            place = selectors.place_for(user=user, kind=kind, target_id=kwargs[target])
            serializer = ConversationReadInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            services.conversation_mark_read(place=place, up_to=serializer.validated_data.get("up_to"))
            return Response(status=status.HTTP_204_NO_CONTENT)

    Messages.__name__ = Messages.__qualname__ = f"{kind.title()}MessagesApi"
    Read.__name__ = Read.__qualname__ = f"{kind.title()}ConversationReadApi"
    return Messages, Read


MatchMessagesApi, MatchConversationReadApi = _kind_views("match")
GroupMessagesApi, GroupConversationReadApi = _kind_views("group")


def _match_place(request: Request, match_id: UUID) -> selectors.Place:
    return selectors.match_place(user=_user(request), match_id=match_id)


def _meeting_answer(request: Request, place: selectors.Place, zone_name: str | None = None) -> Response:
    zone = meetings.time_zone_of(zone_name or settings.TIME_ZONE)
    view = meetings.meeting_view(place=place, zone=zone, now=timezone.now())
    return Response(MeetingOutputSerializer(view).data)


def _meeting_change(
    request: Request,
    match_id: UUID,
    change: Callable[[selectors.Place, dict[str, Any]], str],
    input_serializer: type[serializers.Serializer] | None = None,
) -> Response:
    """Her match's place, the input checked, the change made; then the meeting as she now sees it, in the time
    zone ``change`` returns."""
    place = _match_place(request, match_id)
    data: dict[str, Any] = {}
    if input_serializer is not None:
        serializer = input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
    return _meeting_answer(request, place, change(place, data))


class MatchMeetingApi(Authenticated):
    query_parameters = ("time_zone",)

    @extend_schema(
        operation_id="conversations_match_meeting",
        parameters=[MeetingQueryInputSerializer],
        responses=MeetingOutputSerializer,
        description="The first meeting of her match as she sees it, with suggested times from both people's weekly "
        "availability in her time zone.",
    )
    def get(self, request: Request, match_id: UUID) -> Response:
        query = MeetingQueryInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return _meeting_answer(request, _match_place(request, match_id), query.validated_data.get("time_zone"))

    @extend_schema(
        operation_id="conversations_match_meeting_propose",
        request=MeetingProposeInputSerializer,
        responses=MeetingOutputSerializer,
        description="Propose up to three times and where (a link, or a public place). The other person is told "
        "in the app, without the details, and picks one.",
    )
    def post(self, request: Request, match_id: UUID) -> Response:
        def propose(place: selectors.Place, data: dict[str, Any]) -> str:
            meeting = meetings.meeting_propose(
                place=place,
                options=data["options"],
                time_zone=data["time_zone"],
                place_kind=data["place_kind"],
                where=data["place"],
                duration_minutes=data["duration_minutes"],
                now=timezone.now(),
            )
            return meeting.time_zone

        return _meeting_change(request, match_id, propose, MeetingProposeInputSerializer)


class MatchMeetingPickApi(Authenticated):
    @extend_schema(
        operation_id="conversations_match_meeting_pick",
        request=MeetingPickInputSerializer,
        responses=MeetingOutputSerializer,
        description="The other person picks one of the proposed times: both get a calendar invitation by email.",
    )
    def post(self, request: Request, match_id: UUID) -> Response:
        def pick(place: selectors.Place, data: dict[str, Any]) -> str:
            meeting = meetings.meeting_pick(
                place=place, option=data["option"], now=timezone.now(), time_zone=data.get("time_zone")
            )
            return meeting.zone_of(place.user.pk)

        return _meeting_change(request, match_id, pick, MeetingPickInputSerializer)


class MatchMeetingCancelApi(Authenticated):
    @extend_schema(
        operation_id="conversations_match_meeting_cancel",
        request=None,
        responses=MeetingOutputSerializer,
        description="Call the meeting off; a booked one is cancelled in both calendars (an email to each).",
    )
    def post(self, request: Request, match_id: UUID) -> Response:
        return _meeting_change(
            request,
            match_id,
            lambda place, _: meetings.meeting_cancel(place=place, now=timezone.now()).zone_of(place.user.pk),
        )
