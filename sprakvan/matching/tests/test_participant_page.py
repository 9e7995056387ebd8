"""A person's page lists their pairs (the participants page reads matching's pairs)."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(
        programme=programme,
        first_name="Amina",
        last_name="Hussein",
        phone="+46701234567",
        district=programme.districts.get(name="Skäggetorp"),
        registered_on=datetime.date(2019, 2, 3),
    )


@pytest.fixture
def coordinator_client(coordinator: User, client_for: Any) -> Client:
    return client_for(coordinator)


def test_the_detail_page_lists_the_person_s_pairs(
    coordinator_client: Client, amina: Participant, programme: Programme
) -> None:
    karin = ParticipantFactory(
        programme=programme, first_name="Karin", last_name="Lund", group="established"
    )
    pair = Pair.objects.create(
        programme=programme,
        newcomer=amina,
        established=karin,
        state="active",
        started_on=datetime.date(2019, 3, 1),
    )

    html = coordinator_client.get(reverse("participants:detail", args=[amina.pk])).content.decode()

    assert reverse("matching:pair_detail", args=[pair.pk]) in html
    assert "Karin Lund" in html
