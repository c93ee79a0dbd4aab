"""Routes of privacy: her consents and sensitive attributes; coordinators' views. Withdrawal, her data and erasure
span every app: usecases/urls.py."""

from django.urls import URLPattern, path

from privacy import apis

urlpatterns: list[URLPattern] = [
    path("me/consents/", apis.MyConsentsApi.as_view(), name="me-consents"),
    path("me/sensitive-attributes/", apis.MySensitiveAttributesApi.as_view(), name="me-sensitive-attributes"),
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
