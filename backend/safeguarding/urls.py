"""Routes of safeguarding, included under /api/v1/. Suspending a person spans every app: usecases/urls.py."""

from django.urls import URLPattern, path

from safeguarding import apis

urlpatterns: list[URLPattern] = [
    path("safety/reports/", apis.ReportCreateApi.as_view(), name="safety-report-create"),
    path("safety/reports/<uuid:report_id>/dismiss/", apis.ReportDismissApi.as_view(), name="safety-report-dismiss"),
    path(
        "safety/reports/<uuid:report_id>/end-match/", apis.ReportEndMatchApi.as_view(), name="safety-report-end-match"
    ),
    path("safety/blocks/", apis.BlockListApi.as_view(), name="safety-blocks"),
    path("safety/blocks/<uuid:block_id>/", apis.BlockDetailApi.as_view(), name="safety-block-detail"),
    path(
        "programmes/<uuid:programme_id>/safety-reports/",
        apis.ProgrammeReportsApi.as_view(),
        name="programme-safety-reports",
    ),
]
