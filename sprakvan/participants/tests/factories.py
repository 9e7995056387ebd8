"""Participants for tests."""

import datetime

import factory

from sprakvan.core.tests.factories import ModelFactory, ProgrammeFactory
from sprakvan.participants.models import Consent, Participant


class ParticipantFactory(ModelFactory[Participant]):
    class Meta:
        model = Participant

    programme = factory.SubFactory(ProgrammeFactory)
    group = "newcomer"
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Testsson"
    phone = factory.Sequence(lambda n: f"+4670{n:07d}")
    gender = "woman"
    birth_year = 1990
    registered_on = datetime.date(2019, 3, 1)
    availability = 0b111 << 3  # Tuesday morning, afternoon and evening
    status = "waiting"


class ConsentFactory(ModelFactory[Consent]):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    purpose = "registration"
    text_version = "2026-01"
    given_at = factory.LazyFunction(lambda: datetime.datetime(2019, 3, 1, 12, tzinfo=datetime.UTC))
