"""Routes of outcomes (included under /api/v1/ by config/urls.py)."""

from django.urls import URLPattern, path

from outcomes.apis import (
    MyOutcomeQuestionAnswerApi,
    MyOutcomeQuestionsApi,
    OutcomeByTokenAnswerApi,
    OutcomeByTokenApi,
    ProgrammeMatchOutcomesApi,
)

urlpatterns: list[URLPattern] = [
    path("outcomes/by-token/<str:token>/", OutcomeByTokenApi.as_view(), name="outcome-by-token"),
    path("outcomes/by-token/<str:token>/answer/", OutcomeByTokenAnswerApi.as_view(), name="outcome-by-token-answer"),
    path("me/outcome-questions/", MyOutcomeQuestionsApi.as_view(), name="me-outcome-questions"),
    path(
        "me/outcome-questions/<uuid:question_id>/answer/",
        MyOutcomeQuestionAnswerApi.as_view(),
        name="me-outcome-question-answer",
    ),
    path(
        "programmes/<uuid:programme_id>/matches/<uuid:match_id>/outcomes/",
        ProgrammeMatchOutcomesApi.as_view(),
        name="programme-match-outcomes",
    ),
]
