"""`source_organisation` points to `organisations.Organisation` (state only).

The table is still `partners_organisation`, so the column and its constraint stay as they are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("participants", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="participant",
                    name="source_organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="sourced_participants",
                        to="organisations.organisation",
                        verbose_name="referred by",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
