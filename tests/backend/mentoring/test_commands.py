"""The scheduled work can be run by hand on the embedded default."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from mentoring.models import MatchState
from tests.backend.mentoring.conftest import Programme1

pytestmark = pytest.mark.django_db


def test_run_scheduled_expires_overdue_offers(mentoring: Programme1, capsys: Any) -> None:
    match = mentoring.offer(mentoring.mentees[0], mentoring.mentors[0])
    match.offer_expires_at = match.offer_expires_at - timedelta(days=8)
    match.save()
    out = StringIO()
    call_command("run_scheduled", stdout=out)
    assert "1 offers expired" in out.getvalue()
    match.refresh_from_db()
    assert match.state == MatchState.EXPIRED
