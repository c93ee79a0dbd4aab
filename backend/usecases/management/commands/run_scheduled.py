"""Run the scheduled work once: expire offers, send reminders, complete matches, ask peer groups to follow up,
flag inactive people and erase them after the retention grace period, delete conversations past their retention,
ask what came of matches that ended 3 and 6 months ago, and retrain success models not trained in the last six days.

Celery beat does this in production; on the embedded default (no broker) run this command, e.g. from cron.
"""

from typing import Any

from django.core.management.base import BaseCommand

from learning.tasks import retrain_models
from mentoring.tasks import complete_matches, expire_offers, remind_offers
from messaging.tasks import delete_old_conversations, send_unread_emails
from outcomes.tasks import ask_outcome_questions
from peers.tasks import send_followups
from usecases.tasks import run_retention


class Command(BaseCommand):
    help = (
        "Expire unanswered offers, send reminders, complete matches, send peer-group follow-ups and apply "
        "the retention schedule."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        expired, reminded, completed = expire_offers(), remind_offers(), complete_matches()
        followups = send_followups()
        flagged, erased = run_retention()
        conversations = delete_old_conversations()
        unread = send_unread_emails()
        outcome_questions = ask_outcome_questions()
        retrained = retrain_models()
        self.stdout.write(
            f"{expired} offers expired, {reminded} reminders sent, {completed} matches completed, "
            f"{followups} peer-group follow-ups sent, {flagged} inactive people flagged, {erased} accounts erased, "
            f"{conversations} conversations past their retention deleted, {unread} people told of unread messages, "
            f"{outcome_questions} asked what came of their match, {retrained} success models retrained."
        )
