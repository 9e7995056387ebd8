"""In Chromium at 360 px, in Swedish and Arabic: the finances page and an outreach event's page
fit the screen (their wide tables scroll inside their own region) and pass axe."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.organisations.models import OutreachEvent
from sprakvan.partners.tests.factories import (
    BudgetLineFactory,
    ContributionFactory,
    CostFactory,
    LeadFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_finances_and_outreach_fit_a_phone(
    page: Any,
    context: Any,
    live_server: Any,
    programme: Programme,
    fair: OutreachEvent,
    coordinator: User,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    language: str,
) -> None:
    year = timezone.localdate().year
    line = BudgetLineFactory(programme=programme, name="Lokaler och hyra av samlingssal", year=year)
    CostFactory(budget_line=line, description="Hallbokning Skäggetorps bibliotek, höstterminen")
    ContributionFactory(agreement__programme=programme, year=year, amount=477_600)
    for name in ("Samira", "Hodan", "Olof"):
        LeadFactory(event=fair, first_name=name, interest="Vill träffa en språkvän på kvällarna")
    login_page(coordinator)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 800})

    for url in (
        reverse("partners:finances"),
        reverse("partners:outreach_detail", args=[fair.pk]),
    ):
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
        assert page.locator(".table-scroll-hint").first.is_visible()
        assert axe_violations(page) == []
