"""Every figure of one period from the rows of a window, its JSON shape, and comparisons."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .activities import (
    FunnelRow,
    ReferralRow,
    SessionFigures,
    SessionRow,
    as_of,
    referrals_by_organisation,
    session_figures,
)
from .people import GROUPS, PairFigures, PairRow, RegistrationRow, pair_figures, registrations
from .periods import Period

CURRENT = "current"
PREVIOUS = "previous"


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def change(current: float | None, previous: float | None) -> float | None:
    """current − previous, or None when either is unknown."""
    if current is None or previous is None:
        return None
    return round(current - previous, 1)


# The whole report ------------------------------------------------------------------------------


@dataclass
class Rows:
    """Everything the statistics need for one window."""

    window: Period
    today: datetime.date
    registrations: list[RegistrationRow]
    waiting_now: dict[str, int]
    pairs: list[PairRow]
    sessions: list[SessionRow]
    referrals: list[ReferralRow]
    funnel: list[FunnelRow]
    waiting_at: dict[datetime.date, dict[str, int]] = field(default_factory=dict)
    # When sessions are summed per piece of the window: the days that start a piece.
    session_cuts: set[datetime.date] | None = None

    def check_period(self, period: Period) -> None:
        """Sessions summed per piece answer only periods made of whole pieces."""
        if self.session_cuts is None:
            return
        edges = {*self.session_cuts, self.window.start, self.window.end + datetime.timedelta(1)}
        if period.start not in edges or period.end + datetime.timedelta(1) not in edges:
            raise ValueError(f"the rows were not loaded for {period}")


@dataclass
class Figures:
    """Every figure for one period; `waiting_at_end` is None when the rows were not loaded
    for the period's last day."""

    period: Period
    registrations: dict[str, dict[str, int]]
    pairs: PairFigures
    waiting_at_end: dict[str, int] | None
    sessions: SessionFigures
    referrals: dict[str, dict[str, int]]
    funnel: list[FunnelRow]


def figures(rows: Rows, period: Period) -> Figures:
    if not (rows.window.start <= period.start and period.end <= rows.window.end):
        raise ValueError("the period must lie inside the rows' window")
    rows.check_period(period)
    return Figures(
        period=period,
        registrations=registrations(rows.registrations, period),
        pairs=pair_figures(rows.pairs, period),
        waiting_at_end=rows.waiting_at.get(period.end),
        # Sessions after `today` are only planned: they are not counted as held.
        sessions=session_figures([r for r in rows.sessions if r.on <= rows.today], period),
        referrals=referrals_by_organisation(rows.referrals, period),
        funnel=[r for r in rows.funnel if period.contains(r.date) and as_of(r.at, period)],
    )


def figures_as_json(f: Figures) -> dict[str, Any]:
    """The JSON shape documented in docs/statistics.md."""
    s = f.sessions
    return {
        "period": {"from": f.period.start.isoformat(), "to": f.period.end.isoformat()},
        "registrations": {group: dict(f.registrations[group]) for group in GROUPS},
        "pairs": {
            "new": f.pairs.new,
            "active": f.pairs.active,
            "ended": f.pairs.ended,
            "ended_by_reason": dict(f.pairs.ended_by_reason),
            "median_wait_days": f.pairs.median_wait_days,
            "longest_wait_days": f.pairs.longest_wait_days,
        },
        "waiting_at_end": f.waiting_at_end,
        "sessions": {
            "held": s.sessions,
            "attendance": s.attendance,
            "average_per_session": s.average_per_session,
            "named": s.named,
            "walk_in": s.walk_in,
            "newcomers": s.newcomers,
            "established": s.established,
            "by_district": [
                {"district": k, "sessions": v[0], "attendance": v[1]}
                for k, v in s.by_district.items()
            ],
            "by_activity_type": [
                {"activity_type": k, "sessions": v[0], "attendance": v[1]}
                for k, v in s.by_type.items()
            ],
        },
        "referrals": [{"organisation": name, **counts} for name, counts in f.referrals.items()],
        "outreach": [
            {
                "event": r.event,
                "date": r.date.isoformat(),
                "leads": r.leads,
                "registered": r.registered,
                "paired": r.paired,
            }
            for r in f.funnel
        ],
    }
