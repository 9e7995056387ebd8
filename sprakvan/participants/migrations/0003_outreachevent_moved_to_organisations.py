"""`source_event` points to `organisations.OutreachEvent` (state only).

The table is still `partners_outreachevent`, so the column and its constraint stay as they are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_outreachevent_moved_from_partners"),
        ("participants", "0002_organisation_moved_to_organisations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="participant",
                    name="source_event",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="registered_participants",
                        to="organisations.outreachevent",
                        verbose_name="outreach event",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
