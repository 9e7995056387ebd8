"""The matching engine's terms without numpy: its constants, the points per score component
(`Weights`) and why a pair fits (`Reason`).

The engine (`sprakvan.matching.engine`) loads numpy; the pages that set weights or put reasons
into words need only these, and so does every manage.py process that loads the URL map.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

GENDERS: tuple[str, ...] = ("woman", "man", "another", "undisclosed")
PARTS_OF_DAY = 3  # availability bit = weekday * 3 + part (0 morning, 1 afternoon, 2 evening)
SLOTS = 7 * PARTS_OF_DAY
COMPONENTS: tuple[str, ...] = (
    "same_district",
    "neighbouring_district",
    "availability_overlap",
    "shared_interests",
    "bridge_language",
    "age_difference",
    "waiting_time",
)
# Scores are kept in whole thousandths of a point ("milli"), as float32 holding integers: sums
# of them are exact in float32 below 2**24, and every cost, total and dual value in the solvers
# is an integer far below 2**53, exact in float64. So the optimum found is exactly optimal.
MILLI = 1000
MAX_SCORE_MILLI = 1 << 23


@dataclass(frozen=True)
class Weights:
    """Points per score component. All are non-negative, so every feasible score is >= 0."""

    same_district: float = 3.0
    neighbouring_district: float = 1.5
    availability_overlap: float = 0.5  # per shared weekly slot, up to availability_cap slots
    availability_cap: int = 4
    shared_interests: float = 1.0  # per shared interest, up to interests_cap interests
    interests_cap: int = 3
    # A shared language besides Swedish, at full weight for a newcomer at Swedish level 1,
    # falling by a fifth per level: a bridge helps most at the start.
    bridge_language: float = 2.0
    # Closeness bonus: full at the same age, falling linearly to nothing at age_span years apart.
    age_difference: float = 1.0
    age_span: int = 30
    # Per 30 days waited, counted up to waiting_cap_days, for each side. A year's wait is worth
    # about six points, about half of the best local match (same district, shared evenings and
    # interests, a bridge language: about eleven). So waiting decides between comparable
    # candidates and lifts a long waiter over a somewhat better fresh one, but a fresh newcomer
    # who fits well still beats a year-long waiter who barely fits.
    waiting_time: float = 0.5
    waiting_cap_days: int = 365

    def __post_init__(self) -> None:
        for weight in fields(self):
            if getattr(self, weight.name) < 0:
                raise ValueError(f"weight {weight.name} must not be negative")
        if self.age_span <= 0:
            raise ValueError("age_span must be positive")


@dataclass(frozen=True)
class Reason:
    """One reason why two people fit, for the caller to put into words.

    Codes and params: same_district {district}; neighbouring_district {newcomer_district,
    established_district}; shared_slot {slot, weekday, part}; shared_interest {interest};
    bridge_language {language}; age_close {years}; waited {side, days}.
    """

    code: str
    params: Mapping[str, int | str] = field(default_factory=dict)
