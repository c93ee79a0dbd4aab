"""Routes of the use cases that span every app: closing a programme, leaving a programme (by her own request or by
withdrawing her consent to take part), her data download, erasing her account, and a coordinator suspending a
reported person."""

from uuid import UUID

from django.contrib.auth import logout
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from common.errors import NotFound
from privacy.apis import LANGUAGE_PARAMETER, Authenticated, request_language
from privacy.serializers import (
    AccountEraseInputSerializer,
    ConsentRecordOutputSerializer,
    ConsentWithdrawInputSerializer,
)
from programmes.models import Programme
from programmes.selectors import coordinated_programme
from safeguarding.apis import decision_view
from usecases import leave
from usecases.erasure import account_erase
from usecases.export import personal_data_export
from usecases.programme_close import programme_close
from usecases.summary import summary_context


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class ProgrammeLeaveApi(Authenticated):
    @extend_schema(
        operation_id="programmes_leave",
        request=None,
        description="She leaves a programme she takes part in, in every app at once. Giving her consent to take "
        "part again (POST /me/consents/) brings her back.",
        responses={
            204: OpenApiResponse(
                description="She has left the programme: her consents there are withdrawn, her offers, matches, "
                "opt-ins and groups end, and its notices are no longer emailed to her. Leaving again changes nothing."
            )
        },
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None:
            raise NotFound(gettext("You do not take part in this programme."))
        leave.programme_leave(user=_user(request), programme=programme, now=timezone.now())
        return Response(status=204)


class MyConsentWithdrawApi(Authenticated):
    @extend_schema(
        operation_id="me_consents_withdraw",
        request=ConsentWithdrawInputSerializer,
        responses=ConsentRecordOutputSerializer,
        description="Withdraw one consent. Withdrawing the consent to take part (programme) is leaving the "
        "programme, as POST /programmes/{id}/leave/ does.",
    )
    def post(self, request: Request) -> Response:
        serializer = ConsentWithdrawInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        programme = Programme.objects.filter(pk=serializer.validated_data["programme"]).first()
        if programme is None:
            raise NotFound(gettext("You do not take part in this programme."))
        record = leave.consent_withdraw(
            user=_user(request), programme=programme, purpose=serializer.validated_data["purpose"], now=timezone.now()
        )
        return Response(ConsentRecordOutputSerializer(record).data)


class MyDataApi(Authenticated):
    @extend_schema(
        operation_id="me_data_export",
        parameters=[LANGUAGE_PARAMETER],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="All her data, as JSON.")},
    )
    def get(self, request: Request) -> Response:
        data = personal_data_export(user=_user(request), now=timezone.now(), language=request_language(request))
        response = Response(data)
        if request.query_params.get("download"):
            response["Content-Disposition"] = 'attachment; filename="bridges-my-data.json"'
        return response


class MyDataSummaryApi(Authenticated):
    @extend_schema(
        operation_id="me_data_summary",
        parameters=[LANGUAGE_PARAMETER],
        responses={(200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="A printable page.")},
    )
    def get(self, request: Request) -> HttpResponse:
        language = request_language(request)
        data = personal_data_export(user=_user(request), now=timezone.now(), language=language)
        with translation.override(language):
            words = summary_context(data)
        html = render_to_string(
            "privacy/summary.html",
            {
                "data": data,
                **words,
                "language": language,
                "direction": "rtl" if language == "ar" else "ltr",
                "csp_nonce": get_nonce(request._request),
            },
        )
        return HttpResponse(html, content_type="text/html; charset=utf-8")


class MyAccountEraseApi(Authenticated):
    @extend_schema(
        operation_id="me_erase",
        request=AccountEraseInputSerializer,
        responses={204: OpenApiResponse(description="Her account and personal data are erased; she is logged out.")},
    )
    def post(self, request: Request) -> Response:
        serializer = AccountEraseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _user(request)
        account_erase(user=user, now=timezone.now(), by_role="self")
        logout(request._request)
        return Response(status=204)


ReportSuspendApi = decision_view("suspend", leave.report_suspend)


class ProgrammeCloseOutputSerializer(serializers.Serializer):
    closed_at = serializers.DateTimeField()
    offers_withdrawn = serializers.IntegerField(help_text="Open offers withdrawn now (both sides were told).")


class ProgrammeCloseApi(Authenticated):
    """A coordinator closes her programme: sign-up stops, open offers are withdrawn with a polite notice, nothing
    new starts; running matches go on and every figure is kept. Closing again changes nothing."""

    @extend_schema(operation_id="programmes_close", request=None, responses=ProgrammeCloseOutputSerializer)
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = coordinated_programme(user=request.user, programme_id=programme_id)
        closed, withdrawn = programme_close(programme=programme, by=_user(request), now=timezone.now())
        return Response(
            ProgrammeCloseOutputSerializer({"closed_at": closed.closed_at, "offers_withdrawn": withdrawn}).data
        )
