"""The participant list's "to review" filter: everyone marked ●, whatever their status, never a
duplicate, an erased person or another programme's."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from pytest_django import DjangoAssertNumQueries

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.participants.forms import TO_REVIEW
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], Client]


def _shown(page: str) -> list[int]:
    detail = re.escape(reverse("participants:detail", args=[987654321]))
    bodies = "".join(re.findall(r"<tbody>(.*?)</tbody>", page, re.S))
    return [int(pk) for pk in re.findall(detail.replace("987654321", r"(\d+)"), bodies)]


def _world(programme: Programme, other_programme: Programme) -> list[Participant]:
    marked = [
        ParticipantFactory(programme=programme, needs_review=True, status=status, group=group)
        for status in ("waiting", "matched", "paused", "left")
        for group in ("newcomer", "established")
    ]
    original = ParticipantFactory(programme=programme, status="matched")
    ParticipantFactory(programme=programme, needs_review=True, possible_duplicate_of=original)
    ParticipantFactory(programme=programme, needs_review=True, erased_at=timezone.now())
    ParticipantFactory(programme=other_programme, needs_review=True)
    return marked


def test_the_review_filter_shows_everyone_marked_whatever_their_status(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    other_programme: Programme,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    marked = _world(programme, other_programme)
    client = client_for(coordinator)
    client.get("/")

    with django_assert_max_num_queries(10):
        response = client.get(reverse("participants:list"), {"status": TO_REVIEW})

    assert sorted(_shown(response.content.decode())) == sorted(p.pk for p in marked)
    assert response.context["page"].paginator.count == len(marked)
    assert response.context["counts"]["review"] == len(marked)


def test_the_review_filter_combines_with_the_other_filters(
    client_for: ClientFor, coordinator: User, programme: Programme, other_programme: Programme
) -> None:
    marked = _world(programme, other_programme)

    page = client_for(coordinator).get(
        reverse("participants:list"), {"status": TO_REVIEW, "group": "established"}
    )

    expected = [p.pk for p in marked if p.group == "established"]
    assert sorted(_shown(page.content.decode())) == sorted(expected)


def test_the_review_choice_is_labelled_in_the_form_and_the_note_links_to_it(
    client_for: ClientFor, coordinator: User, programme: Programme, other_programme: Programme
) -> None:
    _world(programme, other_programme)
    client = client_for(coordinator)
    client.post(reverse("set_language"), {"language": "sv"})

    page = client.get(reverse("participants:list")).content.decode()

    with override("sv"):
        label = gettext("New sign-ups to review (marked ●)")
    assert f'<option value="{TO_REVIEW}">{label}</option>' in page
    assert f'href="{reverse("participants:list")}?status={TO_REVIEW}&amp;sort=-waited"' in page


def test_the_waiting_list_ignores_the_review_choice(
    client_for: ClientFor, coordinator: User, programme: Programme, other_programme: Programme
) -> None:
    marked = _world(programme, other_programme)

    page = client_for(coordinator).get(reverse("participants:waiting"), {"status": TO_REVIEW})

    expected = [p.pk for p in marked if p.status == "waiting"]
    assert sorted(_shown(page.content.decode())) == sorted(expected)
