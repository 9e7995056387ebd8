"""The home's counts of sign-ups to review and of new referrals: each links to a list filtered to
exactly the rows counted, a plain GET form that works without JavaScript, for one programme."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, override

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation
from sprakvan.organisations.tests.factories import OrganisationFactory
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import Referral
from sprakvan.partners.tests.factories import ReferralFactory

# "Today" is read by the world, the page and the test: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

CARD = re.compile(
    r'<a class="card[^"]*" href="(?P<url>[^"]+)">.*?'
    r'<span class="fs-2[^"]*">(?P<count>\d+)</span>\s*'
    r'<span><span class="d-block text-body">(?P<label>[^<]+)</span>',
    re.S,
)
REVIEW = ("new sign-up to review", "new sign-ups to review")
REFERRALS = ("new referral", "new referrals")


def _card(page: str, label: tuple[str, str]) -> tuple[int, str]:
    """The count and link of the home's card with this label, in the page's language."""
    language = re.search(r'<html lang="([^"]+)"', page)
    assert language is not None
    with override(language[1]):
        labels = {ngettext(*label, n) for n in (1, 2)}
    cards = [m for m in CARD.finditer(page) if html.unescape(m["label"]) in labels]
    assert len(cards) == 1, labels
    return int(cards[0]["count"]), html.unescape(cards[0]["url"])


def _linked_rows(page: str, route: str) -> list[int]:
    """The primary keys of the rows in the list's tables, by the link each row has."""
    pattern = re.escape(reverse(route, args=[987654321])).replace("987654321", r"(\d+)")
    bodies = "".join(re.findall(r"<tbody>(.*?)</tbody>", page, re.S))
    return [int(pk) for pk in re.findall(f'href="{pattern}"', bodies)]


def _review_world(programme: Programme, other_programme: Programme) -> list[Participant]:
    """Three people to review (waiting, matched, left), and four who are not: reviewed, an
    unresolved duplicate, erased, or in another programme."""
    marked = [
        ParticipantFactory(programme=programme, needs_review=True, status=status)
        for status in ("waiting", "matched", "left")
    ]
    original = ParticipantFactory(programme=programme)
    ParticipantFactory(programme=programme, needs_review=True, possible_duplicate_of=original)
    ParticipantFactory(programme=programme, needs_review=True, erased_at=timezone.now())
    ParticipantFactory(programme=other_programme, needs_review=True)
    return marked


def test_the_review_count_links_to_exactly_the_people_it_counts(
    coordinator: User, programme: Programme, other_programme: Programme, client_for: Any
) -> None:
    marked = _review_world(programme, other_programme)
    client = client_for(coordinator)
    client.post(reverse("set_language"), {"language": "sv"})  # the UI's default language

    count, url = _card(client.get("/").content.decode(), REVIEW)
    shown = _linked_rows(client.get(url).content.decode(), "participants:detail")

    assert count == len(shown) == 3
    assert sorted(shown) == sorted(p.pk for p in marked)


def _referral_world(
    programme: Programme, organisation: Organisation, other_programme: Programme
) -> list[int]:
    """Two new referrals from two organisations (one waiting, one paused), and six that are
    not new: looked at, matched, left, erased, merged away (no person) or another programme's."""
    second = OrganisationFactory(programme=programme, name="Kvinnoföreningen")
    new = [
        ReferralFactory(
            organisation=org,
            participant=ParticipantFactory(programme=programme, needs_review=True, status=status),
        ).pk
        for org, status in ((organisation, "waiting"), (second, "paused"))
    ]
    for values in (
        {"needs_review": False},
        {"needs_review": False, "status": "matched"},
        {"needs_review": True, "status": "left"},
        {"needs_review": True, "erased_at": timezone.now()},
    ):
        person = ParticipantFactory(programme=programme, **values)
        ReferralFactory(organisation=organisation, participant=person)
    ReferralFactory(organisation=second, participant=None)
    theirs = OrganisationFactory(programme=other_programme, name="Hageby")
    ReferralFactory(
        organisation=theirs,
        participant=ParticipantFactory(programme=other_programme, needs_review=True),
    )
    return new


def test_the_new_referrals_count_links_to_exactly_the_referrals_it_counts(
    coordinator: User,
    programme: Programme,
    other_programme: Programme,
    referring_organisation: Organisation,
    client_for: Any,
) -> None:
    new = _referral_world(programme, referring_organisation, other_programme)
    client = client_for(coordinator)
    client.post(reverse("set_language"), {"language": "sv"})  # the UI's default language

    count, url = _card(client.get("/").content.decode(), REFERRALS)
    shown = _linked_rows(client.get(url).content.decode(), "partners:referral_detail")

    assert count == len(shown) == 2
    assert sorted(shown) == sorted(new)


@pytest.mark.parametrize(
    ("label", "route", "value"),
    [(REVIEW, "participants:list", "review"), (REFERRALS, "partners:referral_list", "received")],
)
def test_the_linked_filter_is_a_plain_form_that_works_without_javascript(
    coordinator: User,
    programme: Programme,
    other_programme: Programme,
    referring_organisation: Organisation,
    client_for: Any,
    label: tuple[str, str],
    route: str,
    value: str,
) -> None:
    """The link is the GET the filter's form sends: the form shows the choice selected, and a
    submit button sends it again without any script."""
    _review_world(programme, other_programme)
    _referral_world(programme, referring_organisation, other_programme)
    client = client_for(coordinator)

    _count, url = _card(client.get("/").content.decode(), label)
    page = client.get(url).content.decode()

    assert url.startswith(reverse(route) + "?")
    form = re.search(r'<form method="get"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None
    assert re.search(
        f'<select name="status"[^>]*>.*?<option value="{value}" selected>', form[1], re.S
    )
    assert 'type="submit"' in form[1]


def test_another_programmes_coordinator_sees_only_their_own_in_both_lists(
    outsider: User,
    programme: Programme,
    other_programme: Programme,
    referring_organisation: Organisation,
    client_for: Any,
) -> None:
    _review_world(programme, other_programme)
    _referral_world(programme, referring_organisation, other_programme)
    client = client_for(outsider)
    home = client.get("/").content.decode()

    count, url = _card(home, REVIEW)
    people = _linked_rows(client.get(url).content.decode(), "participants:detail")
    count_referrals, url = _card(home, REFERRALS)
    referrals = _linked_rows(client.get(url).content.decode(), "partners:referral_detail")

    # Their own one to review, and the person their referral brought in.
    assert count == len(people) == 2
    assert {p.programme for p in Participant.objects.filter(pk__in=people)} == {other_programme}
    assert count_referrals == len(referrals) == 1
    assert Referral.objects.get(pk=referrals[0]).programme == other_programme
