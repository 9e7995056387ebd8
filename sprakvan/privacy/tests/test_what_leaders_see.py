"""What activity leaders see of a participant: the leader's label reads only the fields the
inventory lets leaders see, and the privacy notice says which, in the reader's language."""

from __future__ import annotations

import datetime
import html
from itertools import count

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sprakvan.activities.labels import leader_label, leader_labels
from sprakvan.core.models import District, Programme
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.privacy import inventory
from sprakvan.privacy.notices import SEEN_BY, TOPICS, standard_topics

pytestmark = pytest.mark.django_db
PARTICIPANT = "participants.Participant"
LANGUAGES = ["sv", "en", "ar"]


def _text_fields(instance: models.Model, fields: list[str], markers: count) -> list[str]:
    """Set every text field named to its own marker; the markers set."""
    set_to = []
    for name in fields:
        marker = f"MARKER{next(markers)}X"
        setattr(instance, name, marker)
        set_to.append(marker)
    return set_to


def hide_markers(person: Participant) -> tuple[list[str], list[str]]:
    """Give every personal field the inventory keeps from leaders a unique marker the label
    would show if it read that field: text as itself, numbers and dates by their digits, a
    related row through its own text. The markers and the fields no marker fits (yes/no)."""
    markers, hidden, skipped = count(1), [], []
    for name in sorted(
        item.field
        for item in inventory.INVENTORY
        if item.model == PARTICIPANT and item.field not in inventory.seen_by_leaders(PARTICIPANT)
    ):
        field = Participant._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            related = field.related_model()
            texts = [
                f.name
                for f in related._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
            ]
            hidden += _text_fields(related, texts, markers)
            setattr(person, name, related)
        elif isinstance(field, models.CharField | models.TextField):
            hidden += _text_fields(person, [name], markers)
        elif isinstance(field, models.IntegerField):
            number = 7_770_000 + next(markers)
            setattr(person, name, number)
            hidden.append(str(number))
        elif isinstance(field, models.DateField):
            day = datetime.date(1111, 11, 1 + next(markers) % 28)
            setattr(person, name, day)
            hidden += [day.isoformat(), "1111"]
        else:
            skipped.append(name)
    return hidden, skipped


@pytest.fixture
def skaggetorp(programme: Programme) -> District:
    return programme.districts.get(name="Skäggetorp")


def test_the_inventory_lets_leaders_see_the_labels_fields() -> None:
    assert {"first_name", "last_name", "birth_year", "district"} <= inventory.seen_by_leaders(
        PARTICIPANT
    )
    assert "phone" not in inventory.seen_by_leaders(PARTICIPANT)


def test_the_leaders_label_reads_only_what_the_inventory_lets_leaders_see(
    programme: Programme, skaggetorp: District
) -> None:
    person = ParticipantFactory(
        programme=programme,
        first_name="Amina",
        last_name="Hussein",
        birth_year=1991,
        district=skaggetorp,
    )
    hidden, skipped = hide_markers(person)

    label = leader_label(person)

    assert "Amina" in label and "H" in label and "1991" in label
    assert "Hussein" not in label
    assert hidden and not [marker for marker in hidden if marker in label], label
    # Only yes/no fields cannot carry a marker.
    assert all(
        isinstance(Participant._meta.get_field(name), models.BooleanField) for name in skipped
    )


def test_people_who_look_alike_are_told_apart_without_hidden_fields(
    programme: Programme, skaggetorp: District
) -> None:
    alike = [
        ParticipantFactory(
            programme=programme,
            first_name="Omar",
            last_name=last,
            birth_year=1988,
            district=skaggetorp,
        )
        for last in ("Ali", "Alsaadi", "Ali")
    ]
    hidden = [marker for person in alike for marker in hide_markers(person)[0]]

    labels = leader_labels(alike)

    assert len(set(labels.values())) == len(alike)
    for label in labels.values():
        assert not [marker for marker in hidden if marker in label], label


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_says_what_leaders_see_where_it_speaks_of_those_fields(language: str) -> None:
    seen = inventory.seen_by_leaders(PARTICIPANT) - {"group"}
    with translation.override(language):
        topics = standard_topics()
        sentence = str(SEEN_BY[inventory.COORDINATOR_LEADER_LABEL])

    speaking = [
        text
        for topic, text in zip(TOPICS, topics, strict=True)
        if {name for model, name in topic.fields if model == PARTICIPANT} & seen
    ]
    assert len(speaking) == 2  # your name; about you
    for text in speaking:
        assert sentence in text.seen_by
    assert sum(sentence in text.seen_by for text in topics) == len(speaking)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_page_tells_the_reader_what_leaders_see(
    programme: Programme, language: str
) -> None:
    url = reverse("privacy_public:notice", kwargs={"programme_slug": programme.slug})

    response = Client().get(url, headers={"accept-language": language})

    with translation.override(language):
        sentence = str(SEEN_BY[inventory.COORDINATOR_LEADER_LABEL])
    assert response.status_code == 200
    assert sentence in html.unescape(response.content.decode())
