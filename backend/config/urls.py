"""URL map: the API under /api/v1/, allauth's headless auth under /_allauth/, docs, admin, health."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from imports.apis import ProgrammeImportApi
from reports.apis import OrganisationReportApi, ProgrammeReportApi

from accounts.apis import CsrfApi, MeApi, signup_closed
from common import observability
from common.views import ICON_NAMES, api_not_found, healthz, icon, manifest, readyz, single_page_app
from profiles.apis import ProfileDetailApi, ProfileListApi, ProfileVerifyApi
from programmes import reference_data
from programmes.apis import (
    ProgrammeAssistedSignUpApi,
    ProgrammeDetailApi,
    ProgrammeListApi,
    ProgrammeParticipantsApi,
    ProgrammeSettingsApi,
    ProgrammeSignUpApi,
    ProgrammeTextsApi,
    ReferenceJobFamiliesApi,
    ReferenceLanguagesApi,
    reference_api,
)
from programmes.organisation_apis import (
    OrganisationListApi,
    OrganisationProgrammesApi,
    ProgrammeCoordinatorDetailApi,
    ProgrammeCoordinatorsApi,
    ProgrammeDuplicateApi,
)

reference_urls: list[URLPattern] = [
    path("languages/", ReferenceLanguagesApi.as_view(), name="languages"),
    path("sectors/", reference_api("sectors", reference_data.sectors).as_view(), name="sectors"),
    path("job-families/", ReferenceJobFamiliesApi.as_view(), name="job-families"),
    path("goals/", reference_api("goals", reference_data.goals).as_view(), name="goals"),
    path("topics/", reference_api("topics", reference_data.topics).as_view(), name="topics"),
    path("worker-roles/", reference_api("worker_roles", reference_data.worker_roles).as_view(), name="worker-roles"),
    path(
        "decline-reasons/",
        reference_api("decline_reasons", reference_data.decline_reasons).as_view(),
        name="decline-reasons",
    ),
    path("end-reasons/", reference_api("end_reasons", reference_data.end_reasons).as_view(), name="end-reasons"),
]

api_v1: list[URLPattern | URLResolver] = [
    path("csrf/", CsrfApi.as_view(), name="csrf"),
    path("me/", MeApi.as_view(), name="me"),
    path("reference/", include((reference_urls, "reference"))),
    path("organisations/", OrganisationListApi.as_view(), name="organisation-list"),
    path(
        "organisations/<uuid:organisation_id>/programmes/",
        OrganisationProgrammesApi.as_view(),
        name="organisation-programmes",
    ),
    path(
        "programmes/<uuid:programme_id>/coordinators/",
        ProgrammeCoordinatorsApi.as_view(),
        name="programme-coordinators",
    ),
    path("programmes/<uuid:programme_id>/duplicate/", ProgrammeDuplicateApi.as_view(), name="programme-duplicate"),
    path("coordinators/<uuid:coordinator_id>/", ProgrammeCoordinatorDetailApi.as_view(), name="coordinator-detail"),
    path("programmes/", ProgrammeListApi.as_view(), name="programme-list"),
    path("programmes/<uuid:programme_id>/", ProgrammeDetailApi.as_view(), name="programme-detail"),
    path("programmes/<uuid:programme_id>/texts/", ProgrammeTextsApi.as_view(), name="programme-texts"),
    path("programmes/<uuid:programme_id>/settings/", ProgrammeSettingsApi.as_view(), name="programme-settings"),
    path("programmes/<uuid:programme_id>/signup/", ProgrammeSignUpApi.as_view(), name="programme-signup"),
    path(
        "programmes/<uuid:programme_id>/assisted-signups/",
        ProgrammeAssistedSignUpApi.as_view(),
        name="programme-assisted-signup",
    ),
    path("programmes/<uuid:programme_id>/imports/", ProgrammeImportApi.as_view(), name="programme-import"),
    path("programmes/<uuid:programme_id>/reports/", ProgrammeReportApi.as_view(), name="programme-report"),
    path("organisations/<uuid:organisation_id>/reports/", OrganisationReportApi.as_view(), name="organisation-report"),
    path(
        "programmes/<uuid:programme_id>/participants/",
        ProgrammeParticipantsApi.as_view(),
        name="programme-participants",
    ),
    path("profiles/", ProfileListApi.as_view(), name="profile-list"),
    path("profiles/<uuid:profile_id>/", ProfileDetailApi.as_view(), name="profile-detail"),
    path("profiles/<uuid:profile_id>/verify/", ProfileVerifyApi.as_view(), name="profile-verify"),
    path("notifications/", include("notifications.urls")),
    path("conversations/", include("messaging.urls")),
    path("", include("mentoring.urls")),
    path("", include("peers.urls")),
    path("", include("privacy.urls")),
    path("", include("safeguarding.urls")),
    path("", include("usecases.urls")),
    path("", include("invitations.urls")),
    path("", include("learning.urls")),
    path("", include("outcomes.urls")),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    *(path(name, icon, {"name": name}, name=f"icon-{name}") for name in ICON_NAMES),
    path("manifest.webmanifest", manifest, name="manifest"),
    # Prometheus' scrape, with METRICS_TOKEN as its bearer token; a 404 like any unknown address to anybody else.
    path("metrics", observability.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    # Phone numbers are contact details here, never a login: allauth's phone routes would answer 500 (the
    # adapter keeps no login phone), so they answer 404 like any unknown address.
    re_path(r"^_allauth/browser/v1/(?:account/phone|auth/phone/verify(?:/resend)?)$", api_not_found),
    re_path(r"^_allauth/[a-z]+/v1/auth/signup$", signup_closed, name="allauth-signup-closed"),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v1/", include((api_v1, "api"), namespace="v1")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    re_path(r"^api/", api_not_found),
    # Everything else is the web app's: its router decides what to show.
    re_path(r"^(?!api/|_allauth/|admin/|static/|healthz|readyz).*$", single_page_app, name="app"),
]
