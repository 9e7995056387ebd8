"""Pointing a waiting participant to the nearest weekly activities."""

import datetime

import pytest
from django.urls import reverse

from sprakvan.activities import services
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import ActivityFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafes(programme, today):
    """Cafés in Ryd, Berga (Ryd's neighbour) and Innerstaden; each weekly."""
    districts = {d.name: d for d in programme.districts.all()}
    districts["Ryd"].neighbours.add(districts["Berga"])
    made = {}
    for name in ["Innerstaden", "Berga", "Ryd"]:
        activity = ActivityFactory(
            programme=programme, title=f"Café {name}", district=districts[name]
        )
        schedule = ScheduleFactory(activity=activity, starts_on=today)
        services.expand_schedule(schedule, start=today, end=today + datetime.timedelta(weeks=2))
        made[name] = activity
    return made


def test_the_same_district_comes_first_then_neighbours_then_the_rest(programme, cafes):
    person = ParticipantFactory(programme=programme, district=programme.districts.get(name="Ryd"))
    nearby = services.nearest_activities(person, limit=3)
    assert [n.activity.title for n in nearby] == ["Café Ryd", "Café Berga", "Café Innerstaden"]
    assert [n.distance for n in nearby] == [0, 1, 2]
    assert all(n.next_session is not None for n in nearby)


def test_limit_and_one_off_activities_are_left_out(programme, cafes):
    ActivityFactory(
        programme=programme, title="One-off in Ryd", district=programme.districts.get(name="Ryd")
    )
    person = ParticipantFactory(programme=programme, district=programme.districts.get(name="Ryd"))
    assert [n.activity.title for n in services.nearest_activities(person, limit=1)] == ["Café Ryd"]


def test_the_coordinator_sees_the_partial_and_others_do_not(
    client_for, coordinator, leader, outsider, programme, cafes
):
    person = ParticipantFactory(programme=programme, district=programme.districts.get(name="Berga"))
    url = reverse("activities:participant_activities", args=[person.pk])
    partial = client_for(coordinator).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.strip().startswith("<ul") and "Café Berga" in partial
    assert client_for(leader).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
