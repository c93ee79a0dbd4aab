"""Organisations own programmes. Every programme that exists moves into one organisation (named after the site;
rename it in the admin), so nothing is left without one and the column can be required."""

import uuid

import django.db.models.deletion
import django_countries.fields
from django.conf import settings
from django.db import migrations, models

import common.names

FIRST_ORGANISATION = {"name": "Bridges", "slug": "bridges"}


def programmes_into_one_organisation(apps, schema_editor):
    Organisation = apps.get_model("programmes", "Organisation")
    Programme = apps.get_model("programmes", "Programme")
    if not Programme.objects.exists():
        return
    organisation = Organisation.objects.create(**FIRST_ORGANISATION)
    Programme.objects.update(organisation=organisation)


class Migration(migrations.Migration):

    dependencies = [
        ("programmes", "0006_message_retention"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Organisation",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=200, validators=[common.names.validate_name])),
                ("slug", models.SlugField(max_length=80, unique=True)),
                ("country", django_countries.fields.CountryField(blank=True, max_length=2)),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="OrganisationAdmin",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="admins",
                        to="programmes.organisation",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organisation_roles",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["created_at"],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "organisation"), name="organisation_admin_unique")
                ],
            },
        ),
        migrations.AddField(
            model_name="programme",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="programmes",
                to="programmes.organisation",
            ),
        ),
        migrations.RunPython(programmes_into_one_organisation, migrations.RunPython.noop),
    ]
