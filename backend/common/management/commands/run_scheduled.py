"""Run the scheduled work once: expire offers, send reminders, complete matches, ask peer groups to follow up.

Celery beat does this in production; on the embedded default (no broker) run this command, e.g. from cron.
"""

from typing import Any

from django.core.management.base import BaseCommand

from mentoring.tasks import complete_matches, expire_offers, remind_offers
from peers.tasks import send_followups


class Command(BaseCommand):
    help = "Expire unanswered offers, send reminders, complete matches and send peer-group follow-ups."

    def handle(self, *args: Any, **options: Any) -> None:
        expired, reminded, completed = expire_offers(), remind_offers(), complete_matches()
        followups = send_followups()
        self.stdout.write(
            f"{expired} offers expired, {reminded} reminders sent, {completed} matches completed, "
            f"{followups} peer-group follow-ups sent."
        )
