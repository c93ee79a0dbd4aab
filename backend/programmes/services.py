"""Changes to programmes by their coordinators."""

from typing import Any

from django.db import transaction

from programmes.models import Programme


def programme_update(*, programme: Programme, data: dict[str, Any]) -> Programme:
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        for field, value in data.items():
            setattr(locked, field, value)
        locked.full_clean()
        locked.save()
    return locked
