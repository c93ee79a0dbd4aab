from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate

APP = "mentoring"
RULES_MIGRATION = "0003_database_rules"


def _install_database_rules(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # SQLite drops a table's triggers when a migration rebuilds it: put them back after every migrate.
    from mentoring import database_rules

    connection = connections[using]
    if (APP, RULES_MIGRATION) in MigrationRecorder(connection).applied_migrations():  # not once it is unapplied
        database_rules.install(connection)


class MentoringConfig(AppConfig):
    name = APP
    verbose_name = "Mentoring"

    def ready(self) -> None:
        post_migrate.connect(_install_database_rules, sender=self, dispatch_uid="mentoring.database_rules")
