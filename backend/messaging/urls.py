"""Routes of conversations, included under /api/v1/conversations/."""

from django.urls import URLPattern, path

from messaging import apis

urlpatterns: list[URLPattern] = [
    path("", apis.ConversationListApi.as_view(), name="conversations"),
    path("unread-count/", apis.ConversationUnreadCountApi.as_view(), name="conversations-unread-count"),
    path("settings/", apis.MessagingSettingsApi.as_view(), name="conversations-settings"),
    path("matches/<uuid:match_id>/messages/", apis.MatchMessagesApi.as_view(), name="conversation-match-messages"),
    path("matches/<uuid:match_id>/read/", apis.MatchConversationReadApi.as_view(), name="conversation-match-read"),
    path("matches/<uuid:match_id>/meeting/", apis.MatchMeetingApi.as_view(), name="conversation-match-meeting"),
    path(
        "matches/<uuid:match_id>/meeting/pick/",
        apis.MatchMeetingPickApi.as_view(),
        name="conversation-match-meeting-pick",
    ),
    path(
        "matches/<uuid:match_id>/meeting/cancel/",
        apis.MatchMeetingCancelApi.as_view(),
        name="conversation-match-meeting-cancel",
    ),
    path("groups/<uuid:group_id>/messages/", apis.GroupMessagesApi.as_view(), name="conversation-group-messages"),
    path("groups/<uuid:group_id>/read/", apis.GroupConversationReadApi.as_view(), name="conversation-group-read"),
]
