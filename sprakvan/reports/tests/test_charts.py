"""The charts tell what the tables tell: suppressed counts drawn as marked bars, readable
months, Swedish numbers, one axes per kind of number, the document's typeface."""

import base64
import re
from collections.abc import Callable
from pathlib import Path

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.reports.charts import (
    DOCUMENT_FONT,
    PLANS_BY_SLUG,
    charts_for,
    draw,
    month_ticks,
    stub_height,
)
from sprakvan.reports.numbers import kr, number
from sprakvan.reports.suppression import HIDDEN, SMALL
from sprakvan.reports.tables import Table, Value

from .conftest import World

NBSP = "\u00a0"
ClientFor = Callable[[User], Client]
CSS = Path(__file__).parents[1] / "templates" / "reports" / "document_pdf.css"


def _registrations(values: list[list[Value]]) -> Table:
    return Table(
        slug="registrations",
        title="Registrations",
        label_header="Group",
        headers=["Woman", "Man", "Another gender", "Not given"],
        labels=["Newcomers", "Established residents"],
        values=values,
        row_totals=True,
        column_totals=True,
    )


def _texts(svg: bytes) -> list[str]:
    """The texts drawn: with letters as outlines, matplotlib names each text in a comment."""
    return [t.replace("&lt;", "<") for t in re.findall(r"<!-- (.*?) -->", svg.decode())]


def test_a_suppressed_count_is_drawn_as_a_hatched_bar_with_its_symbol() -> None:
    table = _registrations([[89, 3, 0, 0], [65, 47, 2, 0]]).for_viewer()
    men = [row[1] for row in table.values[:2]]
    assert SMALL in men and HIDDEN in men, "the table hides the men: <5 and –"
    svg = draw(table, PLANS_BY_SLUG["registrations"])
    texts = _texts(svg)
    assert "<pattern" in svg.decode(), "the suppressed bars are hatched"
    assert SMALL in texts and HIDDEN in texts, "each suppressed bar is labelled with its symbol"
    assert gettext("<5: fewer than 5, hidden to protect privacy") in texts, "the legend says why"

    shown = draw(
        _registrations([[89, 30, 0, 0], [65, 47, 20, 0]]).for_viewer(),
        PLANS_BY_SLUG["registrations"],
    )
    assert "<pattern" not in shown.decode(), "nothing hidden, nothing hatched"


def test_a_suppressed_bar_has_a_visible_height_never_zero() -> None:
    assert stub_height(SMALL, top=10) == 4, "<5 reaches no higher than 4 when that is visible"
    assert stub_height(HIDDEN, top=10) == 5, "– is 5 or more"
    assert stub_height(SMALL, top=4000) == 200, "on a long axis, still 5 % of it"


def test_a_chart_whose_counts_are_all_suppressed_is_still_drawn_and_described() -> None:
    table = _registrations([[1, 2, 0, 0], [3, 1, 0, 0]]).for_viewer()
    charts = charts_for({"registrations": table})
    assert [c.slug for c in charts] == ["registrations"], "hidden counts are not nothing"
    assert gettext("<5: fewer than 5, hidden to protect privacy") in charts[0].description
    assert charts[0].note


def test_the_partner_viewers_dashboard_chart_marks_the_hidden_men(
    world: World, partner_viewer: User, client_for: ClientFor
) -> None:
    response = client_for(partner_viewer).get(
        reverse("reports:dashboard") + "?start=2019-01-01&end=2019-12-31"
    )
    chart = next(c for c in response.context["charts"] if c.slug == "registrations")
    assert chart.table.values[0][1] == SMALL  # 3 newcomer men
    svg = base64.b64decode(chart.data_uri.split(",", 1)[1])
    assert "<pattern" in svg.decode()
    assert SMALL in _texts(svg)


def test_months_read_as_month_names_with_the_year_once() -> None:
    labels = [f"2019-{m:02d} / 2018-{m:02d}" for m in range(1, 11)]
    with translation.override("sv"):
        ticks, title = month_ticks(labels) or ([], "")
        assert ticks[:5] == [gettext(m) for m in ("jan", "feb", "mar", "apr", "may")]
        assert title == gettext("Month, %(years)s") % {"years": "2019 / 2018"}
        table = Table(
            slug="new-pairs-per-month",
            title="New pairs",
            label_header="Month",
            headers=["2019", "2018"],
            labels=labels,
            values=[[m, 0] for m in range(1, 11)],
            column_totals=True,
        )
        texts = _texts(draw(table, PLANS_BY_SLUG["new-pairs-per-month"]))
        assert gettext("may") in texts and gettext("oct") in texts
    assert not any("2019-0" in t for t in texts), "no ISO months under the bars"


def test_a_period_across_new_year_names_the_year_at_january() -> None:
    ticks, title = month_ticks(["2018-11", "2018-12", "2019-01", "2019-02"]) or ([], "")
    assert ticks == [
        gettext("nov") + " 2018",
        gettext("dec"),
        gettext("jan") + " 2019",
        gettext("feb"),
    ]
    assert "2018–2019" in title
    assert month_ticks(["Berga", "Ryd"]) is None


def test_numbers_are_written_the_swedish_way() -> None:
    assert number(1234.5, 1) == f"1{NBSP}234,5"
    assert number(15.25, 1) == "15,3"
    assert number(8959) == f"8{NBSP}959"
    assert number(-1200) == f"\u22121{NBSP}200"
    assert kr(600000) == f"600{NBSP}000{NBSP}kr"
    table = Table(
        slug="sessions-by-district",
        title="Sessions",
        label_header="District",
        headers=["Sessions", "Attendance", "Per session"],
        labels=["Skäggetorp", "Berga"],
        values=[[244, 3664, 15.0], [43, 657, 15.3]],
        column_totals=True,
        count_columns=[True, True, False],
    )
    texts = _texts(draw(table, PLANS_BY_SLUG["sessions-by-district"]))
    assert any(t.endswith(f"{NBSP}000") for t in texts), "the attendance axis: 1 000, 2 000 …"
    assert "1,000" not in texts and "1000" not in texts


def test_sessions_and_attendance_are_never_on_one_axis() -> None:
    table = Table(
        slug="sessions-by-district",
        title="Sessions",
        label_header="District",
        headers=["Sessions", "Attendance", "Per session"],
        labels=["Skäggetorp", "Berga"],
        values=[[244, 3664, 15.0], [43, 657, 15.3]],
        column_totals=True,
        count_columns=[True, True, False],
    )
    svg = draw(table, PLANS_BY_SLUG["sessions-by-district"]).decode()
    assert len(re.findall(r'<g id="axes_\d+"', svg)) == 2
    assert [t for t in _texts(svg.encode()) if t in ("Sessions", "Attendance")] == [
        "Sessions",
        "Attendance",
    ], "each axes is titled with what it counts"
    registrations = draw(
        _registrations([[9, 9, 0, 0], [9, 9, 0, 0]]), PLANS_BY_SLUG["registrations"]
    )
    assert len(re.findall(r'<g id="axes_\d+"', registrations.decode())) == 1


def test_charts_use_the_documents_typeface_as_outlines() -> None:
    css = CSS.read_text()
    body = re.search(r"html \{ font-family: \"([^\"]+)\"", css)
    assert body is not None and body.group(1) == DOCUMENT_FONT
    svg = draw(_registrations([[9, 9, 0, 0], [9, 9, 0, 0]]), PLANS_BY_SLUG["registrations"])
    assert b"<text" not in svg, "letters are drawn, so every reader sees the same font"


def test_word_gets_the_same_chart_as_a_png() -> None:
    table = _registrations([[89, 3, 0, 0], [65, 47, 2, 0]]).for_viewer()
    (chart,) = charts_for({"registrations": table})
    assert chart.image("png").startswith(b"\x89PNG")
