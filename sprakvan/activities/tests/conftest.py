"""Activities' personas: Leo leads the Skäggetorp café; Lina leads the Berga walk, which Leo
must not see. Amina and Omar are Skäggetorp regulars."""

import datetime

import pytest
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import MembershipFactory, UserFactory
from sprakvan.activities.models import Activity, Attendance, Session
from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import ActivityFactory, SessionFactory, VenueFactory


@pytest.fixture
def today(frozen_now: datetime.datetime) -> datetime.date:
    """A frozen Wednesday: the views' "today" and the test's cannot part at midnight."""
    return timezone.localdate()


@pytest.fixture
def other_leader(programme: Programme) -> User:
    user = UserFactory(email="lina@example.org", first_name="Lina")
    MembershipFactory(user=user, programme=programme, role="activity_leader")
    return user


@pytest.fixture
def activity(programme: Programme, leader: User) -> Activity:
    district = programme.districts.get(name="Skäggetorp")
    venue = VenueFactory(programme=programme, name="Skäggetorps bibliotek", district=district)
    activity = ActivityFactory(
        programme=programme, title="Språkcafé Skäggetorp", venue=venue, district=district
    )
    activity.leaders.add(leader)
    return activity


@pytest.fixture
def other_activity(programme: Programme, other_leader: User) -> Activity:
    district = programme.districts.get(name="Berga")
    activity = ActivityFactory(
        programme=programme, title="Walk and talk Berga", type="walk_and_talk", district=district
    )
    activity.leaders.add(other_leader)
    return activity


@pytest.fixture
def session(activity: Activity, today: datetime.date) -> Session:
    return SessionFactory(activity=activity, date=today)


@pytest.fixture
def regulars(programme: Programme, activity: Activity, session: Session) -> list[Participant]:
    """Amina and Omar came last week, so they are on today's list."""
    amina = ParticipantFactory(
        programme=programme, first_name="Amina", last_name="Yusuf", phone="+46701234567"
    )
    omar = ParticipantFactory(
        programme=programme, first_name="Omar", last_name="Haddad", gender="man"
    )
    earlier = SessionFactory(activity=activity, date=session.date - datetime.timedelta(days=7))
    for person in (amina, omar):
        Attendance.objects.create(session=earlier, participant=person)
    return [amina, omar]
