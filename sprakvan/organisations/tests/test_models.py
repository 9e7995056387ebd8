"""Partner organisations: what they offer and their link secrets (the moves from `partners`:
`test_outreach_event_move.py` here, and accounts' `test_organisation_memberships.py`)."""

import pytest
from django.db import IntegrityError

from sprakvan.core.models import Programme
from sprakvan.organisations.models import (
    OFFERS,
    Organisation,
    OrganisationKind,
    offer_slugs,
    offers_mask,
)
from sprakvan.organisations.tests.factories import OrganisationFactory


def test_what_an_organisation_offers_is_one_bit_per_offer_in_the_order_of_the_list() -> None:
    assert offers_mask(["premises"]) == 1
    assert offers_mask(["funding", "premises", "premises"]) == 1 + 32
    assert offer_slugs(offers_mask(["popup", "referrals"])) == ["referrals", "popup"]
    assert offer_slugs(offers_mask(list(OFFERS))) == list(OFFERS)


def test_offering_finds_only_the_organisations_that_do_that(programme: Programme) -> None:
    library = OrganisationFactory(
        programme=programme,
        name="Stadsbiblioteket",
        kind=OrganisationKind.LIBRARY,
        offers=offers_mask(["premises", "popup"]),
    )
    OrganisationFactory(programme=programme, name="Röda Korset", offers=offers_mask(["guiding"]))
    assert list(Organisation.objects.offering("popup")) == [library]
    assert library.offer_labels == ["Premises", "Hosts pop-up cafés"]


def test_each_organisation_gets_its_own_link_secret(programme: Programme) -> None:
    first, second = OrganisationFactory.create_batch(2, programme=programme)
    assert first.link_secret and second.link_secret
    assert first.link_secret != second.link_secret


def test_names_are_unique_within_a_programme_but_not_across_programmes(
    programme: Programme, other_programme: Programme, referring_organisation: Organisation
) -> None:
    OrganisationFactory(programme=other_programme, name=referring_organisation.name)
    with pytest.raises(IntegrityError):
        Organisation.objects.create(
            programme=programme, name=referring_organisation.name, kind=OrganisationKind.OTHER
        )
