"""The document's content: the partner-dialogue figures, lists and texts, in Swedish."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from sprakvan.core.models import Programme
from sprakvan.partners.figures import PeriodFinances, period_finances
from sprakvan.partners.models import Contribution, ContributionForm

from ..charts import Chart, charts_for
from ..goals import IN_PREPARATION, STATUS_LABELS, GoalResult
from ..models import DocumentText
from ..numbers import kr, number
from ..report import Report, build, period_label
from ..statistics import COMPARE_YEAR_EARLIER, Period
from ..suppression import is_small, show
from ..tables import Table
from ..viewer import viewer_tables
from . import activities
from .activities import WeeklyPlace

DOCUMENT_LANGUAGE = "sv"
# Report tables the document shows inside a section rather than under "Figures and charts".
IN_SECTIONS = frozenset({"sessions-by-type"})


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


@dataclass
class GoalLine:
    """A goal; the next year's goals carry no status (empty status, percent None)."""

    title: str
    status: str = ""
    status_key: str = ""
    percent: int | None = None


@dataclass
class MoneyRow:
    label: str
    amount: str
    part: bool = False  # one part of the party's contribution, shown beneath its total


@dataclass
class ContributionTable:
    """One agreement's yearly contributions: each party's total with its parts beneath."""

    caption: str
    rows: list[MoneyRow]
    total: str


@dataclass
class Finances:
    year: int
    agreements: list[tuple[str, str]]  # title, its period "2019-01-01 – 2021-12-31"
    contributions: list[ContributionTable]
    lines: list[tuple[str, str, str]]  # name, budget for the period, actual in the period
    budget_total: str
    actual_total: str
    budget_caption: str
    budget_note: str  # how the budget was prorated and which costs count
    key_figures: list[tuple[str, str]]  # agreement period, costs, new pairs, cost per pair
    cost_per_pair: str
    figures: PeriodFinances  # the same in numbers, for the workbook


@dataclass
class Content:
    programme: str
    organisations: str
    city: str
    period: Period
    period_text: str
    generated_on: datetime.date
    suppressed: bool
    meeting_date: datetime.date | None = None
    participants: list[str] = field(default_factory=list)
    # The coordinator's text of each section, as paragraphs (printed before its generated
    # parts; a section with only free text and none written is left out).
    background: list[str] = field(default_factory=list)
    activities_text: list[str] = field(default_factory=list)
    results_text: list[str] = field(default_factory=list)
    future: list[str] = field(default_factory=list)
    finances_text: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    # Activities: one sentence per kind held in the period ("Idrott: innebandy i sporthall
    # (Skäggetorpshallen) …"), where and how many each time, the weekly cafés in the
    # source's order, the fairs with their co-organisers, the referrers in a sentence.
    activity_lines: list[str] = field(default_factory=list)
    activities_in_brief: str = ""
    activity_types: list[tuple[str, str, str]] = field(default_factory=list)
    weekly: list[WeeklyPlace] = field(default_factory=list)
    fairs: list[str] = field(default_factory=list)
    referrers: str = ""
    # The future: each activity in preparation at the period's end, with its places.
    next_steps: list[str] = field(default_factory=list)
    results: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    goals_this_year: list[GoalLine] = field(default_factory=list)
    goals_next_year: list[GoalLine] = field(default_factory=list)
    year: int = 0
    # The day the goals' status stands on (the period's end), and the comparison in words.
    goals_as_of: datetime.date | None = None
    goals_as_of_text: str = ""
    goals_next_heading: str = ""
    comparison_text: str = ""
    finances: Finances | None = None

    @property
    def figure_tables(self) -> list[Table]:
        """The tables under "Figures and charts" that have no chart and are not shown in a
        section already (the sessions per activity type are in the activities section)."""
        charted = {chart.slug for chart in self.charts}
        return [t for t in self.tables if t.slug not in charted and t.slug not in IN_SECTIONS]


def _count(value: int | None, suppressed: bool) -> str:
    if value is None:
        return "–"
    return show(value) if suppressed and is_small(value) else number(value)


def _results(report: Report, suppressed: bool) -> list[tuple[str, str]]:
    """The source's "Utfall" lines: 199 (89 kvinnor / 110 män)."""
    reg = report.current.registrations
    lines = []
    for group, label in (
        ("newcomer", _("Registered newcomers")),
        ("established", _("Registered established residents")),
    ):
        row = reg[group]
        parts = [
            _("%(n)s women") % {"n": _count(row["woman"], suppressed)},
            _("%(n)s men") % {"n": _count(row["man"], suppressed)},
        ]
        other = row["another"] + row["undisclosed"]
        if other:
            parts.append(_("%(n)s another or not given") % {"n": _count(other, suppressed)})
        lines.append((label, f"{_count(row['total'], suppressed)} ({' / '.join(parts)})"))
    pairs = report.current.pairs
    lines.append((_("New language-friend pairs"), _count(pairs.new, suppressed)))
    lines.append((_("Active language-friend pairs"), _count(pairs.active, suppressed)))
    return lines


def _goal_lines(results: list[tuple[Any, GoalResult]]) -> list[GoalLine]:
    return [GoalLine(g.title, r.status_label, r.status, r.percent) for g, r in results]


def _finances(programme: Programme, period: Period) -> Finances | None:
    """The money of the period: yearly contributions per party as the agreement states them,
    the budget prorated by the period's whole months, and the costs dated in the period."""
    f = period_finances(programme, start=period.start, end=period.end)
    if not f.agreements and not f.lines:
        return None
    agreements = {
        (a.agreement.title, f"{a.agreement.starts_on:%Y-%m-%d} – {a.agreement.ends_on:%Y-%m-%d}")
        for a in f.agreements
    }
    tables = []
    for year in f.agreements:
        rows = []
        for party in year.parties:
            rows.append(MoneyRow(party.party, kr(party.total)))
            rows += [MoneyRow(_covers(part), kr(part.amount), part=True) for part in party.parts]
        caption = _("Contributions per year under %(agreement)s, %(year)d") % {
            "agreement": year.agreement.title,
            "year": year.year,
        }
        tables.append(ContributionTable(caption, rows, kr(year.total)))
    per_pair = kr(int(f.cost_per_new_pair)) if f.cost_per_new_pair is not None else "–"
    key_figures = [
        (_("Agreement period") + (f" ({title})" if len(agreements) > 1 else ""), dates)
        for title, dates in sorted(agreements, key=lambda a: a[1])
    ]
    key_figures += [
        (_("Actual costs in the period"), kr(f.total.actual)),
        (_("New language-friend pairs in the period"), str(f.new_pairs)),
        (_("Cost per new language-friend pair"), per_pair),
    ]
    return Finances(
        year=period.end.year,
        agreements=sorted(agreements, key=lambda a: a[1]),
        contributions=tables,
        lines=[(line.name, kr(line.budget), kr(line.actual)) for line in f.lines],
        budget_total=kr(f.total.budget),
        actual_total=kr(f.total.actual),
        budget_caption=_("Budget and actual costs %(period)s") % {"period": period_label(period)},
        budget_note=_budget_note(f),
        key_figures=key_figures,
        cost_per_pair=per_pair,
        figures=f,
    )


def _covers(part: Contribution) -> str:
    """What a part covers, and "in kind" when it is not cash: "Lokaler (i natura)"."""
    label = str(part.get_covers_display())
    if part.form != ContributionForm.CASH:
        form = str(part.get_form_display())
        label = _("%(covers)s (%(form)s)") % {"covers": label, "form": form[:1].lower() + form[1:]}
    return label


def _budget_note(f: PeriodFinances) -> str:
    """Said under the budget table: how the period's budget was reckoned."""
    costs = _("Actual costs are the costs dated in the period.")
    if f.whole_years:
        return _("The budget is the whole year's.") + " " + costs
    parts = "; ".join(
        _("%(months)d/12 of %(year)d") % {"months": months, "year": year}
        for year, months in sorted(f.months.items())
    )
    if not parts:
        parts = _("no whole month")
    return (
        _(
            "The budget for the period is the yearly budget prorated by the whole months of "
            "the period (%(parts)s)."
        )
        % {"parts": parts}
        + " "
        + costs
        + " "
        + _("The cost per new pair is these costs divided by the pairs started in the period.")
    )


def build_content(
    programme: Programme,
    period: Period,
    *,
    today: datetime.date,
    suppressed: bool,
    image_format: str = "svg",
    compare: str = COMPARE_YEAR_EARLIER,
    with_charts: bool = True,
) -> Content:
    """Everything the document shows, in Swedish. The comparison follows the one rule (the
    same months a year earlier unless `compare` says the period just before); the goals of
    the period's year stand as they did at its end, the next year's are listed without
    status. The text form's preview asks for no charts (`with_charts=False`)."""
    with translation.override(DOCUMENT_LANGUAGE):
        year = period.end.year
        report = build(
            programme,
            period,
            today=today,
            compare=compare,
            goal_years=(year, year + 1),
        )
        text = DocumentText.objects.filter(
            programme=programme, period_start=period.start, period_end=period.end
        ).first()
        tables = report.tables()
        tables = [t for t in tables if t.slug not in ("key-figures", "goals")]
        if suppressed:
            tables = viewer_tables(tables)
        by_slug = {t.slug: t for t in tables}
        charts = charts_for(by_slug, image_format=image_format) if with_charts else []
        types: list[tuple[str, str, str]] = []
        type_table = by_slug.get("sessions-by-type")
        if type_table is not None:
            rows = type_table.values[:-1] if type_table.has_total_row else type_table.values
            labels = type_table.labels[: len(rows)]
            types = [
                (label, str(row[0]), str(row[1])) for label, row in zip(labels, rows, strict=True)
            ]
        return Content(
            programme=programme.name,
            organisations=programme.organisations,
            city=programme.city,
            period=period,
            period_text=period_label(period),
            generated_on=today,
            suppressed=suppressed,
            meeting_date=text.meeting_date if text else None,
            participants=text.participant_lines if text else [],
            background=paragraphs(text.background) if text else [],
            activities_text=paragraphs(text.activities) if text else [],
            results_text=paragraphs(text.results) if text else [],
            future=paragraphs(text.future) if text else [],
            finances_text=paragraphs(text.finances) if text else [],
            summary=paragraphs(text.summary) if text else [],
            signatures=text.signature_lines if text else [],
            activity_lines=activities.activity_lines(programme, period, today=today),
            activities_in_brief=activities.in_brief(programme, period, today=today),
            activity_types=types,
            weekly=activities.weekly_places(programme, period),
            fairs=activities.fairs(programme, period),
            referrers=activities.referrers(report.current.referrals),
            next_steps=activities.next_steps(programme, period),
            results=_results(report, suppressed),
            tables=tables,
            charts=charts,
            goals_this_year=_goal_lines(report.goal_results),
            goals_next_year=[
                GoalLine(g.title, str(STATUS_LABELS[IN_PREPARATION]), IN_PREPARATION)
                if g.pk in report.preparing_goals
                else GoalLine(g.title)
                for g in report.next_goals
            ],
            year=year,
            goals_as_of=report.as_of,
            goals_as_of_text=_("Status on %(day)s, from the data up to that day.")
            % {"day": f"{report.as_of:%Y-%m-%d}"},
            goals_next_heading=_("Goals for %(year)s") % {"year": year + 1},
            comparison_text=report.comparison_text,
            finances=_finances(programme, period),
        )
