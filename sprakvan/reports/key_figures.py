"""The key figures of a report: registrations, pairs, waits, the waiting list and sessions of a
period beside its comparison period."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .statistics import Figures


@dataclass
class KeyFigure:
    slug: str
    label: str
    current: int | float | None
    previous: int | float | None
    is_count: bool = True


def key_figures(c: Figures, p: Figures) -> list[KeyFigure]:
    """The key figures of a period (c) beside its comparison (p), in the order shown."""
    result = [
        KeyFigure(
            "newcomers",
            _("Registered newcomers"),
            c.registrations["newcomer"]["total"],
            p.registrations["newcomer"]["total"],
        ),
        KeyFigure(
            "established",
            _("Registered established residents"),
            c.registrations["established"]["total"],
            p.registrations["established"]["total"],
        ),
    ]
    result += [
        KeyFigure("new_pairs", _("New language-friend pairs"), c.pairs.new, p.pairs.new),
        KeyFigure(
            "active_pairs",
            _("Active language-friend pairs"),
            c.pairs.active,
            p.pairs.active,
        ),
        KeyFigure("ended_pairs", _("Pairs that ended"), c.pairs.ended, p.pairs.ended),
        KeyFigure(
            "median_wait",
            _("Median wait for a language friend (days)"),
            c.pairs.median_wait_days,
            p.pairs.median_wait_days,
            is_count=False,
        ),
        KeyFigure(
            "longest_wait",
            _("Longest wait for a language friend (days)"),
            c.pairs.longest_wait_days,
            p.pairs.longest_wait_days,
            is_count=False,
        ),
    ]
    if c.waiting_at_end is not None and p.waiting_at_end is not None:
        result += [
            KeyFigure(
                "waiting_newcomers",
                _("Newcomers waiting at the end of the period"),
                c.waiting_at_end["newcomer"],
                p.waiting_at_end["newcomer"],
            ),
            KeyFigure(
                "waiting_established",
                _("Established residents waiting at the end of the period"),
                c.waiting_at_end["established"],
                p.waiting_at_end["established"],
            ),
        ]
    result += [
        KeyFigure("sessions", _("Sessions held"), c.sessions.sessions, p.sessions.sessions),
        KeyFigure(
            "attendance",
            _("Attendance at sessions"),
            c.sessions.attendance,
            p.sessions.attendance,
        ),
        KeyFigure(
            "average_attendance",
            _("Participants per session"),
            c.sessions.average_per_session,
            p.sessions.average_per_session,
            is_count=False,
        ),
    ]
    return result
