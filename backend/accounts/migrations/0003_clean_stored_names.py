"""Names stored before the rule in common/names.py (direction controls, line breaks, invisible names) are
repaired as that rule stores them; a name with nothing visible left gets a plain fallback (or is emptied where
it may be blank)."""

from typing import Any

from django.db import migrations

from common.names import stored_names_repair


def repair(apps: Any, schema_editor: Any) -> None:
    stored_names_repair(apps.get_model("accounts", "User"), {"display_name": "Participant", "full_name": "", "phone": ""})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_name_validators")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop, elidable=True)]
