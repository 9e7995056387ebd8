"""Partners fixtures: a second referring organisation and its referrer, a fair in Berga.

Rami refers for Arbetsmarknadscentrum; Rut refers for Röda Korset and must never see Rami's
referrals.
"""

from typing import Any

import pytest

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import MembershipFactory, UserFactory
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.organisations.tests.factories import OrganisationFactory, OutreachEventFactory


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    """Pages in English (the msgids), whatever the Swedish catalogue says."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def red_cross(programme: Programme) -> Organisation:
    return OrganisationFactory(programme=programme, name="Röda Korset Linköping Södra")


@pytest.fixture
def other_referrer(programme: Programme, red_cross: Organisation) -> User:
    user = UserFactory(email="rut@example.org", first_name="Rut")
    MembershipFactory(user=user, programme=programme, role="referrer", organisation=red_cross)
    return user


@pytest.fixture
def fair(programme: Programme) -> OutreachEvent:
    return OutreachEventFactory(
        programme=programme, name="Bergadagen", district=programme.districts.get(name="Berga")
    )


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "en-US"}
