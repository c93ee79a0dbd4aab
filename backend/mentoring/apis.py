"""The mentoring workflow's API: runs, proposals, offers, matches, feedback, recommendations, health, audit."""

from typing import Any
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from drf_standardized_errors.openapi_serializers import ErrorResponse404Serializer
from drf_standardized_errors.openapi_validation_errors import extend_validation_errors
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common import etags
from common.errors import Conflict, DomainError, ErrorResponse409Serializer, NotAllowed, NotFound
from common.pagination import CachedCountPagination, PageNumberPagination
from common.rows import RowPlan
from mentoring import engine as adapter
from mentoring import selectors, services
from mentoring.models import Match, MatchState
from mentoring.serializers import (
    AuditEventOutputSerializer,
    BulkApproveInputSerializer,
    BulkApproveResultOutputSerializer,
    BulkRejectInputSerializer,
    CoordinatorMatchOutputSerializer,
    DeclineInputSerializer,
    EndInputSerializer,
    ExplainInputSerializer,
    ExplanationOutputSerializer,
    FeedbackInputSerializer,
    FeedbackOutputSerializer,
    HandMatchInputSerializer,
    HealthOutputSerializer,
    MatchFilterInputSerializer,
    MatchingRunOutputSerializer,
    MatchingRunSummaryOutputSerializer,
    MentorLoadOutputSerializer,
    ParticipantMatchOutputSerializer,
    PersonCardOutputSerializer,
    RecommendationOutputSerializer,
    RejectInputSerializer,
    RunStartInputSerializer,
    SwapInputSerializer,
    WhatIfOutputSerializer,
    participant_view,
)
from mentoring.transitions import only_message
from mentoring.what_if import what_if
from privacy.audit import audit_record
from privacy.models import AuditEvent
from profiles.models import Profile
from programmes.models import Programme, Role
from programmes.selectors import coordinated_programme, programmes_coordinated_by
from programmes.serializers import ProgrammeWhatIfInputSerializer

COORDINATOR_MATCH_ROWS = RowPlan(CoordinatorMatchOutputSerializer)
"""A page of the programme's matches read as rows and rendered as CoordinatorMatchOutputSerializer would: about
a tenth of the Python of seven model instances and three serializer calls a row (common.rows)."""


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _programme(request: Request, programme_id: UUID) -> Programme:
    return coordinated_programme(user=_user(request), programme_id=programme_id)


def _profile_in(programme: Programme, profile_id: UUID, field: str) -> Profile:
    profile = (
        Profile.objects.select_related("membership__user")
        .filter(pk=profile_id, membership__programme=programme)
        .first()
    )
    if profile is None:
        raise NotFound(
            gettext("No such mentee in this programme.")
            if field == "mentee"
            else gettext("No such mentor in this programme.")
        )
    return profile


def _render(match: Match, role: str) -> dict[str, Any]:
    if role == "coordinator":
        return CoordinatorMatchOutputSerializer(match).data
    return ParticipantMatchOutputSerializer(participant_view(match, role)).data


def _paginated(request: Request, view: PublicAPIView, rows: Any, render: Any) -> Response:
    """One page of ``rows``; ``render`` turns the page's rows into their data all at once (a serializer with
    ``many=True`` builds its fields once per page, not once per row: a ModelSerializer's are ~1 ms to build)."""
    paginator = view.pagination_class()  # type: ignore[attr-defined]
    page: list[Any] | None = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(render(page or []))


class Authenticated(PublicAPIView):
    permission_classes = [IsAuthenticated]


class ProgrammeRunsApi(Authenticated):
    pagination_class = PageNumberPagination  # the schema then describes the page, not a bare list

    @extend_schema(operation_id="runs_list", responses=MatchingRunSummaryOutputSerializer(many=True))
    def get(self, request: Request, programme_id: UUID) -> Response:
        runs = selectors.runs_for_coordinator(user=_user(request), programme=_programme(request, programme_id))
        return _paginated(request, self, runs, lambda page: MatchingRunSummaryOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="runs_start", request=RunStartInputSerializer, responses={202: MatchingRunOutputSerializer}
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = _programme(request, programme_id)
        serializer = RunStartInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        run = services.run_start(
            programme=programme,
            by=_user(request),
            now=timezone.now(),
            mentee_ids=data.get("mentees"),
            mode=data["mode"],
            min_score=data.get("min_score"),
        )
        run.refresh_from_db()
        return Response(MatchingRunOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class ProgrammeWhatIfApi(Authenticated):
    """What a change of the matching rules or weights would do to the last run's proposals, before it is saved:
    the engine runs again on the same people with the saved and the changed settings; nothing is written."""

    @extend_schema(
        operation_id="programmes_what_if",
        request=ProgrammeWhatIfInputSerializer,
        responses={
            200: WhatIfOutputSerializer,
            409: OpenApiResponse(
                ErrorResponse409Serializer,
                description="No finished run yet, or the last run was too large to preview while waiting.",
            ),
        },
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = _programme(request, programme_id)
        serializer = ProgrammeWhatIfInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = what_if(programme=programme, changes=serializer.validated_data, now=timezone.now())
        return Response(WhatIfOutputSerializer(result).data)


class RunDetailApi(Authenticated):
    @extend_schema(operation_id="runs_retrieve", responses=MatchingRunOutputSerializer)
    def get(self, request: Request, run_id: UUID) -> Response:
        return Response(MatchingRunOutputSerializer(selectors.run_for(user=_user(request), run_id=run_id)).data)


@extend_validation_errors(["invalid"], field_name="run", methods=["get"])
@extend_validation_errors(["invalid"], field_name="mentee", methods=["get"])
@extend_validation_errors(["invalid"], field_name="mentor", methods=["get"])
class ProgrammeMatchesApi(Authenticated):
    pagination_class = PageNumberPagination  # the schema then describes the page, not a bare list
    query_parameters = ("state", "run", "mentee", "mentor")

    @extend_schema(
        operation_id="programme_matches_list",
        parameters=[MatchFilterInputSerializer],
        responses=CoordinatorMatchOutputSerializer(many=True),
    )
    def get(self, request: Request, programme_id: UUID) -> Response:
        matches = selectors.matches_for_coordinator(user=_user(request), programme=_programme(request, programme_id))
        filters = MatchFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        for name, value in filters.validated_data.items():
            if value:
                matches = matches.filter(**{name: value})
        return _paginated(request, self, COORDINATOR_MATCH_ROWS.rows(matches), COORDINATOR_MATCH_ROWS.render)

    @extend_schema(
        operation_id="programme_matches_create",
        request=HandMatchInputSerializer,
        responses={201: CoordinatorMatchOutputSerializer},
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = _programme(request, programme_id)
        serializer = HandMatchInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        match = services.match_create_by_hand(
            programme=programme,
            mentee=_profile_in(programme, serializer.validated_data["mentee"], "mentee"),
            mentor=_profile_in(programme, serializer.validated_data["mentor"], "mentor"),
            by=_user(request),
            now=timezone.now(),
        )
        return Response(CoordinatorMatchOutputSerializer(match).data, status=status.HTTP_201_CREATED)


def _bulk(request: Request, programme_id: UUID, input_serializer: Any, act: Any) -> Response:
    """Parse the ids (or the filter), act on the programme's matches among them, and report each id's result in
    the given order (an id of another programme, or none, answers like one that does not exist)."""
    programme = _programme(request, programme_id)
    serializer = input_serializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    if "filter" in data:
        ids = _proposal_ids_as_seen(request, programme, data["filter"], data["expected_count"])
    else:
        ids = list(dict.fromkeys(data["ids"]))
    found = {m.pk: m for m in Match.objects.filter(programme=programme, pk__in=ids)}
    results = {row["id"]: row for row in act([found[i] for i in ids if i in found], data)}
    missing = {"ok": False, "state": "", "error": "No such proposal."}
    return Response([results.get(str(i), {"id": str(i), **missing}) for i in ids])


def _proposal_ids_as_seen(request: Request, programme: Programme, chosen: dict[str, Any], expected: int) -> list[Any]:
    """The ids of the proposals the filter matches now, best first, if they are as many as the coordinator saw.
    One query takes the ids and their number together, and only those ids are acted on: a proposal made after
    the check is never included, so a stale view can never act on more than she saw; one that changed since
    fails on its own, with its reason. If the number differs, nothing is done and she is asked to look again."""
    matches = selectors.matches_for_coordinator(user=_user(request), programme=programme).filter(
        state=MatchState.PROPOSED, **chosen
    )
    ids = list(matches.values_list("pk", flat=True))
    if len(ids) != expected:
        raise Conflict(
            ngettext(
                "The proposals have changed since you looked: this filter now selects %(now)d, not the "
                "%(seen)d you saw. Nothing was done; please look at the list again.",
                "The proposals have changed since you looked: this filter now selects %(now)d, not the "
                "%(seen)d you saw. Nothing was done; please look at the list again.",
                expected,
            )
            % {"now": len(ids), "seen": expected}
        )
    return ids


STALE_FILTER = OpenApiResponse(
    ErrorResponse409Serializer,
    description="The filter no longer selects the number of proposals the coordinator saw; nothing was done.",
)


# With a filter, the count she saw is required (BulkApproveInputSerializer.validate).
@extend_validation_errors(["required"], field_name="expected_count", methods=["post"])
class ProgrammeBulkApproveApi(Authenticated):
    @extend_schema(
        operation_id="programme_matches_bulk_approve",
        request=BulkApproveInputSerializer,
        responses={200: BulkApproveResultOutputSerializer(many=True), 409: STALE_FILTER},
        description="Approve each proposal on its own: one refusal (say, a full mentor) does not undo the others; "
        "each id's result says why. Give the ids, or a filter with the number of proposals it selected in the list "
        "(`count`): all its proposals are approved, best first, across every page; if the filter now selects "
        "another number, nothing is approved and the answer is 409.",
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        return _bulk(
            request,
            programme_id,
            BulkApproveInputSerializer,
            lambda matches, data: services.matches_bulk_approve(matches=matches, by=_user(request), now=timezone.now()),
        )


# With a filter, the count she saw is required (BulkApproveInputSerializer.validate).
@extend_validation_errors(["required"], field_name="expected_count", methods=["post"])
class ProgrammeBulkRejectApi(Authenticated):
    @extend_schema(
        operation_id="programme_matches_bulk_reject",
        request=BulkRejectInputSerializer,
        responses={200: BulkApproveResultOutputSerializer(many=True), 409: STALE_FILTER},
        description="Reject the proposals with one reason, in one transaction; an id that is no longer a proposal "
        "is reported with the reason and does not undo the others. Give the ids, or a filter with the number of "
        "proposals it selected in the list (`count`); if it now selects another number, nothing is rejected (409).",
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        return _bulk(
            request,
            programme_id,
            BulkRejectInputSerializer,
            lambda matches, data: services.matches_bulk_reject(
                matches=matches, by=_user(request), reason=data["reason"], now=timezone.now()
            ),
        )


class ProgrammeExplainApi(Authenticated):
    @extend_schema(
        operation_id="programme_explain", parameters=[ExplainInputSerializer], responses=ExplanationOutputSerializer
    )
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = _programme(request, programme_id)
        serializer = ExplainInputSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        mentee = _profile_in(programme, serializer.validated_data["mentee"], "mentee")
        mentor = _profile_in(programme, serializer.validated_data["mentor"], "mentor")
        # The same refusal as a hand-made pairing of the wrong people (services.match_create_by_hand).
        if mentee.membership.role != Role.MENTEE:
            raise DomainError(gettext("Choose a mentee of this programme."), field="mentee")
        if mentor.membership.role not in (Role.MENTOR, Role.EMPLOYER):
            raise DomainError(gettext("Choose a mentor or employer of this programme."), field="mentor")
        return Response(adapter.explanation_as_proposed(programme, mentee, mentor))


class ProfileRecommendationsApi(Authenticated):
    @extend_schema(
        operation_id="profiles_recommendations",
        parameters=[OpenApiParameter("k", int)],
        responses={
            200: RecommendationOutputSerializer(many=True),
            404: OpenApiResponse(
                ErrorResponse404Serializer,
                description="No such profile among those the caller coordinates, or the profile is not a mentee's.",
            ),
        },
        description="The best mentors for one mentee of a programme the caller coordinates.",
    )
    def get(self, request: Request, profile_id: UUID) -> Response:
        # Looked up among her programmes' profiles only: a profile elsewhere answers like one that does not exist.
        profile = (
            Profile.objects.select_related("membership__programme")
            .filter(pk=profile_id, membership__programme__in=programmes_coordinated_by(user=_user(request)))
            .first()
        )
        if profile is None:
            raise NotFound(gettext("No such programme among those you coordinate."))
        if profile.membership.role != Role.MENTEE:
            # Mentors, employers and frontline workers have no recommended mentors: nothing here exists.
            raise NotFound(gettext("Recommendations are made for mentees only; this profile is not a mentee's."))
        programme = _programme(request, profile.membership.programme_id)
        try:
            k = max(1, min(int(request.query_params.get("k", 5)), 20))
        except ValueError:
            k = 5
        now = timezone.now()
        audit_record(
            action="profile.recommendations",
            target=profile,
            at=now,
            actor=_user(request),
            actor_role="coordinator",
            programme=programme,
        )
        recommendations = adapter.recommend(programme, profile, k)
        mentors = {
            str(p.pk): p
            for p in Profile.objects.filter(pk__in=[r.mentor_id for r in recommendations])
            .select_related("membership__user")
            .prefetch_related("languages", "sectors")
        }
        return Response(
            [
                {
                    "mentor": PersonCardOutputSerializer(mentors[r.mentor_id]).data,
                    "rank": r.rank,
                    "explanation": adapter.explanation_data(r.explanation),
                }
                for r in recommendations
            ]
        )


class ProgrammeHealthApi(Authenticated):
    @extend_schema(operation_id="programme_health", responses=HealthOutputSerializer)
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = _programme(request, programme_id)
        return Response(selectors.programme_health(programme=programme, now=timezone.now()))


class ProgrammeMentorLoadApi(Authenticated):
    pagination_class = CachedCountPagination  # the schema then describes the page, not a bare list

    @extend_schema(operation_id="programme_mentor_load", responses=MentorLoadOutputSerializer(many=True))
    def get(self, request: Request, programme_id: UUID) -> Response:
        mentors = selectors.mentor_load_for_coordinator(
            user=_user(request), programme=_programme(request, programme_id)
        )
        return _paginated(request, self, mentors, lambda page: MentorLoadOutputSerializer(page, many=True).data)


class ProgrammeAuditApi(Authenticated):
    pagination_class = PageNumberPagination  # the schema then describes the page, not a bare list
    query_parameters = ("action",)

    @extend_schema(
        operation_id="programme_audit",
        parameters=[OpenApiParameter("action", str)],
        responses=AuditEventOutputSerializer(many=True),
    )
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = _programme(request, programme_id)
        events = AuditEvent.objects.filter(programme=programme).select_related("actor")
        if request.query_params.get("action"):
            events = events.filter(action=request.query_params["action"])
        return _paginated(request, self, events, lambda page: AuditEventOutputSerializer(page, many=True).data)


class MatchListApi(Authenticated):
    pagination_class = PageNumberPagination  # the schema then describes the page, not a bare list

    @extend_schema(operation_id="matches_list_own", responses=ParticipantMatchOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        user = _user(request)
        matches = selectors.matches_for_participant(user=user)

        def render(page: list[Match]) -> Any:
            views = [
                participant_view(match, "mentee" if match.mentee.membership.user_id == user.pk else "mentor")
                for match in selectors.with_details(page, user)
            ]
            return ParticipantMatchOutputSerializer(views, many=True).data

        return etags.conditional(request, _paginated(request, self, matches, render))


MATCH_FOR_CALLER = PolymorphicProxySerializer(
    component_name="MatchForCaller",
    serializers=[CoordinatorMatchOutputSerializer, ParticipantMatchOutputSerializer],
    resource_type_field_name=None,
)
"""A coordinator gets the full record (CoordinatorMatchOutput); the mentee and the mentor their own view."""


class MatchDetailApi(Authenticated):
    @extend_schema(
        operation_id="matches_retrieve",
        responses=MATCH_FOR_CALLER,
        description="Coordinators get the full record (CoordinatorMatchOutput); the mentee and "
        "mentor get their own view (ParticipantMatchOutput).",
    )
    def get(self, request: Request, match_id: UUID) -> Response:
        match, role = selectors.match_for(user=_user(request), match_id=match_id)
        return Response(_render(match, role))


def _action_view(action: str, input_serializer: Any = None, *, responses: Any) -> type[Authenticated]:
    """One POST endpoint per transition; role and state are checked by the service's transition table.
    ``responses`` documents what its callers get back: coordinators the full record, participants their view."""

    @extend_schema(operation_id=f"matches_{action}", request=input_serializer, responses=responses)
    def post(self: Authenticated, request: Request, match_id: UUID) -> Response:
        user = _user(request)
        match, role = selectors.match_and_role(user=user, match_id=match_id)
        data: dict[str, Any] = {}
        if input_serializer is not None:
            serializer = input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        now = timezone.now()
        acting_role = "coordinator" if role == "coordinator" else role
        if action == "approve":
            _require(acting_role, "coordinator")
            match = services.match_approve(match=match, by=user, now=now)
        elif action == "reject":
            _require(acting_role, "coordinator")
            match = services.match_reject(match=match, by=user, reason=data["reason"], now=now)
        elif action == "accept":
            _require(acting_role, "mentor")
            match = services.match_accept(match=match, by=user, now=now)
        elif action == "decline":
            match = services.match_decline(
                match=match,
                by=user,
                role=acting_role,
                reason_code=data["reason"],
                reason_text=data.get("text", ""),
                now=now,
            )
        elif action == "end":
            match = services.match_end(
                match=match,
                by=user,
                role=acting_role,
                reason_code=data["reason"],
                reason_text=data.get("text", ""),
                now=now,
            )
        elif action == "complete":
            _require(acting_role, "coordinator")
            match = services.match_complete(match=match, by=user, now=now)
        elif action == "rollover":
            _require(acting_role, "coordinator")
            match = services.match_rollover(match=match, by=user, now=now)
            return Response(
                _render(selectors.match_for(user=user, match_id=match.pk)[0], role), status=status.HTTP_201_CREATED
            )
        refreshed, role = selectors.match_for(user=user, match_id=match.pk, coordinator=role == "coordinator")
        return Response(_render(refreshed, role))

    return type(f"Match{action.title()}Api", (Authenticated,), {"post": post})


def _require(role: str, needed: str) -> None:
    if role != needed:
        raise NotAllowed(only_message([needed]))


class MatchFeedbackApi(Authenticated):
    @extend_schema(
        operation_id="matches_feedback", request=FeedbackInputSerializer, responses={201: FeedbackOutputSerializer}
    )
    def post(self, request: Request, match_id: UUID) -> Response:
        match, role = selectors.match_for(user=_user(request), match_id=match_id)
        serializer = FeedbackInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feedback = services.feedback_submit(
            match=match, by=_user(request), role=role, now=timezone.now(), **serializer.validated_data
        )
        return Response(FeedbackOutputSerializer(feedback).data, status=status.HTTP_201_CREATED)


class MatchesSwapApi(Authenticated):
    @extend_schema(
        operation_id="matches_swap", request=SwapInputSerializer, responses=CoordinatorMatchOutputSerializer(many=True)
    )
    def post(self, request: Request) -> Response:
        serializer = SwapInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _user(request)
        first, first_role = selectors.match_for(user=user, match_id=serializer.validated_data["first"])
        second, second_role = selectors.match_for(user=user, match_id=serializer.validated_data["second"])
        _require(first_role, "coordinator")
        _require(second_role, "coordinator")
        a, b = services.matches_swap(first=first, second=second, by=user, now=timezone.now())
        return Response([CoordinatorMatchOutputSerializer(m).data for m in (a, b)])


MatchApproveApi = _action_view("approve", responses=CoordinatorMatchOutputSerializer)
MatchRejectApi = _action_view("reject", RejectInputSerializer, responses=CoordinatorMatchOutputSerializer)
MatchAcceptApi = _action_view("accept", responses=ParticipantMatchOutputSerializer)
MatchDeclineApi = _action_view("decline", DeclineInputSerializer, responses=ParticipantMatchOutputSerializer)
MatchEndApi = _action_view("end", EndInputSerializer, responses=MATCH_FOR_CALLER)
MatchCompleteApi = _action_view("complete", responses=CoordinatorMatchOutputSerializer)
MatchRolloverApi = _action_view("rollover", responses={201: CoordinatorMatchOutputSerializer})
