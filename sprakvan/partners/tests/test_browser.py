"""Real Chromium: capturing leads at a fair on a phone, and axe on the partners pages."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import Lead
from sprakvan.partners.tests.factories import (
    AgreementFactory,
    BudgetLineFactory,
    ContributionFactory,
    CostFactory,
    LeadFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_captures_two_leads_at_a_fair_on_a_phone(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    coordinator: User,
    fair: OutreachEvent,
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    login_page(coordinator)
    page.goto(live_server.url + reverse("partners:outreach_detail", args=[fair.pk]))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Capture leads").click()
    assert axe_violations(page) == []
    page.get_by_label("phone").fill("070-123 45 67")
    page.get_by_label("first name").fill("Amal")
    page.get_by_label("Newcomer").check()
    page.get_by_label("interest or note").fill("fika, promenader")
    page.get_by_role("button", name="Save and take the next").click()
    page.get_by_text("Saved. Next person!").wait_for()
    # The form is empty again for the next person and fits the phone's width.
    assert page.get_by_label("phone").input_value() == ""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("phone").fill("0739876543")
    page.get_by_label("first name").fill("Jonas")
    page.get_by_label("Established resident").check()
    page.get_by_role("button", name="Save and take the next").click()
    page.get_by_text("2 leads so far.").wait_for()
    assert axe_violations(page) == []
    leads = list(Lead.objects.order_by("id").values_list("first_name", "phone", "group", "event"))
    assert leads == [
        ("Amal", "+46701234567", "newcomer", fair.pk),
        ("Jonas", "+46739876543", "established", fair.pk),
    ]


def test_partner_and_outreach_pages_are_accessible(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    coordinator: User,
    programme: Programme,
    referring_organisation: Organisation,
    fair: OutreachEvent,
) -> None:
    fair.co_organiser = referring_organisation
    fair.save()
    LeadFactory(event=fair, participant=ParticipantFactory(programme=programme, source_event=fair))
    login_page(coordinator)
    for url in [
        reverse("partners:organisation_list"),
        reverse("partners:organisation_detail", args=[referring_organisation.pk]),
        reverse("partners:organisation_edit", args=[referring_organisation.pk]),
        reverse("partners:outreach_list") + "?year=2019",
        reverse("partners:outreach_create"),
        reverse("partners:referral_list"),
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url


def test_finance_page_is_accessible_for_coordinator_and_partner_viewer(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    coordinator: User,
    partner_viewer: User,
    programme: Programme,
) -> None:
    agreement = AgreementFactory(programme=programme, title="Vi ses! IOP")
    ContributionFactory(agreement=agreement, amount=600_000)
    line = BudgetLineFactory(programme=programme, name="Lokaler", amount=240_000)
    CostFactory(budget_line=line, amount=250_000)
    url = live_server.url + reverse("partners:finances") + "?year=2019"
    for user in (coordinator, partner_viewer):
        page.context.clear_cookies()
        login_page(user)
        page.goto(url)
        assert page.get_by_text("over budget").count() == 1
        assert axe_violations(page) == [], user


def test_referrer_pages_are_accessible(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    referrer: User,
) -> None:
    login_page(referrer)
    for url in [reverse("partners:referral_create"), reverse("partners:referral_list")]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
