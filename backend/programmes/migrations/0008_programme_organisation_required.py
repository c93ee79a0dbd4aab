"""Every programme belongs to an organisation (0007 put the existing ones into one). Apart from 0007: on
PostgreSQL a table whose rows were just updated cannot be altered in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("programmes", "0007_organisations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="programme",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="programmes",
                to="programmes.organisation",
            ),
        ),
    ]
