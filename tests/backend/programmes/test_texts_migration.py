"""Migration 0005 moves a programme's name, description and own consent wording into its texts per language,
and moves the consent version on where the wording was the programme's own (so earlier records stay true)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programmes", "0004_clean_stored_names")]
AFTER = [("programmes", "0005_texts_per_language")]


@pytest.mark.django_db(transaction=True)
def test_existing_programmes_keep_their_words_in_english() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("programmes", "Programme")
    standard = old._meta.get_field("consent_text").default
    old.objects.create(kind="mentoring", name="Plain", slug="plain", description="", consent_text=standard)
    old.objects.create(
        kind="mentoring",
        name="Own words",
        slug="own-words",
        description="  Mentoring into work.  ",
        consent_text="We keep your answers for one year.",
        consent_version="3",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("programmes", "Programme")
    plain, own = new.objects.get(slug="plain"), new.objects.get(slug="own-words")
    assert (plain.texts, plain.consent_version) == ({"name": {"en": "Plain"}}, "1")
    assert own.texts == {
        "name": {"en": "Own words"},
        "description": {"en": "Mentoring into work."},
        "consent_addition": {"en": "We keep your answers for one year."},
    }
    assert own.consent_version == "4"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
