"""`OutreachEvent` now lives in `organisations`; partners keeps only the leads (state only).

The tables `partners_outreachevent` and `partners_outreachevent_staff_present` keep their names
and every row; the leads' `event_id` column stays as it is. `participants` 0003 is altered first
so that no state ever points at a model that is gone.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_outreachevent_moved_from_partners"),
        ("participants", "0003_outreachevent_moved_to_organisations"),
        ("partners", "0004_organisation_moved_to_organisations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="lead",
                    name="event",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="leads",
                        to="organisations.outreachevent",
                    ),
                ),
                migrations.DeleteModel(name="OutreachEvent"),
            ],
            database_operations=[],
        ),
    ]
