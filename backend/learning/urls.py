"""Routes of learning (included under /api/v1/ by config/urls.py)."""

from django.urls import URLPattern, path

from learning.apis import ProgrammeModelApi, ProgrammeModelTrainApi

urlpatterns: list[URLPattern] = [
    path("programmes/<uuid:programme_id>/model/", ProgrammeModelApi.as_view(), name="programme-model"),
    path("programmes/<uuid:programme_id>/model/train/", ProgrammeModelTrainApi.as_view(), name="programme-model-train"),
]
