"""Pairs for tests."""

import datetime

import factory

from sprakvan.core.tests.factories import ModelFactory, ProgrammeFactory
from sprakvan.matching.models import Pair
from sprakvan.participants.tests.factories import ParticipantFactory


class PairFactory(ModelFactory[Pair]):
    class Meta:
        model = Pair

    programme = factory.SubFactory(ProgrammeFactory)
    newcomer = factory.SubFactory(
        ParticipantFactory, programme=factory.SelfAttribute("..programme"), group="newcomer"
    )
    established = factory.SubFactory(
        ParticipantFactory, programme=factory.SelfAttribute("..programme"), group="established"
    )
    state = Pair.State.ACTIVE
    proposed_on = datetime.date(2019, 3, 1)
    started_on = datetime.date(2019, 3, 10)
