"""The host and venue-provider foreign keys point to `organisations.Organisation` (state only).

The table is still `partners_organisation`, so the columns and their constraints stay as they are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="activity",
                    name="host_organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="hosted_activities",
                        to="organisations.organisation",
                        verbose_name="host organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="venue",
                    name="provider",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="venues",
                        to="organisations.organisation",
                        verbose_name="provided by",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
