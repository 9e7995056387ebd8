"""The reports pages through the test client: who sees what, exports, goals, query counts."""

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.reports.models import DocumentText, Goal, StatisticsRecord

from .conftest import KNOWN_EMAIL, KNOWN_NAME, KNOWN_PHONE, KNOWN_SURNAME, World

DASHBOARD = reverse("reports:dashboard")
YEAR_2019 = "?start=2019-01-01&end=2019-12-31"
PERSONAL = [KNOWN_NAME, KNOWN_SURNAME, KNOWN_PHONE, "070-123 45 67", "0701234567", KNOWN_EMAIL]
ClientFor = Callable[[User], Client]


def test_the_coordinator_sees_exact_figures_for_a_period(
    world: World, coordinator: User, client_for: ClientFor
) -> None:
    response = client_for(coordinator).get(DASHBOARD + YEAR_2019)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="table-registrations"' in body
    registrations = response.context["by_slug"]["registrations"]
    assert registrations.values == [[6, 3, 1, 0], [5, 2, 0, 1]]


def test_the_partner_viewer_sees_small_counts_suppressed(
    world: World, partner_viewer: User, client_for: ClientFor
) -> None:
    response = client_for(partner_viewer).get(DASHBOARD + YEAR_2019)
    assert response.status_code == 200
    registrations = response.context["by_slug"]["registrations"]
    # newcomers: 6 3 1 0 | 10 ; established: 5 2 0 1 | 8
    assert registrations.values[0][1] == "<5"
    assert registrations.values[0][2] == "<5"
    assert all(cell not in ("1", "2", "3", "4") for row in registrations.values for cell in row)
    key = {row[0]: row[1:] for row in response.context["key_figures"].full()[1]}
    assert key["New language-friend pairs"][0] == "<5"
    assert "Median wait for a language friend (days)" not in key


def test_the_partner_viewer_sees_no_personal_data_on_the_dashboard_or_in_exports(
    world: World, partner_viewer: User, client_for: ClientFor
) -> None:
    client = client_for(partner_viewer)
    pages = [
        client.get(DASHBOARD + YEAR_2019),
        client.get(reverse("reports:table_export", args=["all", "xlsx"]) + YEAR_2019),
        client.get(reverse("reports:document") + YEAR_2019),
    ]
    csvs = [
        client.get(reverse("reports:table_export", args=[slug, "csv"]) + YEAR_2019)
        for slug in ("registrations", "referrals", "outreach", "attendance")
    ]
    for response in [*pages, *csvs]:
        assert response.status_code == 200
    texts = [pages[0].content.decode(), pages[2].content.decode()]
    texts += [r.content.decode("utf-8-sig") for r in csvs]
    book = load_workbook(io.BytesIO(pages[1].content))
    texts += [" ".join(str(c.value) for row in sheet.iter_rows() for c in row) for sheet in book]
    for text in texts:
        for personal in PERSONAL:
            assert personal not in text


def test_activity_leaders_do_not_reach_the_reports(
    world: World, leader: User, client_for: ClientFor
) -> None:
    assert client_for(leader).get(DASHBOARD).status_code == 403


def test_another_programmes_coordinator_sees_only_their_own_figures(
    world: World, outsider: User, client_for: ClientFor
) -> None:
    response = client_for(outsider).get(DASHBOARD + YEAR_2019)
    assert response.status_code == 200
    assert response.context["report"].current.registrations["newcomer"]["total"] == 1


def test_the_dashboard_makes_a_fixed_number_of_queries(
    world: World,
    coordinator: User,
    client_for: ClientFor,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(coordinator)
    with django_assert_max_num_queries(20):
        assert client.get(DASHBOARD + YEAR_2019).status_code == 200


def test_the_excel_export_has_number_and_date_cells_and_a_bold_frozen_header(
    world: World, coordinator: User, client_for: ClientFor
) -> None:
    response = client_for(coordinator).get(
        reverse("reports:table_export", args=["outreach", "xlsx"]) + YEAR_2019
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert [c.value for c in sheet[1]] == ["Event", "Date", "Leads", "Registered", "In a pair"]
    assert sheet["A2"].value == "Bergadagen"
    assert sheet["B2"].is_date and sheet["B2"].value.date() == datetime.date(2019, 5, 25)
    assert sheet["C2"].value == 2 and sheet["C2"].data_type == "n"


def test_the_csv_export_uses_semicolons_and_a_byte_order_mark(
    world: World, coordinator: User, client_for: ClientFor
) -> None:
    response = client_for(coordinator).get(
        reverse("reports:table_export", args=["registrations", "csv"]) + YEAR_2019
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Group", "Woman", "Man", "Another gender", "Prefer not to say", "Total"]
    assert rows[1] == ["Newcomer", "6", "3", "1", "0", "10"]
    assert rows[-1] == ["Total", "11", "5", "1", "1", "18"]


def test_an_unknown_table_is_not_found(coordinator: User, client_for: ClientFor) -> None:
    url = reverse("reports:table_export", args=["nothing", "csv"])
    assert client_for(coordinator).get(url).status_code == 404


def test_the_coordinator_saves_the_document_texts(
    programme: Programme, coordinator: User, client_for: ClientFor
) -> None:
    url = reverse("reports:document") + "?start=2019-01-01&end=2019-10-31"
    response = client_for(coordinator).post(
        url, {"background": "Insatsen är ett samarbete.", "participants": "A, kommunen"}
    )
    assert response.status_code == 302
    text = DocumentText.objects.get(programme=programme)
    assert (text.period_start, text.period_end) == (
        datetime.date(2019, 1, 1),
        datetime.date(2019, 10, 31),
    )
    assert text.participant_lines == ["A, kommunen"]


def test_a_partner_viewer_cannot_change_the_document_texts(
    programme: Programme, partner_viewer: User, client_for: ClientFor
) -> None:
    response = client_for(partner_viewer).post(reverse("reports:document"), {"summary": "x"})
    assert response.status_code == 403
    assert not DocumentText.objects.exists()


def test_the_coordinator_creates_a_goal_for_a_district(
    programme: Programme, coordinator: User, client_for: ClientFor
) -> None:
    ryd = programme.districts.get(name="Ryd")
    response = client_for(coordinator).post(
        reverse("reports:goal_create"),
        {
            "year": 2020,
            "title": "Aktivitet i Ryd varje månad",
            "kind": "monthly_in_district",
            "district": ryd.pk,
            "minimum_per_month": 2,
            "order": 1,
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(programme=programme)
    assert (goal.district, goal.minimum_per_month) == (ryd, 2)


def test_a_monthly_goal_needs_a_district(
    programme: Programme, coordinator: User, client_for: ClientFor
) -> None:
    response = client_for(coordinator).post(
        reverse("reports:goal_create"),
        {"year": 2020, "title": "Ryd", "kind": "monthly_in_district", "order": 1},
    )
    assert response.status_code == 200
    assert not Goal.objects.exists()


def test_deleting_a_goal_needs_post(
    programme: Programme, coordinator: User, client_for: ClientFor
) -> None:
    goal = Goal.objects.create(
        programme=programme,
        year=2020,
        title="Fler par",
        kind="more_than_last_year",
        measure="new_pairs",
    )
    client = client_for(coordinator)
    url = reverse("reports:goal_delete", args=[goal.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Goal.objects.exists()


def test_another_programmes_goal_does_not_exist_for_an_outsider(
    programme: Programme, outsider: User, client_for: ClientFor
) -> None:
    goal = Goal.objects.create(
        programme=programme,
        year=2020,
        title="Fler par",
        kind="more_than_last_year",
        measure="new_pairs",
    )
    client = client_for(outsider)
    assert client.get(reverse("reports:goal_edit", args=[goal.pk])).status_code == 404
    assert client.post(reverse("reports:goal_delete", args=[goal.pk])).status_code == 404
    assert Goal.objects.filter(pk=goal.pk).exists()


@pytest.mark.django_db
def test_goal_status_on_the_dashboard_is_computed_from_the_data(
    world: World, coordinator: User, client_for: ClientFor
) -> None:
    Goal.objects.create(
        programme=world.programme,
        year=2019,
        title="Fler nya par än 2018",
        kind="more_than_last_year",
        measure="new_pairs",
    )
    response = client_for(coordinator).get(DASHBOARD + YEAR_2019)
    ((_goal, result),) = response.context["goals"]
    # 2018: one new pair; 2019: two. The year is over.
    assert (result.status, result.current, result.target) == ("achieved", 2, 2)


def test_filing_keeps_the_periods_counts(
    world: World, coordinator: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator)
    url = reverse("reports:document_file") + YEAR_2019
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    record = StatisticsRecord.objects.get(programme=world.programme)
    assert record.figures["current"]["registrations"]["newcomer"]["total"] == 10
    assert record.figures["previous"]["period"] == {"from": "2018-01-01", "to": "2018-12-31"}
