"""The public calendar: weeks by ISO number, filters without JavaScript, few queries."""

import datetime

import pytest
from django.urls import reverse

from sprakvan.activities import services

from .factories import ActivityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _calendar(client, programme, **params):
    return client.get(reverse("activities_public:calendar", args=[programme.slug]), params)


def test_the_calendar_shows_this_week_and_the_next_by_iso_week(client, programme, activity, today):
    SessionFactory(activity=activity, date=today)
    SessionFactory(activity=activity, date=today + datetime.timedelta(weeks=2))
    SessionFactory(activity=activity, date=today + datetime.timedelta(weeks=6))
    html = _calendar(client, programme).content.decode()
    for offset in (0, 2):
        week = (today + datetime.timedelta(weeks=offset)).isocalendar()[1]
        assert f'id="week-{week}"' in html
    assert f'id="week-{(today + datetime.timedelta(weeks=6)).isocalendar()[1]}"' not in html
    assert "activities/types/language_cafe.svg" in html


def test_the_calendar_filters_by_district_and_type(
    client, programme, activity, other_activity, today
):
    SessionFactory(activity=activity, date=today)
    SessionFactory(activity=other_activity, date=today)
    berga = programme.districts.get(name="Berga")
    by_district = _calendar(client, programme, district=berga.pk).content.decode()
    by_type = _calendar(client, programme, type="language_cafe").content.decode()
    assert "Walk and talk Berga" in by_district and "Språkcafé Skäggetorp" not in by_district
    assert "Språkcafé Skäggetorp" in by_type and "Walk and talk Berga" not in by_type


def test_a_cancelled_session_is_shown_as_cancelled(client, programme, activity, today):
    session = SessionFactory(activity=activity, date=today)
    services.cancel_session(session, cancelled_by=None, note="Lokalen är stängd")
    html = _calendar(client, programme).content.decode()
    assert "is-cancelled" in html and "Lokalen är stängd" in html


def test_another_programmes_sessions_are_not_in_the_calendar(
    client, programme, other_programme, today
):
    SessionFactory(
        activity=ActivityFactory(programme=other_programme, title="Hageby café"), date=today
    )
    assert "Hageby café" not in _calendar(client, programme).content.decode()


def test_an_unknown_programme_has_no_calendar(client, db):
    assert client.get(reverse("activities_public:calendar", args=["nowhere"])).status_code == 404


def test_the_calendar_needs_few_queries_however_many_sessions(
    client, programme, activity, other_activity, today, django_assert_max_num_queries
):
    for day in range(20):
        SessionFactory(activity=activity, date=today + datetime.timedelta(days=day))
        SessionFactory(activity=other_activity, date=today + datetime.timedelta(days=day))
    with django_assert_max_num_queries(6):
        assert _calendar(client, programme).status_code == 200


def test_the_session_list_needs_few_queries(
    client_for, coordinator, activity, today, django_assert_max_num_queries
):
    for day in range(7):
        SessionFactory(activity=activity, date=today + datetime.timedelta(days=day))
    client = client_for(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("activities:session_list")).status_code == 200


def test_the_activity_list_needs_few_queries(
    client_for, coordinator, activity, other_activity, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("activities:activity_list"))
    assert "Walk and talk Berga" in response.content.decode()
