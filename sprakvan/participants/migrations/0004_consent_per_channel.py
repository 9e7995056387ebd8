"""Consent per channel, step 1 of 3: the column. Steps 2 (the rows, 0005) and 3 (the old flags
go, 0006) are separate migrations, so that on PostgreSQL no table is altered in the
transaction that changed its rows (deferred foreign-key checks would refuse it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0003_outreachevent_moved_to_organisations"),
    ]

    operations = [
        migrations.AddField(
            model_name="consent",
            name="channel",
            field=models.CharField(
                blank=True,
                choices=[("email", "E-mail"), ("sms", "SMS")],
                max_length=10,
                verbose_name="channel",
            ),
        ),
    ]
