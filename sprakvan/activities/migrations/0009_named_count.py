"""Named attendance counted per session and group, kept by triggers (issue 17).

The reports summed every attendance row joined to its person (100,000 rows for one programme
on the load data, 1,000,000 for the platform); they now read one NamedCount row per session.
Triggers keep the counts whatever writes the rows, so no path can forget them: a tick or an
untick, the admin, a bulk insert, a participant's group changed, a participant or a session
deleted (Django deletes the attendance rows first; a count row already deleted with its
session is simply not updated). The same statements serve SQLite and PostgreSQL; only the
trigger wrappers differ."""

import django.db.models.deletion
from django.db import migrations, models

COUNT = "activities_namedcount"
COLUMNS = {"newcomer": "newcomers", "established": "established"}  # participants.Group: column
NAMES = ", ".join(COLUMNS.values())


def _is(group: str, row: str) -> str:
    return f"CASE WHEN {row}.\"group\" = '{group}' THEN 1 ELSE 0 END"


def _add(row: str) -> str:
    """Count the attendance `row` (NEW or OLD) in: the session's row, created if missing."""
    return (
        f"INSERT INTO {COUNT} (session_id, {NAMES}) "
        f"SELECT {row}.session_id, {', '.join(_is(g, 'p') for g in COLUMNS)} "
        f"FROM participants_participant p WHERE p.id = {row}.participant_id "
        "ON CONFLICT (session_id) DO UPDATE SET "
        + ", ".join(f"{c} = {COUNT}.{c} + excluded.{c}" for c in COLUMNS.values())
        + ";"
    )


def _remove(row: str) -> str:
    """Count the attendance `row` out (no count row: the session is being deleted)."""
    return (
        f"UPDATE {COUNT} SET "
        + ", ".join(
            f"{column} = {column} - (SELECT COUNT(*) FROM participants_participant p "
            f"WHERE p.id = {row}.participant_id AND p.\"group\" = '{group}')"
            for group, column in COLUMNS.items()
        )
        + f" WHERE session_id = {row}.session_id;"
    )


# A participant who changes group moves from one column to the other in every session they came to.
REGROUP = (
    f"UPDATE {COUNT} SET "
    + ", ".join(
        f"{column} = {column} + {_is(group, 'NEW')} - {_is(group, 'OLD')}"
        for group, column in COLUMNS.items()
    )
    + " WHERE session_id IN (SELECT a.session_id FROM activities_attendance a"
    " WHERE a.participant_id = NEW.id);"
)

# (name, event, table, condition, statements)
TRIGGERS = [
    ("named_count_insert", "INSERT", "activities_attendance", "", _add("NEW")),
    ("named_count_delete", "DELETE", "activities_attendance", "", _remove("OLD")),
    (
        "named_count_update",
        "UPDATE OF session_id, participant_id",
        "activities_attendance",
        "",
        _remove("OLD") + " " + _add("NEW"),
    ),
    (
        "named_count_regroup",
        'UPDATE OF "group"',
        "participants_participant",
        'OLD."group" IS DISTINCT FROM NEW."group"',
        REGROUP,
    ),
]

SUMS = ", ".join(f"SUM({_is(group, 'p')})" for group in COLUMNS)
FILL = (
    f"INSERT INTO {COUNT} (session_id, {NAMES}) "
    f"SELECT a.session_id, {SUMS} "
    "FROM activities_attendance a JOIN participants_participant p ON p.id = a.participant_id "
    "GROUP BY a.session_id;"
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, event, table, condition, statements in TRIGGERS:
        if vendor == "sqlite":
            when = f" WHEN {condition.replace('IS DISTINCT FROM', 'IS NOT')}" if condition else ""
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} "
                f"BEGIN {statements} END;"
            )
        elif vendor == "postgresql":
            result = "OLD" if event == "DELETE" else "NEW"
            schema_editor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {statements} RETURN {result}; END; $$;"
            )
            when = f" WHEN ({condition})" if condition else ""
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} "
                f"EXECUTE FUNCTION {name}();"
            )
        else:
            raise NotImplementedError(f"named attendance counts need triggers on {vendor}")
    schema_editor.execute(FILL)


def drop_triggers(apps, schema_editor):
    for name, _event, table, _condition, _statements in TRIGGERS:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}();")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0008_session_activity_date"),
        # After the participants table's last change: on SQLite, altering a table rebuilds it,
        # which drops its triggers (test_named_count checks they exist after every migration).
        ("participants", "0009_preferred_language_longer"),
    ]

    operations = [
        migrations.CreateModel(
            name="NamedCount",
            fields=[
                (
                    "session",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="named_counts",
                        serialize=False,
                        to="activities.session",
                    ),
                ),
                ("newcomers", models.IntegerField(default=0)),
                ("established", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "named attendance count",
                "verbose_name_plural": "named attendance counts",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
