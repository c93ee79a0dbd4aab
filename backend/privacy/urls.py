"""Routes of privacy: her consents, sensitive attributes, data and erasure; coordinators' views."""

from django.urls import URLPattern, path

from privacy import apis

urlpatterns: list[URLPattern] = [
    path("me/consents/", apis.MyConsentsApi.as_view(), name="me-consents"),
    path("me/consents/withdraw/", apis.MyConsentWithdrawApi.as_view(), name="me-consents-withdraw"),
    path("me/sensitive-attributes/", apis.MySensitiveAttributesApi.as_view(), name="me-sensitive-attributes"),
    path("me/data/", apis.MyDataApi.as_view(), name="me-data"),
    path("me/data/summary/", apis.MyDataSummaryApi.as_view(), name="me-data-summary"),
    path("me/erase/", apis.MyAccountEraseApi.as_view(), name="me-erase"),
    path("profiles/<uuid:profile_id>/consents/", apis.ProfileConsentsApi.as_view(), name="profile-consents"),
    path(
        "profiles/<uuid:profile_id>/sensitive-attributes/",
        apis.ProfileSensitiveAttributesApi.as_view(),
        name="profile-sensitive-attributes",
    ),
    path(
        "programmes/<uuid:programme_id>/retention/",
        apis.ProgrammeRetentionApi.as_view(),
        name="programme-retention",
    ),
    path("reference/support-qualities/", apis.SupportQualitiesApi.as_view(), name="support-qualities"),
]
