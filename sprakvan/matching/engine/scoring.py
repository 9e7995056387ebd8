"""How a pair is scored and explained: per-person codes and small lookup tables from which
blocks of the score matrix are assembled, and the components and reasons of one pair.

Pure numpy. Scores are whole thousandths of a point ("milli"), -inf where a hard rule forbids
the pair.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

import numpy as np

from sprakvan.matching.terms import MAX_SCORE_MILLI, MILLI, PARTS_OF_DAY, Reason, Weights

from .market import Pool, Proposal


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


class Context:
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
