"""The outreach funnel (leads → registered → matched → active pair) over plain rows; no Django."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outcome:
    """What became of one participant: their group, ever matched, in an active pair now."""

    group: str
    matched: bool
    active: bool


@dataclass
class FunnelCounts:
    leads: int = 0
    registered: int = 0
    matched: int = 0
    active: int = 0
    established_registered: int = 0
    established_matched: int = 0
    participant_ids: set[int] = field(default_factory=set, repr=False)

    @property
    def established_share(self) -> int:
        """Established residents among those registered, in whole percent."""
        return round(100 * self.established_registered / self.registered) if self.registered else 0


def funnel(
    *,
    leads: Iterable[tuple[Hashable, int | None]],
    arrivals: Iterable[tuple[Hashable, int]],
    outcomes: dict[int, Outcome],
) -> dict[Hashable, FunnelCounts]:
    """Counts per key (an event, a source).

    `leads` are (key, the participant the lead became or None); `arrivals` are (key,
    participant) for people who registered through the key's link or source. A person counts
    once per key even when they are both a linked lead and an arrival.
    """
    result: dict[Hashable, FunnelCounts] = {}
    for key, participant_id in leads:
        counts = result.setdefault(key, FunnelCounts())
        counts.leads += 1
        if participant_id is not None:
            counts.participant_ids.add(participant_id)
    for key, participant_id in arrivals:
        result.setdefault(key, FunnelCounts()).participant_ids.add(participant_id)
    for counts in result.values():
        for participant_id in counts.participant_ids:
            outcome = outcomes.get(participant_id)
            if outcome is None:
                continue
            counts.registered += 1
            counts.matched += outcome.matched
            counts.active += outcome.active
            if outcome.group == "established":
                counts.established_registered += 1
                counts.established_matched += outcome.matched
    return result


def total(counts: Iterable[FunnelCounts]) -> FunnelCounts:
    """The sum of several keys' counts (a person reached through two events counts twice)."""
    result = FunnelCounts()
    for c in counts:
        result.leads += c.leads
        result.registered += c.registered
        result.matched += c.matched
        result.active += c.active
        result.established_registered += c.established_registered
        result.established_matched += c.established_matched
    return result


def best_for_established(counts: dict[Hashable, FunnelCounts], *, top: int = 3) -> list[Hashable]:
    """The keys that brought the most established residents (the scarce side), best first."""
    ranked = sorted(
        (key for key, c in counts.items() if c.established_registered > 0),
        key=lambda key: (-counts[key].established_registered, -counts[key].established_matched),
    )
    return ranked[:top]
