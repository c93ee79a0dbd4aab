"""On PostgreSQL a statement run again and again on a kept connection is prepared, so the server plans it once.

Django turns psycopg's preparing off unless the settings give a threshold (backend/config/django/base.py); without
it every request's statements were planned anew, which for a participant's own matches cost more than running them.
"""

import pytest
from django.db import connection

from accounts.models import User
from tests.backend.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def _prepared() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def test_a_statement_run_again_and_again_is_prepared_and_planned_once_for_everyone() -> None:
    people = UserFactory.create_batch(8)
    for person in people:
        # The same statement for eight different people: one text, so one prepared statement serves them all.
        assert User.objects.filter(pk=person.pk).values_list("email", flat=True).get() == person.email

    runs = {text: count for text, count in _prepared().items() if text.startswith('SELECT "accounts_user"."email" AS')}
    assert len(runs) == 1, runs
    ((text, count),) = runs.items()
    assert "$1" in text  # the parameter went apart from the statement, not into its text
    assert count >= 3  # prepared after its fifth run, then run as prepared for the rest
