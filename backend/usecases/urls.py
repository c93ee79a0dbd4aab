"""Routes of the use cases that span every app, included under /api/v1/."""

from django.urls import URLPattern, path

from usecases import apis

urlpatterns: list[URLPattern] = [
    path("programmes/<uuid:programme_id>/close/", apis.ProgrammeCloseApi.as_view(), name="programme-close"),
    path("programmes/<uuid:programme_id>/leave/", apis.ProgrammeLeaveApi.as_view(), name="programme-leave"),
    path("me/consents/withdraw/", apis.MyConsentWithdrawApi.as_view(), name="me-consents-withdraw"),
    path("me/data/", apis.MyDataApi.as_view(), name="me-data"),
    path("me/data/summary/", apis.MyDataSummaryApi.as_view(), name="me-data-summary"),
    path("me/erase/", apis.MyAccountEraseApi.as_view(), name="me-erase"),
    path("safety/reports/<uuid:report_id>/suspend/", apis.ReportSuspendApi.as_view(), name="safety-report-suspend"),
]
