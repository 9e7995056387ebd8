"""The move of `OutreachEvent` from `partners` keeps every event and every reference to it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sprakvan.organisations.models import Organisation, OutreachEvent


@pytest.mark.django_db(transaction=True)
def test_the_move_of_outreach_events_from_partners_keeps_every_event_and_every_reference() -> None:
    executor = MigrationExecutor(connection)
    # Back to the state of a database made before the move: unapplies organisations 0002 and
    # the state-only steps that depend on it (participants 0003, partners 0005).
    executor.migrate([("organisations", "0001_initial")])
    old = executor.loader.project_state(
        [("partners", "0004_organisation_moved_to_organisations")]
    ).apps
    programme = old.get_model("core", "Programme").objects.create(name="Vi ses", slug="vi-ses")
    district = old.get_model("core", "District").objects.create(programme=programme, name="Berga")
    red_cross = old.get_model("organisations", "Organisation").objects.create(
        programme=programme, name="Röda Korset", kind="civil_society"
    )
    sara = old.get_model("accounts", "User").objects.create(email="sara@example.org")
    old_event = old.get_model("partners", "OutreachEvent").objects.create(
        programme=programme,
        name="Bergadagen",
        kind="district_day",
        date="2019-08-24",
        place="Berga torg",
        district=district,
        co_organiser=red_cross,
        notes="Tält vid fontänen",
    )
    old_event.staff_present.add(sara)
    old_lead = old.get_model("partners", "Lead").objects.create(
        event=old_event, first_name="Amal", group="newcomer"
    )
    old_participant = old.get_model("participants", "Participant").objects.create(
        programme=programme,
        group="newcomer",
        first_name="Amal",
        gender="woman",
        registered_on="2019-08-30",
        source="fair",
        source_event=old_event,
    )
    old_content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="partners", model="outreachevent"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    event = OutreachEvent.objects.get()
    assert OutreachEvent._meta.db_table == "partners_outreachevent"
    assert (event.pk, event.name, event.kind, event.date.isoformat(), event.place) == (
        old_event.pk,
        "Bergadagen",
        "district_day",
        "2019-08-24",
        "Berga torg",
    )
    assert (event.district_id, event.co_organiser_id, event.notes) == (
        district.pk,
        red_cross.pk,
        "Tält vid fontänen",
    )
    assert event.link_secret == old_event.link_secret
    assert list(event.staff_present.values_list("pk", flat=True)) == [sara.pk]
    # Through the reverse relations, so this test needs no import from the apps above.
    assert list(event.leads.values_list("pk", flat=True)) == [old_lead.pk]
    assert list(event.registered_participants.values_list("pk", flat=True)) == [old_participant.pk]
    assert list(Organisation.objects.get().co_organised_events.all()) == [event]
    # Same content-type row, so the admin's permissions and log entries stay attached.
    new_content_type = ContentType.objects.get(app_label="organisations", model="outreachevent")
    assert new_content_type.pk == old_content_type.pk
    assert not ContentType.objects.filter(app_label="partners", model="outreachevent").exists()
