"""Consent per channel, step 2 of 3: each message consent row gets one channel instead of two flags.

Until now the intake forms recorded "may send me e-mail / SMS" as flags on the consent row
(mostly the registration row). Every row keeps its purpose and dates; each flag becomes a
message consent row of its own for that channel, with the same text version, giver, given and
withdrawn dates. A message row with no flag stays as one row without a channel; a registration
row keeps no channel. Backwards, the channel rows are folded into flags again.
"""

from typing import Any

from django.db import migrations, models

REGISTRATION = "registration"
MESSAGES = "messages"
FLAGS = (("by_email", "email"), ("by_sms", "sms"))
COPIED = ("participant_id", "text_version", "given_at", "recorded_by_id", "withdrawn_at")


def split_channels(apps: Any, schema_editor: Any) -> None:
    Consent = apps.get_model("participants", "Consent")
    new = []
    for row in Consent.objects.filter(models.Q(by_email=True) | models.Q(by_sms=True)).iterator():
        channels = [channel for flag, channel in FLAGS if getattr(row, flag)]
        if row.purpose == MESSAGES:
            # The row itself becomes the first channel's; the others are copies of it.
            row.channel = channels.pop(0)
            row.save(update_fields=["channel"])
        copied = {field: getattr(row, field) for field in COPIED}
        new += [Consent(purpose=MESSAGES, channel=channel, **copied) for channel in channels]
    Consent.objects.bulk_create(new, batch_size=500)


def fold_channels(apps: Any, schema_editor: Any) -> None:
    Consent = apps.get_model("participants", "Consent")
    rows = Consent.objects.filter(purpose=MESSAGES).exclude(channel="").order_by("id")
    # Rows given together (same person, text, giver and dates) fold into one row again: the
    # registration row they came from if there is one, else the first message row.
    folded: dict[tuple[Any, ...], Any] = {}
    for row in rows.iterator():
        key = tuple(getattr(row, field) for field in COPIED)
        target = folded.get(key)
        if target is None:
            target = (
                Consent.objects.filter(purpose=REGISTRATION, **dict(zip(COPIED, key, strict=True)))
                .order_by("id")
                .first()
            ) or row
            folded[key] = target
        setattr(target, "by_email" if row.channel == "email" else "by_sms", True)
        target.save(update_fields=["by_email", "by_sms"])
        if target.pk != row.pk:
            row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0004_consent_per_channel"),
    ]

    operations = [
        migrations.RunPython(split_channels, fold_channels),
    ]
