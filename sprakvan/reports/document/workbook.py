"""The document's tables as one workbook: a sheet for every table the document shows.

The report's tables as they are, then the document's own: the weekly cafés, the fairs, the
results, the goals of the year and of the next, and the money (in brief, the contributions per
party and year, budget against actual). Amounts and counts are numbers, not text.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from ..exports import xlsx_bytes
from ..tables import Table, Value
from .content import DOCUMENT_LANGUAGE, Content


def _table(slug: str, title: str, headers: list[str], rows: list[list[Value]]) -> Table:
    """A plain table: the first column labels the rows."""
    return Table(
        slug=slug,
        title=title,
        label_header=headers[0],
        headers=headers[1:],
        labels=[str(row[0]) for row in rows],
        values=[list(row[1:]) for row in rows],
        count_columns=[False] * (len(headers) - 1),
    )


def _money(content: Content) -> list[Table]:
    if content.finances is None:
        return []
    f = content.finances.figures
    brief: list[list[Value]] = [
        [_("Agreement period"), dates] for _title, dates in content.finances.agreements
    ]
    tables = [
        _table(
            "money-in-brief",
            _("Money in brief"),
            [_("Item"), _("Value")],
            [
                *brief,
                [_("Actual costs in the period"), f.total.actual],
                [_("New language-friend pairs in the period"), f.new_pairs],
                [
                    _("Cost per new language-friend pair"),
                    round(float(f.cost_per_new_pair)) if f.cost_per_new_pair is not None else None,
                ],
            ],
        )
    ]
    rows: list[list[Value]] = []
    for year in f.agreements:
        for party in year.parties:
            rows.append([year.agreement.title, year.year, party.party, "", party.total])
            rows += [
                [
                    year.agreement.title,
                    year.year,
                    party.party,
                    str(part.get_covers_display()),
                    part.amount,
                ]
                for part in party.parts
            ]
    if rows:
        contributions = _table(
            "contributions",
            _("Contributions per year"),
            [_("Agreement"), _("Year"), _("Party"), _("Covers"), _("Amount per year")],
            rows,
        )
        tables.append(contributions)
    if f.lines:
        lines: list[list[Value]] = [[line.name, line.budget, line.actual] for line in f.lines]
        tables.append(
            _table(
                "budget-and-actual",
                _("Budget and actual costs"),
                [_("Budget line"), _("Budget for the period"), _("Actual in the period")],
                [*lines, [_("Total"), f.total.budget, f.total.actual]],
            )
        )
    return tables


def document_tables(content: Content) -> list[Table]:
    """Every table of the document, in its order, titled in Swedish as in the document."""
    with translation.override(DOCUMENT_LANGUAGE):
        tables: list[Table] = []
        if content.weekly:
            tables.append(
                _table(
                    "weekly-cafes",
                    _("Districts with weekly language cafés"),
                    [_("Where"), _("How often")],
                    [[w.place, w.frequency] for w in content.weekly],
                )
            )
        if content.fairs:
            tables.append(
                _table(
                    "fairs",
                    _("Fairs and outreach events"),
                    [_("Event")],
                    [[fair] for fair in content.fairs],
                )
            )
        tables.append(
            _table(
                "results",
                _("Results %(period)s") % {"period": content.period_text},
                [_("Measure"), _("Outcome")],
                [[measure, value] for measure, value in content.results],
            )
        )
        tables += content.tables
        if content.goals_this_year:
            tables.append(
                _table(
                    "goals-of-the-year",
                    _("Goals for %(year)s and how they went") % {"year": content.year},
                    [_("Goal"), _("Status"), _("Progress (%)")],
                    [[g.title, g.status, g.percent] for g in content.goals_this_year],
                )
            )
        if content.goals_next_year:
            tables.append(
                _table(
                    "goals-of-next-year",
                    content.goals_next_heading,
                    [_("Goal"), _("Status")],
                    [[g.title, g.status] for g in content.goals_next_year],
                )
            )
        tables += _money(content)
        return tables


def xlsx(content: Content) -> bytes:
    return xlsx_bytes(document_tables(content))
