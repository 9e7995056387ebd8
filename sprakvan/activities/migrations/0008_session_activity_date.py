"""An index on Session (activity, date): the door list's regulars read one activity's window."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0007_picture_steps"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="session",
            index=models.Index(fields=["activity", "date"], name="session_activity_date"),
        ),
    ]
