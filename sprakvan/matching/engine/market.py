"""The two sides of the matching market as the engine sees them, and what it answers.

Pure numpy: `Pool` holds one side as column arrays, `Proposal` a proposed pair. The points per
score component (`Weights`) and why a pair fits (`Reason`) are in `sprakvan.matching.terms`,
without numpy, for the pages that show them; they are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from sprakvan.matching.terms import (
    GENDERS,
    Reason,
)


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
        # Any array-like is accepted here; __post_init__ turns each column into its array.
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
    # A number (Python or numpy) or a numeric string; anything else should fail loudly here.
    return int(value)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Proposal:
    newcomer_id: int
    established_id: int
    score: float
    reasons: list[Reason]
    components: Mapping[str, float]
