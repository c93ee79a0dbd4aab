"""Celery: eager in-process tasks by default; a real broker (Redis) when CELERY_BROKER_URL is set."""

from config.env import env

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# A failed task marks its own record failed; in eager mode the request that queued it must not turn into a 500.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Late acknowledgement (a task whose worker died is delivered again) only where a task says so: each such task is
# idempotent (see its docstring). A new task is acknowledged on receipt until it is made safe to repeat.
CELERY_TASK_ACKS_LATE = False
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # for those tasks: a killed worker's task is redelivered, not dropped
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Berlin"
# django-celery-beat does not support Django 6.1: the schedule is fixed here.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "health-ping": {"task": "common.tasks.ping", "schedule": 600.0},
    "expire-offers": {"task": "mentoring.expire_offers", "schedule": 900.0},
    "remind-offers": {"task": "mentoring.remind_offers", "schedule": 3600.0},
    "complete-matches": {"task": "mentoring.complete_matches", "schedule": 3600.0},
    "peer-followups": {"task": "peers.send_followups", "schedule": 3600.0},
    "privacy-retention": {"task": "privacy.retention", "schedule": 86400.0},
    "message-retention": {"task": "messaging.retention", "schedule": 86400.0},
    "unread-message-emails": {"task": "messaging.unread_emails", "schedule": 900.0},
    "outcome-questions": {"task": "outcomes.ask_questions", "schedule": 86400.0},
    "retrain-success-models": {"task": "learning.retrain_models", "schedule": 7 * 86400.0},
}
# With Redis, a task whose worker died unacknowledged is delivered again after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
