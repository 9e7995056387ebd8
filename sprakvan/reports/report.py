"""One report: the figures of a period and its comparison, its tables, key figures and goals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sprakvan.activities.models import ActivityType
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.participants.choices import Gender, Group, Status

from . import goals as goal_rules
from .key_figures import KeyFigure, key_figures
from .queries import load_rows
from .statistics import (
    COMPARE_PREVIOUS,
    COMPARE_YEAR_EARLIER,
    GENDERS,
    GROUPS,
    Figures,
    Period,
    Rows,
    figures,
    new_pairs_per_month,
)
from .tables import Table, Value


def _labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def activity_type_labels() -> dict[str, str]:
    return _labels(ActivityType.choices)


def end_reason_labels() -> dict[str, str]:
    return _labels(Pair.EndReason.choices)


def referral_outcome_labels() -> dict[str, str]:
    """A referral's outcome (the person's status at the period's end) as a column header."""
    return {
        Status.MATCHED: _("Got a pair"),
        Status.WAITING: _("Waiting"),
        Status.PAUSED: _("Paused"),
        Status.LEFT: _("Has left"),
    }


def month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


@dataclass
class Report:
    programme: Programme | None
    period: Period
    comparison: Period
    today: datetime.date
    current: Figures
    previous: Figures
    rows: Rows
    goal_years: tuple[int, ...] = ()
    # The goals of the period's year (and earlier years asked), with their status at `as_of`.
    goals_by_year: dict[int, list[tuple[Any, goal_rules.GoalResult]]] = field(default_factory=dict)
    # Goals set for years after the period's: plain goals, no status (nothing to judge yet).
    plain_goals: dict[int, list[Any]] = field(default_factory=dict)
    # Of those, the district goals with an activity in preparation there (goals.preparing_goals).
    preparing_goals: set[int] = field(default_factory=set)
    compare: str = COMPARE_YEAR_EARLIER

    @property
    def as_of(self) -> datetime.date:
        """The day the period's figures stand on: its last day, or today if that is earlier."""
        return min(self.today, self.period.end)

    @property
    def goal_year(self) -> int | None:
        return self.period.end.year if self.goal_years else None

    @property
    def goal_results(self) -> list[tuple[Any, goal_rules.GoalResult]]:
        return self.goals_by_year.get(self.goal_year, []) if self.goal_year else []

    @property
    def next_goal_year(self) -> int | None:
        return self.goal_year + 1 if self.goal_year else None

    @property
    def next_goals(self) -> list[Any]:
        """The goals set for the year after the period's (without status)."""
        return self.plain_goals.get(self.next_goal_year, []) if self.next_goal_year else []

    @property
    def period_caption(self) -> str:
        """The caption of a table of the period alone."""
        return _("Period: %(period)s.") % {"period": period_label(self.period)}

    @property
    def comparison_caption(self) -> str:
        """The caption of a table that compares: both periods and the rule."""
        return _("Period: %(period)s. %(comparison)s") % {
            "period": period_label(self.period),
            "comparison": self.comparison_text,
        }

    @property
    def comparison_text(self) -> str:
        """How the comparison period was chosen, for a table's caption."""
        return comparison_text(self.compare, self.comparison)

    @property
    def key_figures(self) -> list[KeyFigure]:
        return key_figures(self.current, self.previous)

    # Tables ---------------------------------------------------------------------------------

    def key_figure_table(self) -> Table:
        figures = self.key_figures
        return Table(
            slug="key-figures",
            title=_("Key figures"),
            label_header=_("Measure"),
            headers=[period_label(self.period), period_label(self.comparison)],
            labels=[f.label for f in figures],
            values=[[f.current, f.previous] for f in figures],
            caption=self.comparison_caption,
            count_columns=[True, True],
            row_keys=[f.slug for f in figures],
            count_rows=[f.is_count for f in figures],
        )

    def registration_table(self) -> Table:
        genders = _labels(Gender.choices)
        groups = _labels(Group.choices)
        return Table(
            slug="registrations",
            caption=self.period_caption,
            title=_("Registrations by group and gender, %(period)s")
            % {"period": period_label(self.period)},
            label_header=_("Group"),
            headers=[genders[g] for g in GENDERS],
            labels=[groups[g] for g in GROUPS],
            values=[[self.current.registrations[g][x] for x in GENDERS] for g in GROUPS],
            row_totals=True,
            column_totals=True,
            total_label=_("Total"),
        )

    def pairs_per_month_table(self) -> Table:
        this = new_pairs_per_month(self.rows.pairs, self.period)
        before = new_pairs_per_month(self.rows.pairs, self.comparison)
        months_now = list(this)
        months_before = list(before)
        count = max(len(months_now), len(months_before))
        labels: list[str] = []
        values: list[list[Value]] = []
        for i in range(count):
            now = months_now[i] if i < len(months_now) else None
            was = months_before[i] if i < len(months_before) else None
            labels.append(" / ".join(month_label(*m) for m in (now, was) if m is not None))
            values.append([this[now] if now else 0, before[was] if was else 0])
        return Table(
            slug="new-pairs-per-month",
            title=_("New language-friend pairs per month"),
            label_header=_("Month"),
            headers=[period_label(self.period), period_label(self.comparison)],
            labels=labels,
            values=values,
            caption=self.comparison_caption,
            column_totals=True,
            total_label=_("Total"),
        )

    def ended_pairs_table(self) -> Table:
        reasons = end_reason_labels()
        items = self.current.pairs.ended_by_reason
        return Table(
            slug="ended-pairs",
            caption=self.period_caption,
            title=_("Pairs that ended, by reason"),
            label_header=_("Reason"),
            headers=[_("Pairs")],
            labels=[reasons.get(k, k) for k in items],
            values=[[v] for v in items.values()],
            column_totals=True,
            total_label=_("Total"),
        )

    def sessions_by_district_table(self) -> Table:
        s = self.current.sessions
        return Table(
            slug="sessions-by-district",
            caption=self.period_caption,
            title=_("Sessions and attendance by district"),
            label_header=_("District"),
            headers=[_("Sessions"), _("Attendance"), _("Per session")],
            labels=[k or _("(no district)") for k in s.by_district],
            values=[[n, a, round(a / n, 1) if n else None] for n, a in s.by_district.values()],
            column_totals=True,
            count_columns=[True, True, False],
            total_label=_("Total"),
        )

    def sessions_by_type_table(self) -> Table:
        s = self.current.sessions
        types = activity_type_labels()
        return Table(
            slug="sessions-by-type",
            caption=self.period_caption,
            title=_("Sessions and attendance by activity type"),
            label_header=_("Activity type"),
            headers=[_("Sessions"), _("Attendance"), _("Per session")],
            labels=[types.get(k, k) for k in s.by_type],
            values=[[n, a, round(a / n, 1) if n else None] for n, a in s.by_type.values()],
            column_totals=True,
            count_columns=[True, True, False],
            total_label=_("Total"),
        )

    def attendance_table(self) -> Table:
        s = self.current.sessions
        return Table(
            slug="attendance",
            caption=self.period_caption,
            title=_("Who came to the sessions"),
            label_header=_("Group"),
            headers=[_("Named"), _("Walk-in")],
            labels=[_("Newcomers"), _("Established residents")],
            values=[
                [s.named_newcomers, s.walk_in_newcomers],
                [s.named_established, s.walk_in_established],
            ],
            row_totals=True,
            column_totals=True,
            total_label=_("Total"),
        )

    def referrals_table(self) -> Table:
        labels = referral_outcome_labels()
        outcomes = list(labels)
        items = self.current.referrals
        return Table(
            slug="referrals",
            caption=_("Period: %(period)s. What had become of each person by %(day)s.")
            % {"period": period_label(self.period), "day": f"{self.as_of:%Y-%m-%d}"},
            title=_("Referrals by organisation and what became of them"),
            label_header=_("Organisation"),
            headers=[labels[o] for o in outcomes],
            labels=list(items),
            values=[[counts.get(o, 0) for o in outcomes] for counts in items.values()],
            row_totals=True,
            column_totals=True,
            total_label=_("Total"),
        )

    def outreach_table(self) -> Table:
        rows = self.current.funnel
        return Table(
            slug="outreach",
            caption=self.period_caption,
            title=_("Outreach events: leads, registrations and pairs"),
            label_header=_("Event"),
            headers=[_("Date"), _("Leads"), _("Registered"), _("In a pair")],
            labels=[r.event for r in rows],
            values=[[r.date, r.leads, r.registered, r.paired] for r in rows],
            column_totals=True,
            count_columns=[False, True, True, True],
            total_label=_("Total"),
        )

    def goals_table(self) -> Table:
        return Table(
            slug="goals",
            caption=_("Status on %(day)s, from the data up to that day.")
            % {"day": f"{self.as_of:%Y-%m-%d}"},
            title=_("Goals %(year)s") % {"year": self.goal_year},
            label_header=_("Goal"),
            headers=[_("Status"), _("Progress (%)"), _("Now"), _("Target")],
            labels=[goal.title for goal, _result in self.goal_results],
            values=[
                [r.status_label, r.percent, r.current, r.target] for _goal, r in self.goal_results
            ],
            count_columns=[False, False, False, False],
        )

    def tables(self) -> list[Table]:
        """Every table of the report, in page order."""
        tables = [
            self.key_figure_table(),
            self.registration_table(),
            self.pairs_per_month_table(),
            self.ended_pairs_table(),
            self.sessions_by_district_table(),
            self.sessions_by_type_table(),
            self.attendance_table(),
            self.referrals_table(),
            self.outreach_table(),
        ]
        if self.goal_year is not None:
            tables.append(self.goals_table())
        return tables


def period_label(period: Period) -> str:
    return f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"


def comparison_text(rule: str, comparison: Period) -> str:
    """ "Compared with the same months a year earlier (2018-01-01 – 2018-10-31)"."""
    if rule == COMPARE_PREVIOUS:
        text = _("Compared with the period just before (%(period)s).")
    elif rule == COMPARE_YEAR_EARLIER:
        text = _("Compared with the same months a year earlier (%(period)s).")
    else:
        text = _("Compared with %(period)s.")
    return text % {"period": period_label(comparison)}


def build(
    programme: Programme | None,
    period: Period,
    *,
    today: datetime.date,
    comparison: Period | None = None,
    compare: str = COMPARE_YEAR_EARLIER,
    goal_years: tuple[int, ...] = (),
) -> Report:
    """Load the rows once and compute the period, its comparison and the goals.

    The comparison follows the one rule (`Period.compared_with`): the same months a year
    earlier unless `compare` is COMPARE_PREVIOUS. Of `goal_years`, the period's year (and
    any earlier) is judged as it stood at the period's end, from data up to that day; later
    years' goals are only listed (`plain_goals`)."""
    comparison = comparison or period.compared_with(compare)
    as_of = min(today, period.end)
    judged = tuple(y for y in goal_years if y <= period.end.year)
    parts = [period, comparison, *(goal_rules.goal_window(y) for y in judged)]
    window = Period(min(p.start for p in parts), max(p.end for p in parts))
    # Goals need each year so far (to the period's end) and the year before.
    goal_periods = (
        [
            Period(
                datetime.date(y, 1, 1),
                max(datetime.date(y, 1, 1), min(as_of, datetime.date(y, 12, 31))),
            )
            for y in judged
        ]
        + [Period.year(y) for y in judged]
        + [Period.year(y - 1) for y in judged]
    )
    rows = load_rows(
        programme,
        window,
        today=today,
        waiting_days=(period.end, comparison.end),
        periods=[period, comparison, *goal_periods],
    )
    report = Report(
        programme=programme,
        period=period,
        comparison=comparison,
        today=today,
        current=figures(rows, period),
        previous=figures(rows, comparison),
        rows=rows,
        goal_years=goal_years,
        compare=compare if comparison == period.compared_with(compare) else "",
    )
    if goal_years and programme is not None:
        goals = goal_rules.goals_for(programme, goal_years)
        for year in goal_years:
            mine = [g for g in goals if g.year == year]
            if year in judged:
                report.goals_by_year[year] = goal_rules.evaluate_goals(
                    mine, rows, year=year, today=as_of
                )
            else:
                report.plain_goals[year] = mine
                report.preparing_goals |= goal_rules.preparing_goals(mine, on=as_of)
    return report


def year_to_date(today: datetime.date) -> tuple[Period, Period]:
    """This year so far, and the same dates last year."""
    period = Period(datetime.date(today.year, 1, 1), today)
    return period, period.year_earlier()
