"""An activity's public page: only for what the calendar shows, with the next times, the places,
the picture sequence with its alt texts and notes, and the links to reminders and iCal."""

import datetime

import pytest
from django.urls import reverse

from sprakvan.activities import services
from sprakvan.activities.models import Activity

from .factories import ActivityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _url(programme, activity: Activity) -> str:
    return reverse("activities_public:activity", args=[programme.slug, activity.pk])


def _page(client, programme, activity: Activity) -> str:
    response = client.get(_url(programme, activity))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_picture_sequence_in_order_with_alt_texts_and_notes(
    client, programme, activity
):
    services.add_picture_step(activity, picture="meet", note="Vid stora trappan", added_by=None)
    services.add_picture_step(activity, picture="fika", added_by=None)
    html = _page(client, programme, activity)
    meet = html.index('src="/static/activities/steps/meet.svg" alt="We meet"')
    fika = html.index('src="/static/activities/steps/fika.svg" alt="We have coffee"')
    assert meet < fika
    assert "Vid stora trappan" in html
    assert html.count('data-testid="picture-step"') == 2
    assert "What will happen" in html


def test_the_page_without_a_sequence_has_no_empty_picture_list(client, programme, activity):
    html = _page(client, programme, activity)
    assert "picture-steps" not in html and "What will happen" not in html


def test_the_page_shows_the_type_the_place_and_the_next_eight_weeks(
    client, programme, activity, today
):
    activity.description = "Vi fikar och pratar."
    activity.save()
    library = VenueFactory(programme=programme, name="Stadsbiblioteket", address="Apotekaregatan 6")
    cancelled = SessionFactory(activity=activity, date=today + datetime.timedelta(days=1))
    services.cancel_session(cancelled, cancelled_by=None, note="Lokalen är stängd")
    SessionFactory(activity=activity, date=today + datetime.timedelta(days=8), venue=library)
    SessionFactory(activity=activity, date=today + datetime.timedelta(weeks=9))
    SessionFactory(activity=activity, date=today - datetime.timedelta(days=1))
    html = _page(client, programme, activity)
    assert "activities/types/language_cafe.svg" in html and "Vi fikar och pratar." in html
    assert "Skäggetorps bibliotek" in html and "Storgatan 1" in html
    assert "Stadsbiblioteket" in html and "Apotekaregatan 6" in html
    assert "is-cancelled" in html and "Lokalen är stängd" in html
    for shown in (1, 8):
        assert (today + datetime.timedelta(days=shown)).isoformat() in html
    for hidden in (today + datetime.timedelta(weeks=9), today - datetime.timedelta(days=1)):
        assert hidden.isoformat() not in html


def test_the_page_links_to_sms_reminders_and_the_activitys_ical_feed(client, programme, activity):
    html = _page(client, programme, activity)
    assert reverse("activities_public:reminder_request", args=[programme.slug, activity.pk]) in html
    assert reverse("activities_public:activity_feed", args=[programme.slug, activity.pk]) in html
    assert "data-print" in html  # the print button, shown by its script


def test_an_activity_of_another_programme_is_404_under_this_programmes_address(
    client, programme, other_programme
):
    theirs = ActivityFactory(programme=other_programme, title="Hageby café")
    assert client.get(_url(programme, theirs)).status_code == 404
    assert client.get(_url(other_programme, theirs)).status_code == 200


def test_activities_the_calendar_does_not_show_are_404(client, programme, activity, today):
    ended = ActivityFactory(programme=programme, is_active=False)
    preparing = ActivityFactory(programme=programme, preparing_since=today)
    for hidden in (ended, preparing):
        assert client.get(_url(programme, hidden)).status_code == 404
    assert client.get(_url(programme, activity)).status_code == 200


def test_the_page_is_public_and_answers_get_only(client, programme, activity):
    assert client.get(_url(programme, activity)).status_code == 200  # no login
    assert client.post(_url(programme, activity)).status_code == 405


def test_each_calendar_entry_links_its_title_to_the_activitys_page(
    client, programme, activity, other_activity, today
):
    SessionFactory(activity=activity, date=today)
    SessionFactory(activity=other_activity, date=today)
    html = client.get(reverse("activities_public:calendar", args=[programme.slug])).content.decode()
    for shown in (activity, other_activity):
        assert f'<a href="{_url(programme, shown)}"><bdi>{shown.title}</bdi></a>' in html


def test_the_calendar_says_which_activities_have_picture_support(
    client, programme, activity, other_activity, today
):
    services.add_picture_step(activity, picture="meet", added_by=None)
    SessionFactory(activity=activity, date=today)
    SessionFactory(activity=other_activity, date=today)
    html = client.get(reverse("activities_public:calendar", args=[programme.slug])).content.decode()
    assert html.count("With picture support") == 1


def test_the_page_takes_a_fixed_number_of_queries(
    client, programme, activity, today, django_assert_max_num_queries
):
    for n in range(8):
        services.add_picture_step(activity, picture="walk", added_by=None)
        SessionFactory(
            activity=activity,
            date=today + datetime.timedelta(days=n),
            venue=VenueFactory(programme=programme),
        )
    with django_assert_max_num_queries(8):
        client.get(_url(programme, activity))
