"""Pure statistics over plain rows (no Django): periods, registrations, pairs, waits, sessions.

The rows come from `queries.py`, already aggregated by the database; everything here is
arithmetic that can be tested without one. Definitions: docs/statistics.md. This package's
interface is re-exported here; behind it, `periods` holds the date ranges, `people` the
registrations and pairs, `activities` the sessions, referrals and outreach, and `summary`
the figures of a whole period and their JSON shape.
"""

from __future__ import annotations

from .activities import (
    FunnelRow,
    ReferralRow,
    SessionFigures,
    SessionRow,
    funnel_totals,
    referrals_by_organisation,
    session_figures,
    sessions_per_month,
)
from .people import (
    GENDERS,
    GROUPS,
    PairFigures,
    PairRow,
    RegistrationRow,
    is_active,
    is_ended,
    is_new,
    median_of_histogram,
    new_pairs_per_month,
    pair_figures,
    registrations,
)
from .periods import (
    COMPARE_PREVIOUS,
    COMPARE_YEAR_EARLIER,
    COMPARISONS,
    Period,
    add_months,
    whole_months,
)
from .summary import CURRENT, PREVIOUS, Figures, Rows, change, figures, figures_as_json, percent

__all__ = [
    "COMPARE_PREVIOUS",
    "COMPARE_YEAR_EARLIER",
    "COMPARISONS",
    "CURRENT",
    "GENDERS",
    "GROUPS",
    "PREVIOUS",
    "Figures",
    "FunnelRow",
    "PairFigures",
    "PairRow",
    "Period",
    "ReferralRow",
    "RegistrationRow",
    "Rows",
    "SessionFigures",
    "SessionRow",
    "add_months",
    "change",
    "figures",
    "figures_as_json",
    "funnel_totals",
    "is_active",
    "is_ended",
    "is_new",
    "median_of_histogram",
    "new_pairs_per_month",
    "pair_figures",
    "percent",
    "referrals_by_organisation",
    "registrations",
    "session_figures",
    "sessions_per_month",
    "whole_months",
]
