"""The document's content: the partner-dialogue figures, lists and texts, in Swedish."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sprakvan.activities.models import ActivityType, Schedule
from sprakvan.activities.schedule import rule_weekdays
from sprakvan.core.models import Programme
from sprakvan.partners.figures import year_finances

from ..charts import Chart, charts_for
from ..goals import GoalResult
from ..models import DocumentText
from ..report import Report, build, period_label
from ..statistics import Period
from ..suppression import show
from ..tables import Table
from ..viewer import viewer_tables

DOCUMENT_LANGUAGE = "sv"


def kr(amount: int | None) -> str:
    """1 250 kr: a narrow no-break space between thousands, as Swedish writes money."""
    if amount is None:
        return "–"
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


@dataclass
class WeeklyPlace:
    place: str
    frequency: str


@dataclass
class GoalLine:
    title: str
    status: str
    status_key: str
    percent: int


@dataclass
class Finances:
    year: int
    contributions: list[tuple[str, str, str]]  # party, covers, amount
    contributions_total: str
    lines: list[tuple[str, str, str]]  # name, budget, actual
    budget_total: str
    actual_total: str
    cost_per_pair: str


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
    background: list[str] = field(default_factory=list)
    future: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    activity_types: list[tuple[str, str, str]] = field(default_factory=list)
    weekly: list[WeeklyPlace] = field(default_factory=list)
    fairs: list[tuple[str, str]] = field(default_factory=list)
    results: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    goals_this_year: list[GoalLine] = field(default_factory=list)
    goals_next_year: list[GoalLine] = field(default_factory=list)
    year: int = 0
    finances: Finances | None = None


def _count(value: int | None, suppressed: bool) -> str:
    if value is None:
        return "–"
    return show(value) if suppressed else str(value)


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


def _weekly_places(programme: Programme, period: Period) -> list[WeeklyPlace]:
    """Places with language cafés every week in the period, and how often: one query."""
    schedules = (
        Schedule.objects.filter(
            activity__programme=programme,
            activity__type=ActivityType.LANGUAGE_CAFE,
            starts_on__lte=period.end,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .select_related("activity__venue__district", "activity__district")
        .order_by("activity__venue__name", "start_time")
    )
    places: dict[str, dict[str, int]] = {}
    for schedule in schedules:
        activity = schedule.activity
        venue = activity.venue
        district = activity.district or (venue.district if venue else None)
        place = venue.name if venue else (district.name if district else activity.title)
        if district and venue and district.name not in venue.name:
            place = f"{district.name}, {venue.name}"
        hour = schedule.start_time.hour
        part = "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
        counts = places.setdefault(place, {})
        counts[part] = counts.get(part, 0) + len(rule_weekdays(schedule.rule))
    result = []
    for place, counts in sorted(places.items(), key=lambda item: -sum(item[1].values())):
        texts = []
        for part, n in counts.items():
            if part == "morning":
                texts.append(
                    ngettext("%(n)d morning a week", "%(n)d mornings a week", n) % {"n": n}
                )
            elif part == "afternoon":
                texts.append(
                    ngettext("%(n)d afternoon a week", "%(n)d afternoons a week", n) % {"n": n}
                )
            else:
                texts.append(
                    ngettext("%(n)d evening a week", "%(n)d evenings a week", n) % {"n": n}
                )
        result.append(WeeklyPlace(place, ", ".join(texts)))
    return result


def _goal_lines(results: list[tuple[Any, GoalResult]]) -> list[GoalLine]:
    return [GoalLine(g.title, r.status_label, r.status, r.percent) for g, r in results]


def _finances(programme: Programme, year: int) -> Finances | None:
    f = year_finances(programme, year)
    if not f.contributions and not f.lines:
        return None
    per_pair = f.cost_per_new_pair
    return Finances(
        year=year,
        contributions=[
            (c.party.name, c.get_covers_display(), kr(c.amount)) for c in f.contributions
        ],
        contributions_total=kr(f.contributions_total),
        lines=[(line.name, kr(line.budget), kr(line.actual)) for line in f.lines],
        budget_total=kr(f.total.budget),
        actual_total=kr(f.total.actual),
        cost_per_pair=kr(round(per_pair)) if per_pair is not None else "–",
    )


def build_content(
    programme: Programme,
    period: Period,
    *,
    today: datetime.date,
    suppressed: bool,
    image_format: str = "svg",
) -> Content:
    """Everything the document shows, in Swedish."""
    with translation.override(DOCUMENT_LANGUAGE):
        year = period.end.year
        # The partners compare with the same months a year earlier (jan–okt with jan–okt).
        report = build(
            programme,
            period,
            today=today,
            comparison=period.year_earlier(),
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
        charts = charts_for(by_slug, image_format=image_format)
        types: list[tuple[str, str, str]] = []
        type_table = by_slug.get("sessions-by-type")
        if type_table is not None:
            rows = type_table.values[:-1] if type_table.has_total_row else type_table.values
            labels = type_table.labels[: len(rows)]
            types = [
                (label, str(row[0]), str(row[1])) for label, row in zip(labels, rows, strict=True)
            ]
        fairs = [(f"{r.event}", f"{r.date:%Y-%m-%d}") for r in report.current.funnel]
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
            future=paragraphs(text.future) if text else [],
            summary=paragraphs(text.summary) if text else [],
            signatures=text.signature_lines if text else [],
            activity_types=types,
            weekly=_weekly_places(programme, period),
            fairs=fairs,
            results=_results(report, suppressed),
            tables=tables,
            charts=charts,
            goals_this_year=_goal_lines(report.goals_by_year.get(year, [])),
            goals_next_year=_goal_lines(report.goals_by_year.get(year + 1, [])),
            year=year,
            finances=_finances(programme, year),
        )
