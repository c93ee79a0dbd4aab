"""A programme's own texts per language (programmes/texts.py): the name, description and the programme's own
consent wording move into ``texts``. A custom consent wording (one that differs from the standard text) becomes
the English addition to the standard consent, and the consent version moves on, so the ledger's records stay true
to what each person agreed to."""

from typing import Any

from django.db import migrations, models

STANDARD = (
    "I agree that Bridges and the organisation running this programme store the information I give "
    "and use it to find a suitable match for me and to contact me about the programme. I can see, "
    "correct, download or delete my data at any time."
)


def _next_version(version: str) -> str:
    return str(int(version) + 1) if version.isdigit() else f"{version}.1"


def forwards(apps: Any, schema_editor: Any) -> None:
    Programme = apps.get_model("programmes", "Programme")
    for programme in Programme.objects.all():
        texts: dict[str, dict[str, str]] = {"name": {"en": programme.name}}
        if programme.description.strip():
            texts["description"] = {"en": programme.description.strip()}
        custom = programme.consent_text.strip()
        if custom and custom != STANDARD:
            texts["consent_addition"] = {"en": custom}
            programme.consent_version = _next_version(programme.consent_version)
        programme.texts = texts
        programme.save(update_fields=["texts", "consent_version"])


def backwards(apps: Any, schema_editor: Any) -> None:
    Programme = apps.get_model("programmes", "Programme")
    for programme in Programme.objects.all():
        texts = programme.texts or {}
        programme.description = (texts.get("description") or {}).get("en", "")
        addition = (texts.get("consent_addition") or {}).get("en")
        programme.consent_text = f"{STANDARD}\n\n{addition}" if addition else STANDARD
        programme.save(update_fields=["description", "consent_text"])


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_clean_stored_names")]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="texts",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The programme's own texts per language: {field: {language: text}} for name, "
                "description, welcome and consent_addition (see programmes/texts.py).",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="programme", name="description"),
        migrations.RemoveField(model_name="programme", name="consent_text"),
    ]
