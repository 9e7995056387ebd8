"""A small, fully known world for the reports tests.

In Vi ses, 2019: newcomers 6 women (one is Zainab Knownname, +46701234567), 3 men, 1 of
another gender; established 5 women, 2 men, 1 undisclosed; plus an unresolved duplicate (not
counted) and one newcomer from 2018. Three pairs (one from 2018 still active, one new and
active, one new that ended, moved away). Two language-café sessions in Ryd in February 2019
(each: one named newcomer, one named established, walk-ins 3 newcomer women and 2 established
men) and a cancelled one. One referral, one outreach event with two leads. Norrköping has its
own participant and pair, never counted for Vi ses.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from sprakvan.activities.models import Activity, Attendance, Session, WalkInCount
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.models import OutreachEvent
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import Lead, Referral

D = datetime.date
KNOWN_NAME = "Zainab"
KNOWN_SURNAME = "Knownname"
KNOWN_PHONE = "+46701234567"
KNOWN_EMAIL = "zainab.knownname@example.org"


@pytest.fixture(autouse=True)
def _english(settings: Any) -> Any:
    """The tests read English labels; the document itself is always Swedish."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@dataclass
class World:
    programme: Programme
    known: Participant
    newcomers: list[Participant]
    established: list[Participant]


def _people(programme: Programme, group: str, gender: str, n: int, **extra: Any) -> list[Any]:
    return [
        ParticipantFactory(programme=programme, group=group, gender=gender, **extra)
        for _ in range(n)
    ]


@pytest.fixture
def world(programme: Programme, referring_organisation: Any, other_programme: Programme) -> World:
    ryd = programme.districts.get(name="Ryd")
    on = D(2019, 2, 1)
    known = ParticipantFactory(
        programme=programme,
        group="newcomer",
        gender="woman",
        first_name=KNOWN_NAME,
        last_name=KNOWN_SURNAME,
        phone=KNOWN_PHONE,
        email=KNOWN_EMAIL,
        notes="Vill träffa en språkvän i Ryd.",
        registered_on=on,
        district=ryd,
    )
    newcomers = [known]
    newcomers += _people(programme, "newcomer", "woman", 5, registered_on=on)
    newcomers += _people(programme, "newcomer", "man", 3, registered_on=D(2019, 3, 1))
    newcomers += _people(programme, "newcomer", "another", 1, registered_on=D(2019, 3, 1))
    established = _people(programme, "established", "woman", 5, registered_on=on)
    established += _people(programme, "established", "man", 2, registered_on=on)
    established += _people(programme, "established", "undisclosed", 1, registered_on=on)
    ParticipantFactory(
        programme=programme, group="newcomer", gender="man", possible_duplicate_of=newcomers[1]
    )
    old_newcomer = ParticipantFactory(
        programme=programme, group="newcomer", gender="man", registered_on=D(2018, 5, 1)
    )
    Pair.objects.create(
        programme=programme,
        newcomer=old_newcomer,
        established=established[0],
        state="active",
        started_on=D(2018, 6, 1),
    )
    Pair.objects.create(
        programme=programme,
        newcomer=known,
        established=established[1],
        state="active",
        started_on=D(2019, 3, 10),
    )
    Pair.objects.create(
        programme=programme,
        newcomer=newcomers[6],
        established=established[2],
        state="ended",
        started_on=D(2019, 4, 1),
        ended_on=D(2019, 8, 1),
        end_reason="moved_away",
    )
    cafe = Activity.objects.create(
        programme=programme, type="language_cafe", title="Språkcafé Ryd", district=ryd
    )
    for day in (D(2019, 2, 5), D(2019, 2, 12)):
        session = Session.objects.create(
            programme=programme,
            activity=cafe,
            date=day,
            start_time=datetime.time(18),
            end_time=datetime.time(20),
        )
        Attendance.objects.create(session=session, participant=known)
        Attendance.objects.create(session=session, participant=established[1])
        WalkInCount.objects.create(session=session, newcomer_woman=3, established_man=2)
    Session.objects.create(
        programme=programme,
        activity=cafe,
        date=D(2019, 2, 19),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        status="cancelled",
    )
    Referral.objects.create(
        programme=programme,
        organisation=referring_organisation,
        participant=newcomers[2],
        consent_given_by="person",
        consent_method="phone",
        consent_date=D(2019, 2, 1),
    )
    Referral.objects.filter(programme=programme).update(
        created_at=datetime.datetime(2019, 2, 1, 12, tzinfo=datetime.UTC)
    )
    event = OutreachEvent.objects.create(
        programme=programme, name="Bergadagen", date=D(2019, 5, 25)
    )
    Lead.objects.create(event=event, first_name="Lead", group="newcomer", participant=known)
    Lead.objects.create(event=event, first_name="Other", group="established")
    # Another programme's rows.
    stranger = ParticipantFactory(programme=other_programme, registered_on=on)
    partner = ParticipantFactory(programme=other_programme, group="established", registered_on=on)
    Pair.objects.create(
        programme=other_programme,
        newcomer=stranger,
        established=partner,
        state="active",
        started_on=D(2019, 5, 1),
    )
    return World(programme, known, newcomers, established)
