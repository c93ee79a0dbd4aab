"""Routes of invitations (included under /api/v1/ by config/urls.py)."""

from django.urls import URLPattern, path

from invitations.apis import (
    InvitationAcceptApi,
    InvitationPreviewApi,
    InvitationResendApi,
    InvitationRevokeApi,
    ProgrammeInvitationsApi,
)

urlpatterns: list[URLPattern] = [
    path(
        "programmes/<uuid:programme_id>/invitations/", ProgrammeInvitationsApi.as_view(), name="programme-invitations"
    ),
    path("invitations/<uuid:invitation_id>/resend/", InvitationResendApi.as_view(), name="invitation-resend"),
    path("invitations/<uuid:invitation_id>/revoke/", InvitationRevokeApi.as_view(), name="invitation-revoke"),
    path("invitations/by-token/<str:token>/", InvitationPreviewApi.as_view(), name="invitation-preview"),
    path("invitations/by-token/<str:token>/accept/", InvitationAcceptApi.as_view(), name="invitation-accept"),
]
