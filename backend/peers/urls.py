"""Routes of peer networks, included under /api/v1/."""

from django.urls import URLPattern, path

from peers import apis

urlpatterns: list[URLPattern] = [
    path("programmes/<uuid:programme_id>/rounds/", apis.ProgrammeRoundsApi.as_view(), name="programme-rounds"),
    path("programmes/<uuid:programme_id>/network/", apis.ProgrammeNetworkApi.as_view(), name="programme-network"),
    path("rounds/<uuid:round_id>/", apis.RoundDetailApi.as_view(), name="round-detail"),
    path("rounds/<uuid:round_id>/opt-in/", apis.RoundOptInApi.as_view(), name="round-opt-in"),
    path("rounds/<uuid:round_id>/opt-out/", apis.RoundOptOutApi.as_view(), name="round-opt-out"),
    path("rounds/<uuid:round_id>/opt-ins/", apis.RoundOptInsApi.as_view(), name="round-opt-ins"),
    path("rounds/<uuid:round_id>/form/", apis.RoundFormApi.as_view(), name="round-form"),
    path("rounds/<uuid:round_id>/groups/", apis.RoundGroupsApi.as_view(), name="round-groups"),
    path("rounds/<uuid:round_id>/moves/", apis.RoundMovesApi.as_view(), name="round-moves"),
    path("rounds/<uuid:round_id>/publish/", apis.RoundPublishApi.as_view(), name="round-publish"),
    path("rounds/<uuid:round_id>/participation/", apis.RoundParticipationApi.as_view(), name="round-participation"),
    path("groups/", apis.GroupListApi.as_view(), name="group-list"),
    path("groups/<uuid:group_id>/", apis.GroupDetailApi.as_view(), name="group-detail"),
    path("groups/<uuid:group_id>/followup/", apis.GroupFollowUpApi.as_view(), name="group-followup"),
]
