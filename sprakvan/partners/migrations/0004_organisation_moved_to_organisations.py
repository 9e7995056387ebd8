"""`Organisation` now lives in `organisations`; partners keeps only the references (state only).

The table keeps its name `partners_organisation` and every row; the agreement parties'
through table and all foreign-key columns stay as they are. The referencing apps are altered
first so that no state ever points at a model that is gone.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organisation_moved_to_organisations"),
        ("activities", "0002_organisation_moved_to_organisations"),
        ("organisations", "0001_initial"),
        ("participants", "0002_organisation_moved_to_organisations"),
        ("partners", "0003_link_secrets"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contribution",
                    name="party",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="organisations.organisation",
                        verbose_name="party",
                    ),
                ),
                migrations.AlterField(
                    model_name="referral",
                    name="organisation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="referrals",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="outreachevent",
                    name="co_organiser",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="co_organised_events",
                        to="organisations.organisation",
                        verbose_name="co-organiser",
                    ),
                ),
                migrations.AlterField(
                    model_name="agreement",
                    name="parties",
                    field=models.ManyToManyField(
                        related_name="agreements",
                        to="organisations.organisation",
                        verbose_name="parties",
                    ),
                ),
                migrations.DeleteModel(name="Organisation"),
            ],
            database_operations=[],
        ),
    ]
