"""Weeks of sessions: the leader's list soonest first with past sessions after, and the public
calendar's links a week back and on that keep the filters."""

import datetime
import re

import pytest
from django.urls import reverse

from sprakvan.activities import schedule as rules
from sprakvan.activities.models import Attendance
from sprakvan.activities.views.public import CALENDAR_REACH_WEEKS

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def _order(html: str, sessions) -> list[int]:
    """The sessions in the order their links appear on the page."""
    positions = {
        s.pk: html.index(reverse("activities:session_attendance", args=[s.pk])) for s in sessions
    }
    return sorted(positions, key=positions.__getitem__)


def _session(activity, day: datetime.date, hour: int):
    return SessionFactory(
        activity=activity,
        date=day,
        start_time=datetime.time(hour),
        end_time=datetime.time(hour + 1),
    )


def test_the_leaders_session_list_is_in_date_and_time_order(
    client_for, leader, activity, regulars, today
):
    monday = rules.week_start(today) + datetime.timedelta(weeks=1)
    made = [
        _session(activity, monday + datetime.timedelta(days=3), 18),
        _session(activity, monday, 18),
        _session(activity, monday + datetime.timedelta(days=2), 18),
        _session(activity, monday + datetime.timedelta(days=2), 10),
    ]
    # Attendance makes the totals' GROUP BY count something, as on a real list.
    Attendance.objects.create(session=made[0], participant=regulars[0])
    html = (
        client_for(leader)
        .get(reverse("activities:session_list"), {"week": monday.isoformat()})
        .content.decode()
    )
    assert _order(html, made) == [made[1].pk, made[3].pk, made[2].pk, made[0].pk]


def test_a_past_week_lists_its_sessions_as_already_held(client_for, leader, activity, today):
    monday = rules.week_start(today) - datetime.timedelta(weeks=1)
    later, earlier = (
        _session(activity, monday + datetime.timedelta(days=1), 18),
        _session(activity, monday, 18),
    )
    html = (
        client_for(leader)
        .get(reverse("activities:session_list"), {"week": monday.isoformat()})
        .content.decode()
    )
    assert 'data-testid="coming-sessions"' not in html
    past = html[html.index('data-testid="past-sessions"') :]
    assert _order(past, [later, earlier]) == [earlier.pk, later.pk]


def test_this_weeks_past_sessions_come_after_the_coming_ones(client_for, leader, activity, today):
    monday = rules.week_start(today)  # today is a frozen Wednesday: Monday is past
    past = _session(activity, monday, 18)
    coming = _session(activity, today, 18)
    html = client_for(leader).get(reverse("activities:session_list")).content.decode()
    assert _order(html, [past, coming]) == [coming.pk, past.pk]
    assert html.index('data-testid="coming-sessions"') < html.index('data-testid="past-sessions"')


def _calendar(client, programme, **params):
    return client.get(reverse("activities_public:calendar", args=[programme.slug]), params)


def _links(html: str) -> dict[str, str]:
    """The calendar's week links by their rel (prev, next)."""
    return {
        rel: href.replace("&amp;", "&")
        for href, rel in re.findall(r'href="([^"]*)" rel="(prev|next)"', html)
    }


def test_the_calendar_goes_a_week_on_and_back(client, programme, activity, today):
    this_week = rules.week_start(today)
    far = SessionFactory(activity=activity, date=this_week + datetime.timedelta(weeks=5))
    html = _calendar(client, programme).content.decode()
    assert f'id="week-{far.week}"' not in html
    next_link = _links(html)["next"]
    assert f"week={(this_week + datetime.timedelta(weeks=1)).isoformat()}" in next_link

    week_on = (this_week + datetime.timedelta(weeks=2)).isoformat()
    later = _calendar(client, programme, week=week_on).content.decode()
    assert f'id="week-{far.week}"' in later
    assert f"week={(this_week + datetime.timedelta(weeks=1)).isoformat()}" in _links(later)["prev"]


def test_the_calendars_week_links_keep_the_filters(client, programme, activity, today):
    berga = programme.districts.get(name="Berga")
    html = _calendar(client, programme, district=berga.pk, type="walk_and_talk").content.decode()
    for link in _links(html).values():
        assert f"district={berga.pk}" in link and "type=walk_and_talk" in link
    week_on = (rules.week_start(today) + datetime.timedelta(weeks=1)).isoformat()
    later = _calendar(client, programme, week=week_on, district=berga.pk).content.decode()
    # The filter form keeps the week, so choosing a district stays on the week shown.
    assert f'<input type="hidden" name="week" value="{week_on}">' in later


def test_only_this_week_is_called_this_week(client, programme, activity, today):
    this_week = rules.week_start(today)
    SessionFactory(activity=activity, date=this_week + datetime.timedelta(weeks=1))
    week_on = (this_week + datetime.timedelta(weeks=1)).isoformat()
    from django.utils.translation import gettext as _

    assert _("this week") not in _calendar(client, programme, week=week_on).content.decode()


def test_the_calendar_reaches_a_year_either_way_and_no_further(client, programme, today):
    this_week = rules.week_start(today)
    reach = datetime.timedelta(weeks=CALENDAR_REACH_WEEKS)
    far = (this_week + reach + datetime.timedelta(weeks=10)).isoformat()
    html = _calendar(client, programme, week=far).content.decode()
    assert (this_week + reach).isoformat() in html
    assert "next" not in _links(html)
    back = _calendar(client, programme, week=(this_week - reach).isoformat()).content.decode()
    assert "prev" not in _links(back)


def test_a_week_that_is_not_a_date_shows_this_week(client, programme, today):
    html = _calendar(client, programme, week="soon").content.decode()
    assert rules.week_start(today).isoformat() in html
    assert "prev" in _links(html) and "next" in _links(html)
