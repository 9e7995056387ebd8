"""`OutreachEvent` moves here from `partners`, in the migration state only.

As with `Organisation` (0001): the table stays `partners_outreachevent` and its staff-present
table `partners_outreachevent_staff_present` (see the model's Meta), so no row moves and the
database is not touched. Depending on `partners` 0004 makes the state here start from the table
with its `link_secret` and its co-organiser already in `organisations`. The matching state-only
steps: participants 0003 points `source_event` here, then partners 0005 points `Lead.event` here
and drops its own `OutreachEvent` from the state.
"""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import sprakvan.organisations.models


def relabel_content_type(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Keeps the admin's permissions and log entries on the same content type row.
    _relabel(apps, old="partners", new="organisations")


def unrelabel_content_type(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, old="organisations", new="partners")


def _relabel(apps: Apps, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="outreachevent").exists():
        ContentType.objects.filter(app_label=old, model="outreachevent").update(app_label=new)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_worker_heartbeat"),
        ("organisations", "0001_initial"),
        ("partners", "0004_organisation_moved_to_organisations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutreachEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("fair", "Fair"),
                                    ("district_day", "District day"),
                                    ("workplace_visit", "Workplace visit"),
                                    ("other", "Other"),
                                ],
                                default="fair",
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("date", models.DateField(verbose_name="date")),
                        (
                            "place",
                            models.CharField(blank=True, max_length=200, verbose_name="place"),
                        ),
                        ("notes", models.TextField(blank=True, verbose_name="notes")),
                        (
                            "link_secret",
                            models.CharField(
                                default=sprakvan.organisations.models.new_link_secret,
                                editable=False,
                                max_length=32,
                            ),
                        ),
                        (
                            "co_organiser",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="co_organised_events",
                                to="organisations.organisation",
                                verbose_name="co-organiser",
                            ),
                        ),
                        (
                            "district",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="core.district",
                                verbose_name="district",
                            ),
                        ),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="outreach_events",
                                to="core.programme",
                            ),
                        ),
                        (
                            "staff_present",
                            models.ManyToManyField(
                                blank=True,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="staff present",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outreach event",
                        "verbose_name_plural": "outreach events",
                        "db_table": "partners_outreachevent",
                        "ordering": ["-date", "name"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, unrelabel_content_type),
    ]
