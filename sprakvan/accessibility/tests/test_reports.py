"""Reporting an accessibility problem: stored and audited without personal data, refused with
its reasons kept on the page, throttled, and handled by the programme's coordinator only."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from sprakvan.accessibility.models import AccessibilityReport
from sprakvan.accessibility.services import mark_handled, receive_report
from sprakvan.accessibility.views import REPORTS_PER_HOUR
from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme

pytestmark = pytest.mark.django_db

PROBLEM = "Knappen Skicka går inte att nå med tangentbordet."


def statement_url(programme: Programme) -> str:
    return reverse("accessibility_public:statement", args=[programme.slug])


def report_form(**overrides: str) -> dict[str, str]:
    data = {
        "description": PROBLEM,
        "page": "/vi-ses/anmalan/",
        "contact": "kim@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_report_is_stored_and_the_visitor_is_thanked_on_the_statement(
    client: Client, programme: Programme
) -> None:
    response = client.post(statement_url(programme), report_form(), follow=True)

    report = AccessibilityReport.objects.get()
    assert (report.programme, report.description) == (programme, PROBLEM)
    assert (report.page, report.contact) == ("/vi-ses/anmalan/", "kim@example.org")
    assert report.handled_at is None
    assert response.redirect_chain == [(statement_url(programme), 302)]
    assert "Thank you. We have received your report" in response.content.decode()


def test_the_audit_entry_of_a_report_holds_no_personal_data(
    client: Client, programme: Programme
) -> None:
    client.post(statement_url(programme), report_form(contact="070-123 45 67"))

    event = AuditEvent.objects.get(action="accessibility.report.received")
    payload = json.dumps(event.data)
    assert event.data == {"with_page": True, "with_contact": True}
    assert "070" not in payload and "Knappen" not in payload and "anmalan" not in payload


def test_a_report_without_a_description_changes_nothing_and_keeps_what_was_typed(
    client: Client, programme: Programme
) -> None:
    response = client.post(
        statement_url(programme), report_form(description="", contact="kim@example.org")
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert not AccessibilityReport.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="accessibility.").exists()
    assert 'id="form-errors"' in html
    assert "Please tell us what is wrong." in html
    assert 'value="kim@example.org"' in html
    assert 'value="/vi-ses/anmalan/"' in html


def test_a_wrong_contact_is_explained_and_the_description_kept(
    client: Client, programme: Programme
) -> None:
    response = client.post(statement_url(programme), report_form(contact="ring mig"))
    html = response.content.decode()

    assert not AccessibilityReport.objects.exists()
    assert "Write an e-mail address or a phone number" in html
    assert PROBLEM in html


def test_the_form_says_what_is_wrong_in_the_visitors_language(
    client: Client, programme: Programme
) -> None:
    client.post(reverse("set_language"), {"language": "sv"})

    html = client.post(statement_url(programme), report_form(description="")).content.decode()

    assert '<html lang="sv"' in html
    with override("sv"):
        assert gettext("Please tell us what is wrong.") in html


def test_a_report_may_leave_out_the_page_and_the_contact(
    client: Client, programme: Programme
) -> None:
    client.post(statement_url(programme), report_form(page="", contact=""))

    report = AccessibilityReport.objects.get()
    assert (report.page, report.contact) == ("", "")


def test_the_page_is_prefilled_from_the_address(client: Client, programme: Programme) -> None:
    html = client.get(statement_url(programme) + "?sida=/vi-ses/kalender/").content.decode()

    assert 'value="/vi-ses/kalender/"' in html


@pytest.mark.parametrize(
    "outside",
    ["https://evil.example", "https://evil.example/vi-ses/", "//evil.example/x", "/\\evil.example"],
)
def test_an_address_outside_the_site_is_neither_prefilled_nor_stored(
    client: Client, programme: Programme, outside: str
) -> None:
    page = client.get(statement_url(programme), {"sida": outside}).content.decode()
    response = client.post(statement_url(programme), report_form(page=outside))

    field = re.search(r'<input[^>]*name="page"[^>]*>', page)
    assert field is not None and "value=" not in field[0]
    assert response.status_code == 200
    assert "Write the address of a page on this website" in response.content.decode()
    assert not AccessibilityReport.objects.exists()


def test_a_full_address_on_our_own_site_is_stored_as_its_path(
    client: Client, programme: Programme
) -> None:
    client.post(
        statement_url(programme),
        report_form(page="http://testserver/vi-ses/anmalan/nyanland/?via=secret#top"),
    )

    assert AccessibilityReport.objects.get().page == "/vi-ses/anmalan/nyanland/"


def test_a_filled_honeypot_is_thanked_but_stores_nothing(
    client: Client, programme: Programme
) -> None:
    response = client.post(statement_url(programme), report_form(website="http://spam.example"))

    assert response.status_code == 302
    assert not AccessibilityReport.objects.exists()


def test_one_connection_is_throttled_after_the_hourly_limit(
    client: Client, programme: Programme
) -> None:
    for n in range(REPORTS_PER_HOUR):
        client.post(statement_url(programme), report_form(description=f"Problem {n}"))

    response = client.post(statement_url(programme), report_form(description="One too many"))

    assert response.status_code == 429
    assert AccessibilityReport.objects.count() == REPORTS_PER_HOUR
    assert "One too many" in response.content.decode()


def test_the_coordinator_sees_the_programmes_reports_open_ones_first(
    client_for: Any, coordinator: User, programme: Programme, other_programme: Programme
) -> None:
    handled = receive_report(programme=programme, description="Handled problem")
    mark_handled(handled, handled_by=coordinator)
    receive_report(programme=programme, description="Older open problem")
    receive_report(programme=programme, description="Newest open problem", contact="0701234567")
    receive_report(programme=other_programme, description="Norrköping's problem")

    response = client_for(coordinator).get(reverse("accessibility:report_list"))
    html = response.content.decode()

    shown = [r.description for r in response.context["page"]]
    assert shown == ["Newest open problem", "Older open problem", "Handled problem"]
    assert "Norrköping's problem" not in html
    assert "0701234567" in html
    assert response.context["open_count"] == 2


def test_the_open_filter_shows_only_reports_not_handled(
    client_for: Any, coordinator: User, programme: Programme
) -> None:
    handled = receive_report(programme=programme, description="Handled problem")
    mark_handled(handled, handled_by=coordinator)
    receive_report(programme=programme, description="Open problem")

    response = client_for(coordinator).get(reverse("accessibility:report_list"), {"status": "open"})

    assert [r.description for r in response.context["page"]] == ["Open problem"]


def test_a_coordinator_of_another_programme_sees_none_of_its_reports(
    client_for: Any, outsider: User, programme: Programme
) -> None:
    report = receive_report(programme=programme, description=PROBLEM, contact="kim@example.org")
    client = client_for(outsider)

    html = client.get(reverse("accessibility:report_list")).content.decode()
    confirm = client.get(reverse("accessibility:report_handle_confirm", args=[report.pk]))
    handle = client.post(reverse("accessibility:report_handle", args=[report.pk]))

    assert PROBLEM not in html
    assert (confirm.status_code, handle.status_code) == (404, 404)
    report.refresh_from_db()
    assert report.handled_at is None and report.contact == "kim@example.org"


def test_leaders_and_visitors_cannot_see_the_reports(
    client: Client, client_for: Any, leader: User, programme: Programme
) -> None:
    assert client_for(leader).get(reverse("accessibility:report_list")).status_code == 403
    assert client.get(reverse("accessibility:report_list")).status_code == 302


def test_the_coordinator_is_asked_before_handling_and_told_the_contact_goes(
    client_for: Any, coordinator: User, programme: Programme
) -> None:
    report = receive_report(programme=programme, description=PROBLEM, contact="kim@example.org")

    response = client_for(coordinator).get(
        reverse("accessibility:report_handle_confirm", args=[report.pk])
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "phone number is deleted" in html
    assert f'action="{reverse("accessibility:report_handle", args=[report.pk])}"' in html


def test_handling_a_report_dates_it_clears_the_contact_and_is_audited(
    client_for: Any, coordinator: User, programme: Programme
) -> None:
    report = receive_report(programme=programme, description=PROBLEM, contact="kim@example.org")

    response = client_for(coordinator).post(
        reverse("accessibility:report_handle", args=[report.pk])
    )

    report.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("accessibility:report_list")
    assert report.handled_at is not None and report.handled_by == coordinator
    assert report.contact == "" and report.description == PROBLEM
    event = AuditEvent.objects.get(action="accessibility.report.handled")
    assert (event.actor_id, event.object_id, event.data) == (coordinator.pk, report.pk, {})


def test_handling_twice_keeps_the_first_handling(
    client_for: Any, coordinator: User, programme: Programme
) -> None:
    report = receive_report(programme=programme, description=PROBLEM)
    first = mark_handled(report, handled_by=coordinator).handled_at
    client = client_for(coordinator)

    client.post(reverse("accessibility:report_handle", args=[report.pk]))
    confirm = client.get(reverse("accessibility:report_handle_confirm", args=[report.pk]))

    report.refresh_from_db()
    assert report.handled_at == first
    assert AuditEvent.objects.filter(action="accessibility.report.handled").count() == 1
    assert confirm.status_code == 302


def test_handling_refuses_get(client_for: Any, coordinator: User, programme: Programme) -> None:
    report = receive_report(programme=programme, description=PROBLEM)

    response = client_for(coordinator).get(reverse("accessibility:report_handle", args=[report.pk]))

    assert response.status_code == 405
    report.refresh_from_db()
    assert report.handled_at is None


def test_the_coordinators_home_counts_the_open_reports_and_links_to_them(
    client_for: Any, coordinator: User, programme: Programme, other_programme: Programme
) -> None:
    receive_report(programme=programme, description="One")
    receive_report(programme=programme, description="Two")
    mark_handled(receive_report(programme=programme, description="Done"), handled_by=coordinator)
    receive_report(programme=other_programme, description="Not ours")
    client = client_for(coordinator)

    response = client.get("/")
    listed = client.get(reverse("accessibility:report_list"), {"status": "open"})

    assert response.context["coordinator"].accessibility_reports == 2
    url = reverse("accessibility:report_list") + "?status=open"
    assert f'href="{url}"' in response.content.decode()
    assert listed.context["page"].paginator.count == 2


def test_the_menu_shows_the_reports_to_coordinators(
    client_for: Any, coordinator: User, leader: User, programme: Programme
) -> None:
    url = reverse("accessibility:report_list")

    assert f'href="{url}"' in client_for(coordinator).get("/").content.decode()
    assert f'href="{url}"' not in client_for(leader).get("/").content.decode()
