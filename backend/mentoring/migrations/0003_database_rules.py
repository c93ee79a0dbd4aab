"""Invariants 1 and 3 in the database: capacity and state-graph triggers (see mentoring.database_rules)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from mentoring import database_rules

    database_rules.install(schema_editor.connection)


def uninstall(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from mentoring import database_rules

    database_rules.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0002_match_paused"),
        ("profiles", "0003_profile_support_qualities"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
