"""The referral list's status filter: each choice shows exactly the referrals whose status it
names, for the coordinator and for a referrer (their own only), without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from pytest_django import DjangoAssertNumQueries

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation
from sprakvan.organisations.tests.factories import OrganisationFactory
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import Referral, ReferralStatus
from sprakvan.partners.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], Client]

# Every way a referred person can stand: (needs review, participant status, erased).
PEOPLE = [
    (needs_review, status, erased)
    for needs_review in (True, False)
    for status in ("waiting", "matched", "paused", "left")
    for erased in (False, True)
]


def _every_kind(programme: Programme, organisation: Organisation, referrer: User) -> list[Referral]:
    """A referral for every kind of person, and one whose person was merged away."""
    referrals = [
        ReferralFactory(
            organisation=organisation,
            referrer=referrer,
            participant=ParticipantFactory(
                programme=programme,
                needs_review=needs_review,
                status=status,
                erased_at=timezone.now() if erased else None,
            ),
        )
        for needs_review, status, erased in PEOPLE
    ]
    referrals.append(ReferralFactory(organisation=organisation, referrer=referrer))
    return referrals


def _shown(client: Client, query: str) -> list[int]:
    page = client.get(reverse("partners:referral_list") + query).content.decode()
    detail = re.escape(reverse("partners:referral_detail", args=[987654321]))
    return [int(pk) for pk in re.findall(detail.replace("987654321", r"(\d+)"), page)]


def test_each_status_filter_in_the_database_agrees_with_the_referrals_status(
    programme: Programme, referring_organisation: Organisation, referrer: User
) -> None:
    referrals = _every_kind(programme, referring_organisation, referrer)
    everything = Referral.objects.filter(programme=programme)

    found = {
        status: set(everything.with_status(status).values_list("pk", flat=True))
        for status in ReferralStatus
    }

    for status in ReferralStatus:
        assert found[status] == {r.pk for r in referrals if r.status == status}, status
        assert found[status], status  # the world has some of each
    assert sum(len(pks) for pks in found.values()) == len(referrals)


@pytest.mark.parametrize("status", list(ReferralStatus))
def test_the_coordinators_list_shows_only_the_chosen_status(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    referring_organisation: Organisation,
    referrer: User,
    status: ReferralStatus,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    referrals = _every_kind(programme, referring_organisation, referrer)
    second = OrganisationFactory(programme=programme, name="Kvinnoföreningen")
    referrals += _every_kind(programme, second, referrer)
    client = client_for(coordinator)
    client.get("/")  # the session's first request stamps it

    with django_assert_max_num_queries(8):
        shown = _shown(client, f"?status={status}")

    assert sorted(shown) == sorted(r.pk for r in referrals if r.status == status)


def test_a_referrer_filters_only_their_own_referrals(
    client_for: ClientFor,
    programme: Programme,
    referring_organisation: Organisation,
    red_cross: Organisation,
    referrer: User,
    other_referrer: User,
) -> None:
    mine = _every_kind(programme, referring_organisation, referrer)
    _every_kind(programme, red_cross, other_referrer)

    shown = _shown(client_for(referrer), f"?status={ReferralStatus.RECEIVED}")

    assert sorted(shown) == sorted(r.pk for r in mine if r.status == ReferralStatus.RECEIVED)


def test_another_programmes_referrals_never_show(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    other_programme: Programme,
    referring_organisation: Organisation,
    referrer: User,
) -> None:
    theirs = OrganisationFactory(programme=other_programme, name="Hageby")
    _every_kind(other_programme, theirs, referrer)
    client = client_for(coordinator)

    for query in ["", *(f"?status={status}" for status in ReferralStatus)]:
        assert _shown(client, query) == [], query


def test_the_filter_is_a_get_form_with_a_button_and_says_when_nothing_matches(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    referring_organisation: Organisation,
    referrer: User,
) -> None:
    ReferralFactory(
        organisation=referring_organisation,
        referrer=referrer,
        participant=ParticipantFactory(programme=programme, needs_review=True),
    )
    client = client_for(coordinator)

    page = client.get(reverse("partners:referral_list") + "?status=matched").content.decode()

    form = re.search(r'<form method="get"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None
    assert '<option value="matched" selected>' in form[1]
    assert 'type="submit"' in form[1]
    assert gettext("No referral matches the filter.") in page
    unfiltered = client.get(reverse("partners:referral_list")).content.decode()
    assert gettext("No referral matches the filter.") not in unfiltered
    assert len(_shown(client, "?status=nonsense")) == 1  # an unknown choice filters nothing
