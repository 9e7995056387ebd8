"""Programmes are archived, not deleted; the audit log is insert-only (a trigger on PostgreSQL).

The trigger refuses UPDATE and DELETE on core_auditevent unless the transaction has set
`SET LOCAL sprakvan.audit_maintenance = 'on'`. Only migrations set it, for example a later one
that must redact a column: run `SET LOCAL ...` first in the same RunSQL/RunPython.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE_TRIGGER = """
CREATE OR REPLACE FUNCTION core_auditevent_insert_only() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('sprakvan.audit_maintenance', true), '') = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'core_auditevent is insert-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Only a migration may change it, after SET LOCAL sprakvan.audit_maintenance = ''on''.';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS core_auditevent_insert_only ON core_auditevent;
CREATE TRIGGER core_auditevent_insert_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_insert_only();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS core_auditevent_insert_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_insert_only();
"""


def create_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # SQLite has no session settings to hold the flag; the model and queryset guard it there.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_TRIGGER, params=None)


def drop_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='programme',
            name='archived_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='archived'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='programme',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_events', to='core.programme'),
        ),
        migrations.RunPython(create_trigger, drop_trigger, elidable=False),
    ]
