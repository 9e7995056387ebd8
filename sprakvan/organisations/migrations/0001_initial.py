"""`Organisation` moves here from `partners`, in the migration state only.

The table stays `partners_organisation` (see the model's Meta), so no row moves and the
database is not touched: on an existing database the table and its foreign keys are already
there, and on a new one `partners` 0001-0003 still create them. Depending on `partners` 0003
makes the state here start from the table with its `link_secret`. The matching state-only
steps: accounts 0003, participants 0002, activities 0002 point their foreign keys here, then
partners 0004 drops its own `Organisation` from the state.
"""

import django.db.models.deletion
from django.apps.registry import Apps
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
    if not ContentType.objects.filter(app_label=new, model="organisation").exists():
        ContentType.objects.filter(app_label=old, model="organisation").update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_worker_heartbeat"),
        ("partners", "0003_link_secrets"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
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
                                    ("municipal_service", "Municipal service"),
                                    ("municipal_company", "Municipal company"),
                                    ("private_company", "Private company"),
                                    ("library", "Library"),
                                    ("civil_society", "Civil-society organisation"),
                                    ("project", "Project"),
                                    ("other", "Other"),
                                ],
                                max_length=30,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "offers",
                            models.PositiveIntegerField(
                                default=0, verbose_name="what they do for the programme"
                            ),
                        ),
                        (
                            "contact_name",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="contact person"
                            ),
                        ),
                        (
                            "contact_email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="contact e-mail"
                            ),
                        ),
                        (
                            "contact_phone",
                            models.CharField(
                                blank=True, max_length=40, verbose_name="contact phone"
                            ),
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
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="partner_organisations",
                                to="core.programme",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "organisation",
                        "verbose_name_plural": "organisations",
                        "db_table": "partners_organisation",
                        "ordering": ["name"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("programme", "name"),
                                name="organisation_unique_per_programme",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, unrelabel_content_type),
    ]
