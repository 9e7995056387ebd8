"""Matching fixtures: Nadia (newcomer) and Erik (established) fit well; both in Skäggetorp."""

import datetime
from typing import Any

import pytest

from sprakvan.core.models import District, Programme
from sprakvan.matching.models import Pair
from sprakvan.matching.services import accept_proposal, record_call
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

TODAY = datetime.date(2019, 6, 1)


@pytest.fixture
def today() -> datetime.date:
    return TODAY


def make_person(programme: Programme, group: str, **values: Any) -> Participant:
    values.setdefault("district", programme.districts.first())
    values.setdefault("registered_on", datetime.date(2019, 3, 1))
    return ParticipantFactory(programme=programme, group=group, **values)


@pytest.fixture
def newcomer(programme: Programme, district: District) -> Participant:
    return make_person(
        programme, "newcomer", first_name="Nadia", district=district, external_id="N1"
    )


@pytest.fixture
def volunteer(programme: Programme, district: District) -> Participant:
    return make_person(
        programme,
        "established",
        first_name="Erik",
        gender="man",
        district=district,
        external_id="E1",
    )


@pytest.fixture
def proposed_pair(
    programme: Programme, newcomer: Participant, volunteer: Participant, coordinator: Any
) -> Pair:
    return accept_proposal(
        programme, newcomer=newcomer, established=volunteer, accepted_by=coordinator, today=TODAY
    )


@pytest.fixture
def active_pair(proposed_pair: Pair, coordinator: Any) -> Pair:
    for side in ("newcomer", "established"):
        record_call(
            proposed_pair, side=side, outcome="agrees", called_on=TODAY, recorded_by=coordinator
        )
    proposed_pair.refresh_from_db()
    return proposed_pair


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    """The assertions read the English msgids."""
    settings.LANGUAGE_CODE = "en"
