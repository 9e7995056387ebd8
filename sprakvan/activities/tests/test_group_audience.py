"""The group message may choose the people who came to an activity in the last 3 months: a
filter activities adds to messaging's hook list. Amina and Omar came to the Skäggetorp café
last week; Ali came five months ago; Sara never came."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from sprakvan.activities.models import Attendance
from sprakvan.messaging import hooks
from sprakvan.messaging.models import GroupMessage, Kind, Message
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_the_filter_is_registered_once_however_often_the_app_starts() -> None:
    apps.get_app_config("activities").ready()

    assert [f.name for f in hooks.audience_filters].count("activity") == 1


def test_the_coordinator_chooses_the_people_who_came_to_an_activity(
    client_for, coordinator, programme, activity, other_activity, regulars, session
) -> None:
    ali = ParticipantFactory(programme=programme, first_name="Ali")
    long_ago = SessionFactory(activity=activity, date=session.date - datetime.timedelta(days=150))
    Attendance.objects.create(session=long_ago, participant=ali)
    ParticipantFactory(programme=programme, first_name="Sara")
    alice = client_for(coordinator)
    url = reverse("messaging:group_new")

    page = alice.get(url)
    assert (str(activity.pk), activity.title) in page.context["form"].fields["activity"].choices
    data = {"activity": str(activity.pk), "text_sv": "Hej!", "text_en": "Hi!", "text_ar": "مرحبا"}
    response = alice.post(url, {**data, "action": "preview"})

    summary = response.context["summary"]
    assert {p.first_name for p in summary.people} == {"Amina", "Omar"}
    alice.post(url, {**data, "token": response.context["token"], "action": "confirm"})
    group = GroupMessage.objects.get()
    assert (group.filters, group.count) == ({"activity": str(activity.pk)}, 2)
    # Both have a phone: each gets one row (not sent without consent, but visible).
    sent = Message.objects.filter(kind=Kind.GROUP)
    assert sorted(sent.values_list("participant", flat=True)) == sorted(p.pk for p in regulars)


def test_an_activity_of_another_programme_is_not_a_choice(client_for, outsider, activity) -> None:
    response = client_for(outsider).get(reverse("messaging:group_new"))

    assert str(activity.pk) not in dict(response.context["form"].fields["activity"].choices)
