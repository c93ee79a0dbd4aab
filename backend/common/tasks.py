"""Health task: proves a worker picks up tasks from the broker."""

from celery import shared_task


@shared_task(name="common.tasks.ping")
def ping() -> str:
    return "pong"
