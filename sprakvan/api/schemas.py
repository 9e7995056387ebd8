"""The API's JSON shapes (field names in English)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Field, Schema

# A row's id as the API accepts it: a positive integer the databases can hold (SQLite and
# PostgreSQL fail past 2**63 - 1).
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]

Cell = int | float | str | None


class TableOut(Schema):
    slug: str
    title: str
    label_header: str
    headers: list[str]
    labels: list[str]
    values: list[list[Cell]]


class StatisticsOut(Schema):
    programme: str
    start: datetime.date
    end: datetime.date
    comparison_start: datetime.date
    comparison_end: datetime.date
    suppressed: bool
    tables: list[TableOut]


class ActivityOut(Schema):
    id: int
    title: str
    type: str
    district: str | None
    venue: str | None
    language_level: str
    capacity: int | None
    description: str

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        district = obj.effective_district
        return str(district) if district is not None else None

    @staticmethod
    def resolve_venue(obj: Any) -> str | None:
        return str(obj.venue) if obj.venue_id is not None else None


class SessionOut(Schema):
    id: int
    activity: int
    date: datetime.date
    # Local wall-clock times of the programme ("18:00"): JSON Schema's "time" format asks for
    # an offset, which a weekly session's time has not.
    start_time: str = Field(pattern=r"^\d\d:\d\d$")
    end_time: str = Field(pattern=r"^\d\d:\d\d$")
    status: str
    venue: str | None
    note: str

    @staticmethod
    def resolve_activity(obj: Any) -> int:
        return int(obj.activity_id)

    @staticmethod
    def resolve_start_time(obj: Any) -> str:
        return f"{obj.start_time:%H:%M}"

    @staticmethod
    def resolve_end_time(obj: Any) -> str:
        return f"{obj.end_time:%H:%M}"

    @staticmethod
    def resolve_venue(obj: Any) -> str | None:
        place = obj.place
        return str(place) if place is not None else None


class ParticipantOut(Schema):
    id: int
    group: str
    status: str
    district: int | None
    registered_on: datetime.date
    languages: list[str]

    @staticmethod
    def resolve_district(obj: Any) -> int | None:
        return obj.district_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_languages(obj: Any) -> list[str]:
        return list(obj.language_codes)


class PairOut(Schema):
    id: int
    newcomer: int
    established: int
    state: str
    end_reason: str
    proposed_on: datetime.date | None
    started_on: datetime.date | None
    paused_on: datetime.date | None
    ended_on: datetime.date | None

    @staticmethod
    def resolve_newcomer(obj: Any) -> int:
        return int(obj.newcomer_id)

    @staticmethod
    def resolve_established(obj: Any) -> int:
        return int(obj.established_id)


class AttendanceOut(Schema):
    session: int
    participant: int
    via: str
    recorded_at: datetime.datetime

    @staticmethod
    def resolve_session(obj: Any) -> int:
        return int(obj.session_id)

    @staticmethod
    def resolve_participant(obj: Any) -> int:
        return int(obj.participant_id)


class AttendanceIn(Schema):
    session: RowId
    participant: RowId


class ErrorOut(Schema):
    # A sentence, or ninja's list of validation errors (for a 422).
    detail: str | list[Any]
