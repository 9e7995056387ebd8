"""Revocable poster links: a secret per organisation and per outreach event, one per row.

Also serves the agreement document through the checked download view instead of /media/.
"""

import secrets

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import sprakvan.organisations.models
import sprakvan.partners.models


def give_each_row_its_own_secret(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # AddField computes a callable default once for all existing rows; a shared secret would
    # make one rotation revoke nothing for the others, so each row gets its own.
    for model_name in ["Organisation", "OutreachEvent"]:
        Model = apps.get_model("partners", model_name)
        for row in Model.objects.only("pk").iterator():
            Model.objects.filter(pk=row.pk).update(link_secret=secrets.token_urlsafe(16))


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_organisation_offers_outreachevent_co_organiser_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="link_secret",
            field=models.CharField(
                default=sprakvan.organisations.models.new_link_secret, editable=False, max_length=32
            ),
        ),
        migrations.AddField(
            model_name="outreachevent",
            name="link_secret",
            field=models.CharField(
                default=sprakvan.organisations.models.new_link_secret, editable=False, max_length=32
            ),
        ),
        migrations.RunPython(give_each_row_its_own_secret, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agreement",
            name="document",
            field=sprakvan.partners.models.AgreementDocumentField(
                blank=True, upload_to="agreements/%Y/", verbose_name="signed document"
            ),
        ),
    ]
