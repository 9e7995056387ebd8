"""Factories for venues, activities, schedules and sessions."""

import datetime

import factory

from sprakvan.activities.models import Activity, Schedule, Session, Venue
from sprakvan.core.tests.factories import ModelFactory, ProgrammeFactory


class VenueFactory(ModelFactory[Venue]):
    class Meta:
        model = Venue

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Venue {n}")
    address = "Storgatan 1"


class ActivityFactory(ModelFactory[Activity]):
    class Meta:
        model = Activity

    programme = factory.SubFactory(ProgrammeFactory)
    type = "language_cafe"
    title = factory.Sequence(lambda n: f"Språkcafé {n}")
    venue = factory.SubFactory(VenueFactory, programme=factory.SelfAttribute("..programme"))


class ScheduleFactory(ModelFactory[Schedule]):
    class Meta:
        model = Schedule

    activity = factory.SubFactory(ActivityFactory)
    rule = "FREQ=WEEKLY;BYDAY=MO,TH"
    start_time = datetime.time(18)
    end_time = datetime.time(20)
    starts_on = datetime.date(2026, 1, 1)


class SessionFactory(ModelFactory[Session]):
    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory)
    programme = factory.SelfAttribute("activity.programme")
    date = datetime.date(2026, 3, 9)
    start_time = datetime.time(18)
    end_time = datetime.time(20)
