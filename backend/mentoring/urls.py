"""Routes of the mentoring workflow, included under /api/v1/."""

from django.urls import URLPattern, path

from mentoring import apis

urlpatterns: list[URLPattern] = [
    path("programmes/<uuid:programme_id>/runs/", apis.ProgrammeRunsApi.as_view(), name="programme-runs"),
    path("programmes/<uuid:programme_id>/matches/", apis.ProgrammeMatchesApi.as_view(), name="programme-matches"),
    path(
        "programmes/<uuid:programme_id>/matches/bulk-approve/",
        apis.ProgrammeBulkApproveApi.as_view(),
        name="programme-matches-bulk-approve",
    ),
    path(
        "programmes/<uuid:programme_id>/matches/bulk-reject/",
        apis.ProgrammeBulkRejectApi.as_view(),
        name="programme-matches-bulk-reject",
    ),
    path("programmes/<uuid:programme_id>/what-if/", apis.ProgrammeWhatIfApi.as_view(), name="programme-what-if"),
    path("programmes/<uuid:programme_id>/explain/", apis.ProgrammeExplainApi.as_view(), name="programme-explain"),
    path("programmes/<uuid:programme_id>/health/", apis.ProgrammeHealthApi.as_view(), name="programme-health"),
    path(
        "programmes/<uuid:programme_id>/health/mentor-load/",
        apis.ProgrammeMentorLoadApi.as_view(),
        name="programme-mentor-load",
    ),
    path("programmes/<uuid:programme_id>/audit/", apis.ProgrammeAuditApi.as_view(), name="programme-audit"),
    path(
        "profiles/<uuid:profile_id>/recommendations/",
        apis.ProfileRecommendationsApi.as_view(),
        name="profile-recommendations",
    ),
    path("runs/<uuid:run_id>/", apis.RunDetailApi.as_view(), name="run-detail"),
    path("matches/", apis.MatchListApi.as_view(), name="match-list"),
    path("matches/swap/", apis.MatchesSwapApi.as_view(), name="matches-swap"),
    path("matches/<uuid:match_id>/", apis.MatchDetailApi.as_view(), name="match-detail"),
    path("matches/<uuid:match_id>/approve/", apis.MatchApproveApi.as_view(), name="match-approve"),
    path("matches/<uuid:match_id>/reject/", apis.MatchRejectApi.as_view(), name="match-reject"),
    path("matches/<uuid:match_id>/accept/", apis.MatchAcceptApi.as_view(), name="match-accept"),
    path("matches/<uuid:match_id>/decline/", apis.MatchDeclineApi.as_view(), name="match-decline"),
    path("matches/<uuid:match_id>/end/", apis.MatchEndApi.as_view(), name="match-end"),
    path("matches/<uuid:match_id>/complete/", apis.MatchCompleteApi.as_view(), name="match-complete"),
    path("matches/<uuid:match_id>/rollover/", apis.MatchRolloverApi.as_view(), name="match-rollover"),
    path("matches/<uuid:match_id>/feedback/", apis.MatchFeedbackApi.as_view(), name="match-feedback"),
]
