"""The funder's report of a programme: JSON for the page, CSV and XLSX to download (``?format=``). Only the
programme's coordinators and site administrators read it; anybody else gets the answer an unknown id gets."""

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common.languages import interface_language
from programmes.models import Programme
from programmes.reference_data import text_direction
from programmes.selectors import administered_organisation
from reports import exports
from reports.selectors import Period, programme_report, reportable_programme
from reports.serializers import FunderReportOutputSerializer, FunderReportQuerySerializer

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_RESPONSES = {
    (200, "application/json"): OpenApiResponse(FunderReportOutputSerializer, description="The report."),
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="With format=csv: the report as a CSV file."),
    (200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="With format=xlsx: the report as a workbook."),
}


class _FormatIsTheDownload(DefaultContentNegotiation):
    """``?format=`` chooses the download here (the view writes it), not one of DRF's renderers: answers that are
    not downloads (the JSON report, every error) are JSON."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


def _default_period(today: date) -> tuple[date, date]:
    """The last twelve months, this one included."""
    months = today.year * 12 + today.month - 1 - 11
    return date(months // 12, months % 12 + 1, 1), today


def _report_answer(request: Request, programmes: list[Programme], name_part: str) -> Response | HttpResponse:
    """The report of these programmes as JSON, or the file ``?format=`` asks for."""
    query = FunderReportQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data: dict[str, Any] = query.validated_data
    default_from, default_to = _default_period(timezone.localdate())
    asked = (data.get("from") or default_from, data.get("to") or default_to)
    if not (data.get("from") and data.get("to")):
        # One end was left to its default: the two ends together must still make a period.
        FunderReportQuerySerializer(data={"from": asked[0], "to": asked[1]}).is_valid(raise_exception=True)
    period = Period.covering(*asked)
    language = interface_language(get_language())
    report = programme_report(
        programmes=programmes, period=period, by=data.get("by") or None, language=language, asked=asked
    )
    fmt = data.get("format") or "json"
    if fmt == "json":
        return Response(FunderReportOutputSerializer(report).data)
    name = f"report-{name_part}-{period.first:%Y-%m}-{period.last:%Y-%m}"
    if fmt == "csv":
        response = HttpResponse(exports.report_csv(report), content_type=CSV_TYPE)
    else:
        right_to_left = text_direction(language) == "rtl"
        response = HttpResponse(exports.report_xlsx(report, right_to_left=right_to_left), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


class ProgrammeReportApi(PublicAPIView):
    permission_classes = [IsAuthenticated]
    content_negotiation_class = _FormatIsTheDownload
    query_parameters = ("from", "to", "by", "format")

    @extend_schema(
        operation_id="programme_report",
        parameters=[FunderReportQuerySerializer],
        responses=REPORT_RESPONSES,
        description="The figures a funder asks for, for whole months: people signed up, verified and matched, the "
        "median waiting time, offers declined by reason, matches begun and completed, outcomes, first meetings, "
        "peer-group rounds and meetings, each broken down by language, city or role when asked. Counts of 1 to 4 "
        "people read “< 5”, and a count that would let one be worked out reads “–” (docs/reports.md).",
    )
    def get(self, request: Request, programme_id: UUID) -> Response | HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        programme = reportable_programme(user=user, programme_id=programme_id)
        return _report_answer(request, [programme], slugify(programme.slug)[:40])


class OrganisationReportApi(PublicAPIView):
    """The same report over every programme of an organisation she runs (mentoring and peer networks together,
    each figure over the programmes it applies to), with the same suppression."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = _FormatIsTheDownload
    query_parameters = ("from", "to", "by", "format")

    @extend_schema(
        operation_id="organisation_report",
        parameters=[FunderReportQuerySerializer],
        responses=REPORT_RESPONSES,
        description="The programme report (programme_report) over every programme of the organisation.",
    )
    def get(self, request: Request, organisation_id: UUID) -> Response | HttpResponse:
        organisation = administered_organisation(user=request.user, organisation_id=organisation_id)
        programmes = list(organisation.programmes.order_by("name", "id"))
        return _report_answer(request, programmes, slugify(organisation.slug)[:40])
