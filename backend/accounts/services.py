"""Changes to a person's own account."""

from typing import Any

from django.db import transaction

from accounts.models import User


def user_update(*, user: User, data: dict[str, Any]) -> User:
    with transaction.atomic():
        for field, value in data.items():
            setattr(user, field, value)
        user.full_clean(exclude=["password"])
        user.save()
    return user
