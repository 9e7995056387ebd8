"""Consent per channel, step 3 of 3: the two flags, now rows of their own (0005), go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0005_consent_split_channels"),
    ]

    operations = [
        migrations.RemoveField(model_name="consent", name="by_email"),
        migrations.RemoveField(model_name="consent", name="by_sms"),
    ]
