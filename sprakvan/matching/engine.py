"""Matching engine: scores newcomer–established pairs and proposes the optimal set of pairs.

Pure numpy/scipy, no Django: the caller builds one `Pool` per side from the database, and renders
each proposal's `Reason`s in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, fields

import numpy as np

from sprakvan.matching import assignment
from sprakvan.matching.assignment import Method, in_blocks

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
class Person:
    """One participant as the engine sees them; `Pool.from_people` turns a list into columns."""

    id: int
    district: int = -1
    availability: int = 0
    interests: int = 0
    languages: int = 0
    swedish_level: int = 0
    birth_year: int = 0
    gender: str = "undisclosed"
    wish_gender: str = ""
    wish_age_min: int = 0
    wish_age_max: int = 0
    is_family: bool = False
    accepts_family: bool = False
    capacity: int = 1
    registered_on: dt.date | None = None


_COLUMNS: dict[str, tuple[type[np.generic], int]] = {
    "district": (np.int32, -1),
    "availability": (np.uint32, 0),
    "interests": (np.uint64, 0),
    "languages": (np.uint64, 0),
    "swedish_level": (np.int8, 0),
    "birth_year": (np.int32, 0),
    "gender": (np.int8, GENDERS.index("undisclosed")),
    "wish_gender": (np.int8, -1),
    "wish_age_min": (np.int16, 0),
    "wish_age_max": (np.int16, 0),
    "is_family": (np.bool_, 0),
    "accepts_family": (np.bool_, 0),
    "capacity": (np.int32, 1),
    "registered_on": (np.int32, 0),
}
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


@dataclass(frozen=True, eq=False)
class Pool:
    """One side of the market as columns, one entry per person.

    Bitmasks: availability (21 slots), interests and languages (up to 64 indices each).
    gender holds indices into GENDERS (strings are accepted); wish_gender likewise, with -1 or
    "" for no wish. registered_on holds date ordinals (dates and datetime64 are accepted), 0 if
    unknown. `Pool.from_arrays` fills omitted columns with neutral defaults.
    """

    ids: np.ndarray
    district: np.ndarray
    availability: np.ndarray
    interests: np.ndarray
    languages: np.ndarray
    swedish_level: np.ndarray
    birth_year: np.ndarray
    gender: np.ndarray
    wish_gender: np.ndarray
    wish_age_min: np.ndarray
    wish_age_max: np.ndarray
    is_family: np.ndarray
    accepts_family: np.ndarray
    capacity: np.ndarray
    registered_on: np.ndarray

    def __post_init__(self) -> None:
        ids = np.asarray(self.ids, dtype=np.int64).reshape(-1)
        if np.unique(ids).size != ids.size:
            raise ValueError("ids must be unique within a pool")
        object.__setattr__(self, "ids", ids)
        for name, (dtype, _) in _COLUMNS.items():
            column = _column(name, getattr(self, name), dtype)
            if column.size != ids.size:
                raise ValueError(f"column {name} has {column.size} entries, ids has {ids.size}")
            object.__setattr__(self, name, column)
        if (self.capacity < 0).any():
            raise ValueError("capacity must not be negative")

    def __len__(self) -> int:
        return int(self.ids.size)

    @classmethod
    def from_arrays(cls, ids: Iterable[int] | np.ndarray, **columns: object) -> Pool:
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        unknown = set(columns) - set(_COLUMNS)
        if unknown:
            raise TypeError(f"unknown columns {sorted(unknown)}")
        for name, (dtype, default) in _COLUMNS.items():
            if columns.get(name) is None:
                columns[name] = np.full(ids.size, default, dtype=dtype)
        return cls(ids=ids, **columns)  # type: ignore[arg-type]

    @classmethod
    def from_people(cls, people: Iterable[Person]) -> Pool:
        people = list(people)
        columns = {
            name: np.array([getattr(person, name) for person in people], dtype=object)
            for name in _COLUMNS
        }
        return cls.from_arrays([person.id for person in people], **columns)


def _column(name: str, value: object, dtype: type[np.generic]) -> np.ndarray:
    array = np.asarray(value)
    if name in ("gender", "wish_gender") and array.dtype.kind in "OUS":
        codes = {gender: index for index, gender in enumerate(GENDERS)}
        if name == "wish_gender":
            codes[""] = -1
        try:
            array = np.array([codes[str(v)] for v in array.reshape(-1)], dtype=np.int64)
        except KeyError as error:
            raise ValueError(f"unknown {name} {error}") from None
    elif array.dtype.kind == "M":
        days = array.astype("datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL
        array = np.where(np.isnat(array), 0, days)
    elif array.dtype == object:
        wide = np.uint64 if dtype is np.uint64 else np.int64
        array = np.array([_plain(v) for v in array.reshape(-1)], dtype=wide)
    return array.astype(dtype).reshape(-1)


def _plain(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return value.toordinal()
    return int(value)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Reason:
    """One reason why two people fit, for the caller to put into words.

    Codes and params: same_district {district}; neighbouring_district {newcomer_district,
    established_district}; shared_slot {slot, weekday, part}; shared_interest {interest};
    bridge_language {language}; age_close {years}; waited {side, days}.
    """

    code: str
    params: Mapping[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    newcomer_id: int
    established_id: int
    score: float
    reasons: list[Reason]
    components: Mapping[str, float]


class _Lookup:
    """A component that depends only on a small code per person on each side: one gather."""

    def __init__(self, codes_n: np.ndarray, codes_v: np.ndarray, table: np.ndarray) -> None:
        self.codes_n, self.codes_v = codes_n, codes_v
        self.table = np.asarray(table, dtype=np.float32)

    def block(
        self, rows: np.ndarray, cols: np.ndarray, row_extra: np.ndarray | None = None
    ) -> np.ndarray:
        table = self.table[self.codes_n[rows]]
        if row_extra is not None:
            table += row_extra[:, None]  # cheaper on the small table than on the block
        return np.take(table, self.codes_v[cols], axis=1)

    def at(self, i: int, j: int) -> float:
        return float(self.table[self.codes_n[i], self.codes_v[j]])


class _Context:
    """Per-person codes and small lookup tables from which score blocks are assembled."""

    def __init__(
        self,
        newcomers: Pool,
        volunteers: Pool,
        *,
        weights: Weights,
        neighbours: np.ndarray | Iterable[tuple[int, int]] | None,
        forbidden: Collection[tuple[int, int]],
        today: dt.date,
    ) -> None:
        w = weights
        self.newcomers, self.volunteers, self.weights = newcomers, volunteers, weights
        n, v = newcomers, volunteers

        districts = 1 + max(int(n.district.max(initial=-1)), int(v.district.max(initial=-1)))
        self.neighbours = _neighbour_matrix(neighbours, districts)
        size = self.neighbours.shape[0]
        place = np.zeros((size + 1, size + 1))  # index 0: district unknown
        place[1:, 1:] = np.where(
            np.eye(size, dtype=bool),
            w.same_district,
            np.where(self.neighbours, w.neighbouring_district, 0.0),
        )
        place = _milli(place)
        place_n, place_v = n.district.astype(np.intp) + 1, v.district.astype(np.intp) + 1
        self.place = _Lookup(place_n, place_v, place)
        # Gender wishes (either side's) and families are hard constraints: -inf in the table.
        who_n, (gender_n, wish_n, family) = _codes(n.gender, n.wish_gender, n.is_family)
        who_v, (gender_v, wish_v, accepts) = _codes(v.gender, v.wish_gender, v.accepts_family)
        allowed = (
            ((wish_n[:, None] < 0) | (wish_n[:, None] == gender_v[None, :]))
            & ((wish_v[None, :] < 0) | (wish_v[None, :] == gender_n[:, None]))
            & ((family[:, None] == 0) | (accepts[None, :] != 0))
        )
        who = np.where(allowed, 0.0, -np.inf).astype(np.float32)
        both_n, (place_code_n, who_code_n) = _codes(place_n, who_n)
        both_v, (place_code_v, who_code_v) = _codes(place_v, who_v)
        if both_n.size and both_v.size and place_code_n.size * place_code_v.size <= 1 << 20:
            table = place[place_code_n][:, place_code_v] + who[who_code_n][:, who_code_v]
            self.lookups = [_Lookup(both_n, both_v, table)]
        else:
            self.lookups = [self.place, _Lookup(who_n, who_v, who)]

        self.age_n, self.age_v = _ages(n.birth_year, today), _ages(v.birth_year, today)
        ages = np.arange(-1, 121)
        gap = np.abs(ages[:, None] - ages[None, :])
        close = w.age_difference * np.maximum(0.0, 1.0 - gap / w.age_span)
        close[0, :] = close[:, 0] = 0.0  # an unknown age earns nothing
        self.age_close = _Lookup(self.age_n + 1, self.age_v + 1, _milli(close))
        self.lookups.append(self.age_close)
        self.age_wish_n = np.flatnonzero((n.wish_age_min > 0) | (n.wish_age_max > 0))
        self.age_wish_v = np.flatnonzero((v.wish_age_min > 0) | (v.wish_age_max > 0))

        level = n.swedish_level.astype(np.float64)
        factor = np.where((level >= 1) & (level <= 5), (6.0 - level) / 5.0, 1.0)
        self.bridge_n = _milli(w.bridge_language * factor)
        language_n, (masks_n, bridge) = _codes(n.languages, self.bridge_n)
        language_v, (masks_v,) = _codes(v.languages)
        self.language: _Lookup | None = None
        if masks_n.size * masks_v.size <= 1 << 20:
            shared = (masks_n.astype(np.uint64)[:, None] & masks_v.astype(np.uint64)[None, :]) != 0
            self.language = _Lookup(language_n, language_v, np.where(shared, bridge[:, None], 0))
            self.lookups.append(self.language)

        counts = np.arange(65)
        self.slot_points = _milli(w.availability_overlap * np.minimum(counts, w.availability_cap))
        self.slot_points[0] = -np.inf  # no shared slot at all: they could never meet
        self.interest_points = _milli(w.shared_interests * np.minimum(counts, w.interests_cap))

        self.days_n = _days_waited(n.registered_on, today)
        self.days_v = _days_waited(v.registered_on, today)
        self.wait_n = _milli(w.waiting_time * np.minimum(self.days_n, w.waiting_cap_days) / 30)
        self.wait_v = _milli(w.waiting_time * np.minimum(self.days_v, w.waiting_cap_days) / 30)
        most = sum(
            float(np.max(part[np.isfinite(part)], initial=0.0))
            for part in (place, close, self.bridge_n, self.slot_points, self.interest_points)
        ) + float(self.wait_n.max(initial=0.0) + self.wait_v.max(initial=0.0))
        if most >= MAX_SCORE_MILLI / 2:
            raise ValueError("weights are too large: scores must stay below 4,000 points")

        row_of = {int(i): k for k, i in enumerate(n.ids)}
        col_of = {int(i): k for k, i in enumerate(v.ids)}
        pairs = [(row_of[a], col_of[b]) for a, b in forbidden if a in row_of and b in col_of]
        self.forbidden_rows = np.array([a for a, _ in pairs], dtype=np.intp)
        self.forbidden_cols = np.array([b for _, b in pairs], dtype=np.intp)

    def block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Scores in thousandths for newcomers `rows` × volunteers `cols`, -inf if infeasible."""
        n, v = self.newcomers, self.volunteers
        first, *others = self.lookups
        scores = first.block(rows, cols, row_extra=self.wait_n[rows])
        for lookup in others:
            scores += lookup.block(rows, cols)
        if self.language is None:
            scores += ((n.languages[rows, None] & v.languages[None, cols]) != 0) * self.bridge_n[
                rows, None
            ]
        overlap = np.bitwise_count(n.availability[rows, None] & v.availability[None, cols])
        scores += np.take(self.slot_points, overlap)
        shared = np.bitwise_count(n.interests[rows, None] & v.interests[None, cols])
        scores += np.take(self.interest_points, shared)
        scores += self.wait_v[None, cols]
        self._age_wishes(scores, rows, cols)
        self._forbid(scores, rows, cols)
        return scores

    def _age_wishes(self, scores: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
        n, v = self.newcomers, self.volunteers
        local = np.flatnonzero(np.isin(rows, self.age_wish_n))
        if local.size:
            who = rows[local]
            bad = ~_age_allowed(n.wish_age_min[who], n.wish_age_max[who], self.age_v[cols])
            scores[local] = np.where(bad, -np.inf, scores[local])
        local = np.flatnonzero(np.isin(cols, self.age_wish_v))
        if local.size:
            who = cols[local]
            bad = ~_age_allowed(v.wish_age_min[who], v.wish_age_max[who], self.age_n[rows]).T
            scores[:, local] = np.where(bad, -np.inf, scores[:, local])

    def _forbid(self, scores: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
        if not self.forbidden_rows.size:
            return
        hit = np.isin(self.forbidden_rows, rows) & np.isin(self.forbidden_cols, cols)
        if not hit.any():
            return
        row_at = np.full(len(self.newcomers), -1, dtype=np.intp)
        row_at[rows] = np.arange(rows.size)
        col_at = np.full(len(self.volunteers), -1, dtype=np.intp)
        col_at[cols] = np.arange(cols.size)
        scores[row_at[self.forbidden_rows[hit]], col_at[self.forbidden_cols[hit]]] = -np.inf

    def components(self, i: int, j: int) -> dict[str, float]:
        """Points per component; for a feasible pair they add up exactly to its score."""
        n, v = self.newcomers, self.volunteers
        place = self.place.at(i, j)
        same = bool(n.district[i] >= 0 and n.district[i] == v.district[j])
        shared_language = bool(n.languages[i] & v.languages[j])
        milli = {
            "same_district": place if same else 0.0,
            "neighbouring_district": 0.0 if same else place,
            "availability_overlap": max(
                float(self.slot_points[int(n.availability[i] & v.availability[j]).bit_count()]),
                0.0,
            ),
            "shared_interests": float(
                self.interest_points[int(n.interests[i] & v.interests[j]).bit_count()]
            ),
            "bridge_language": float(self.bridge_n[i]) if shared_language else 0.0,
            "age_difference": self.age_close.at(i, j),
            "waiting_time": float(self.wait_n[i]) + float(self.wait_v[j]),
        }
        return {name: value / MILLI for name, value in milli.items()}

    def reasons(self, i: int, j: int) -> list[Reason]:
        n, v, w = self.newcomers, self.volunteers, self.weights
        found: list[Reason] = []
        district_n, district_v = int(n.district[i]), int(v.district[j])
        if district_n >= 0 and district_n == district_v and w.same_district:
            found.append(Reason("same_district", {"district": district_n}))
        elif (
            min(district_n, district_v) >= 0
            and self.neighbours[district_n, district_v]
            and w.neighbouring_district
        ):
            found.append(
                Reason(
                    "neighbouring_district",
                    {"newcomer_district": district_n, "established_district": district_v},
                )
            )
        if w.availability_overlap:
            for slot in _bits(int(n.availability[i] & v.availability[j])):
                weekday, part = divmod(slot, PARTS_OF_DAY)
                found.append(
                    Reason("shared_slot", {"slot": slot, "weekday": weekday, "part": part})
                )
        if w.shared_interests:
            for interest in _bits(int(n.interests[i] & v.interests[j])):
                found.append(Reason("shared_interest", {"interest": interest}))
        if w.bridge_language:
            for language in _bits(int(n.languages[i] & v.languages[j])):
                found.append(Reason("bridge_language", {"language": language}))
        age_n, age_v = int(self.age_n[i]), int(self.age_v[j])
        if w.age_difference and min(age_n, age_v) >= 0 and abs(age_n - age_v) * 3 <= w.age_span:
            found.append(Reason("age_close", {"years": abs(age_n - age_v)}))
        if w.waiting_time:
            for side, days in (("newcomer", self.days_n[i]), ("established", self.days_v[j])):
                if days > 0:
                    found.append(Reason("waited", {"side": side, "days": int(days)}))
        return found

    def proposal(self, i: int, j: int, milli: float) -> Proposal:
        return Proposal(
            newcomer_id=int(self.newcomers.ids[i]),
            established_id=int(self.volunteers.ids[j]),
            score=float(milli) / MILLI,
            reasons=self.reasons(i, j),
            components=self.components(i, j),
        )


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """Scores of every newcomer (row) × volunteer (column), with explanations per pair.

    `milli` holds the scores in whole thousandths of a point as float32, -inf where the pair
    is infeasible (a hard wish, family, no shared slot, or forbidden).
    """

    newcomers: Pool
    volunteers: Pool
    milli: np.ndarray
    _context: _Context = field(repr=False)

    @property
    def scores(self) -> np.ndarray:
        """The scores in points, float32, -inf where infeasible (a new array)."""
        return self.milli / np.float32(MILLI)

    @property
    def feasible(self) -> np.ndarray:
        return np.isfinite(self.milli)

    def score(self, i: int, j: int) -> float:
        return float(self.milli[i, j]) / MILLI

    def components(self, i: int, j: int) -> dict[str, float]:
        """Points per named component (see COMPONENTS) for newcomer row i, volunteer column j."""
        return self._context.components(i, j)

    def reasons(self, i: int, j: int) -> list[Reason]:
        return self._context.reasons(i, j)

    def proposal(self, i: int, j: int) -> Proposal:
        if not np.isfinite(self.milli[i, j]):
            raise ValueError("an infeasible pair is never proposed")
        return self._context.proposal(i, j, float(self.milli[i, j]))


def score_matrix(
    newcomers: Pool,
    volunteers: Pool,
    *,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
) -> ScoreResult:
    """Score all pairs, broadcasting over blocks of newcomers to bound temporary memory.

    `neighbours` is a boolean district × district matrix or a collection of district index
    pairs; `forbidden` holds (newcomer_id, established_id) pairs never to propose.
    """
    context = _Context(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    n, m = len(newcomers), len(volunteers)
    milli = np.empty((n, m), dtype=np.float32)
    cols = np.arange(m)

    def fill(start: int, stop: int) -> None:
        milli[start:stop] = context.block(np.arange(start, stop), cols)

    in_blocks(n, m, fill)
    return ScoreResult(newcomers, volunteers, milli, context)


def propose(
    newcomers: Pool,
    volunteers: Pool,
    *,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
    method: Method = "auto",
) -> list[Proposal]:
    """The set of pairs that gives the most people a friend and, among those, scores highest."""
    result = score_matrix(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    return assign(result, method=method)


def greedy(
    newcomers: Pool,
    volunteers: Pool,
    *,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
) -> list[Proposal]:
    """The "best pair first" baseline, for comparison only."""
    result = score_matrix(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    return assign_greedy(result)


def candidates_for(
    newcomers: Pool,
    volunteers: Pool,
    *,
    newcomer_id: int | None = None,
    established_id: int | None = None,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
    exclude: Collection[int] = frozenset(),
    limit: int = 5,
) -> list[Proposal]:
    """The best feasible partners of one person, best first, leaving out the ids in `exclude`.

    Only that person's row (or column) is scored, so this is cheap for the swap dialogue.
    """
    if (newcomer_id is None) == (established_id is None):
        raise ValueError("give exactly one of newcomer_id and established_id")
    context = _Context(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    if newcomer_id is not None:
        person = _index_of(newcomers, newcomer_id)
        milli = context.block(np.array([person]), np.arange(len(volunteers)))[0]
        others = volunteers.ids
    else:
        person = _index_of(volunteers, established_id)  # type: ignore[arg-type]
        milli = context.block(np.arange(len(newcomers)), np.array([person]))[:, 0]
        others = newcomers.ids
    excluded = np.fromiter(exclude, dtype=np.int64, count=len(exclude))
    order = np.flatnonzero(np.isfinite(milli) & ~np.isin(others, excluded))
    order = order[np.lexsort((others[order], -milli[order]))][:limit]
    if newcomer_id is not None:
        return [context.proposal(person, int(k), float(milli[k])) for k in order]
    return [context.proposal(int(k), person, float(milli[k])) for k in order]


def assign(result: ScoreResult, *, method: Method = "auto") -> list[Proposal]:
    """Exact optimum over `result`: the most pairs first, then the highest total score.

    The methods and why the optimum is exact are described in `assignment`; "auto" picks the
    one measured fastest for the size.
    """
    pairs = assignment.solve(result.milli, result.volunteers.capacity, method)
    return [result.proposal(i, j) for i, j in sorted(pairs)]


def assign_greedy(result: ScoreResult) -> list[Proposal]:
    """Repeatedly take the highest-scoring feasible pair whose two sides are still free.

    Ties go to the lower row, then the lower column. Each row keeps a short sorted list of
    its best candidates, widened fourfold whenever it runs out, so the baseline stays cheap.
    """
    milli = result.milli
    n, m = milli.shape
    free = result.volunteers.capacity.astype(np.int64)
    remaining = int(free.sum())
    width = [min(m, 16)] * n
    candidates = [_best_partners(row, width[i]) for i, row in enumerate(milli)]

    def next_free(i: int, k: int) -> int | None:
        while True:
            row = candidates[i]
            while k < len(row) and free[row[k]] == 0:
                k += 1
            if k < len(row):
                return k
            if width[i] >= m:
                return None
            width[i] = min(m, width[i] * 4)
            candidates[i], k = _best_partners(milli[i], width[i]), 0

    heap = []
    for i in range(n):
        k = next_free(i, 0)
        if k is not None:
            j = candidates[i][k]
            heap.append((-float(milli[i, j]), i, j, k))
    heapq.heapify(heap)
    chosen: list[tuple[int, int]] = []
    while heap and remaining:
        _, i, j, k = heapq.heappop(heap)
        if free[j] > 0:
            free[j] -= 1
            remaining -= 1
            chosen.append((i, j))
            continue
        found = next_free(i, k)
        if found is not None:
            j = candidates[i][found]
            heapq.heappush(heap, (-float(milli[i, j]), i, j, found))
    return [result.proposal(i, j) for i, j in sorted(chosen)]


def _best_partners(row: np.ndarray, count: int) -> list[int]:
    """Columns of the `count` highest feasible entries, best first, ties to the lower column."""
    if count < row.size:
        columns = np.argpartition(row, row.size - count)[row.size - count :]
    else:
        columns = np.arange(row.size)
    columns = columns[np.isfinite(row[columns])]
    return columns[np.lexsort((columns, -row[columns]))].tolist()


def _milli(points: np.ndarray | float) -> np.ndarray:
    return np.rint(np.asarray(points, dtype=np.float64) * MILLI).astype(np.float32)


def _codes(*columns: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Number the distinct combinations of the columns: (code per person, columns per code)."""
    if columns[0].size == 0:
        return np.zeros(0, dtype=np.intp), [np.zeros(0, dtype=np.int64) for _ in columns]
    stacked = np.stack([np.asarray(column).astype(np.int64) for column in columns], axis=1)
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return inverse.reshape(-1).astype(np.intp), [unique[:, k] for k in range(len(columns))]


def _neighbour_matrix(
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None, districts: int
) -> np.ndarray:
    if neighbours is None:
        return np.zeros((districts, districts), dtype=bool)
    if isinstance(neighbours, np.ndarray):
        given = neighbours.astype(bool)
        size = max(districts, given.shape[0])
        matrix = np.zeros((size, size), dtype=bool)
        matrix[: given.shape[0], : given.shape[1]] = given
    else:
        pairs = np.array(list(neighbours), dtype=np.intp).reshape(-1, 2)
        size = max(districts, int(pairs.max(initial=-1)) + 1)
        matrix = np.zeros((size, size), dtype=bool)
        matrix[pairs[:, 0], pairs[:, 1]] = True
    matrix |= matrix.T  # neighbourhood is mutual
    np.fill_diagonal(matrix, False)
    return matrix


def _ages(birth_year: np.ndarray, today: dt.date) -> np.ndarray:
    """Age in whole years from the birth year, clipped to 0..120, or -1 when unknown."""
    return np.where(birth_year > 0, np.clip(today.year - birth_year, 0, 120), -1).astype(np.intp)


def _age_allowed(wish_min: np.ndarray, wish_max: np.ndarray, ages: np.ndarray) -> np.ndarray:
    """Rows: people with a wish; columns: the others' ages. An unknown age fails any wish."""
    low, high, age = wish_min[:, None], wish_max[:, None], ages[None, :]
    known = age >= 0
    return ((low <= 0) | (known & (age >= low))) & ((high <= 0) | (known & (age <= high)))


def _days_waited(registered_on: np.ndarray, today: dt.date) -> np.ndarray:
    waited = today.toordinal() - registered_on.astype(np.int64)
    return np.where(registered_on > 0, np.maximum(waited, 0), 0)


def _bits(mask: int) -> list[int]:
    return [bit for bit in range(mask.bit_length()) if mask >> bit & 1]


def _index_of(pool: Pool, person_id: int) -> int:
    found = np.flatnonzero(pool.ids == person_id)
    if not found.size:
        raise KeyError(person_id)
    return int(found[0])
