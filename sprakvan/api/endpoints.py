"""The REST API at /api/v1/: statistics by role, public activities and sessions, and for
coordinator tokens participants, pairs and attendance; a door tablet records attendance.

Every token sees its own programme only: another programme's slug or row is a 404. Writes and
person-level reads are audited ("api.request" with the route and status); the public lists
and statistics are not, since they hold no one's data.
"""

import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.activities.models import Activity, Attendance, Session
from sprakvan.activities.services import record_attendance
from sprakvan.core.audit import log_action
from sprakvan.core.throttle import HOUR
from sprakvan.matching.models import Pair
from sprakvan.participants.models import Participant
from sprakvan.reports.report import build, year_to_date
from sprakvan.reports.statistics import Period
from sprakvan.reports.tables import Table, Value
from sprakvan.reports.viewer import viewer_tables

from .auth import RateLimited, TokenAuth, require_scope
from .docs import Reference
from .models import ApiToken, Scope, TokenRole
from .schemas import (
    ActivityOut,
    AttendanceIn,
    AttendanceOut,
    Cell,
    ErrorOut,
    PairOut,
    ParticipantOut,
    RowId,
    SessionOut,
    StatisticsOut,
    TableOut,
)

api = NinjaAPI(
    title="Språkvän API",
    version="1",
    urls_namespace="api_v1",
    docs=Reference(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
bearer = TokenAuth()


class Pages(LimitOffsetPagination):
    """?limit= and ?offset= within what the databases take (SQLite fails past 2**63)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10_000_000)


# The longest a period may be: a year of statistics more is a request for a second call.
MAX_PERIOD_DAYS = 3 * 366


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(
        request, {"detail": "Too many requests for this token; try again later."}, status=429
    )
    # The window starts with the hour's first request; an hour is the longest wait.
    response["Retry-After"] = str(HOUR)
    return response


def _audit(request: HttpRequest, token: ApiToken, route: str, status: int) -> None:
    log_action(
        "api.request", programme=token.programme_id, target=token, route=route, status=status
    )


def _period(start: datetime.date | None, end: datetime.date | None) -> Period:
    """The asked period, by default the year so far (as the dashboard's)."""
    default, _last_year = year_to_date(timezone.localdate())
    start, end = start or default.start, end or default.end
    if end < start:
        raise HttpError(422, "The period ends before it starts.")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise HttpError(422, "The period is longer than three years.")
    return Period(start, end)


def _cell(value: Value) -> Cell:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _table_out(table: Table) -> TableOut:
    headers, rows = table.full()
    return TableOut(
        slug=table.slug,
        title=str(table.title),
        label_header=str(headers[0]),
        headers=[str(h) for h in headers[1:]],
        labels=[str(row[0]) for row in rows],
        values=[[_cell(v) for v in row[1:]] for row in rows],
    )


class PeriodQuery(Schema):
    start: datetime.date | None = None
    end: datetime.date | None = None


@api.get(
    "/programmes/{slug}/statistics",
    response={200: StatisticsOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=bearer,
    url_name="statistics",
)
def statistics(request: HttpRequest, slug: str, filters: Query[PeriodQuery]) -> StatisticsOut:
    """The dashboard's figures for the period (default: the year so far); a partner viewer's
    token gets them suppressed, exactly as the partner viewer sees them."""
    token = require_scope(request, Scope.STATISTICS_READ)
    if slug != token.programme.slug:
        raise HttpError(404, "Not found.")
    period = _period(filters.start, filters.end)
    report = build(
        token.programme,
        period,
        today=timezone.localdate(),
        goal_years=(period.end.year, period.end.year + 1),
    )
    tables = report.tables()
    suppressed = token.role != TokenRole.COORDINATOR
    if suppressed:
        tables = viewer_tables(tables)
    return StatisticsOut(
        programme=token.programme.slug,
        start=period.start,
        end=period.end,
        comparison_start=report.comparison.start,
        comparison_end=report.comparison.end,
        suppressed=suppressed,
        tables=[_table_out(t) for t in tables],
    )


class ActivityQuery(Schema):
    type: str | None = None
    district: RowId | None = None


@api.get(
    "/programmes/{slug}/activities",
    response={200: list[ActivityOut], 404: ErrorOut},
    url_name="activities",
)
@paginate(Pages)
def activities(
    request: HttpRequest, slug: str, filters: Query[ActivityQuery]
) -> QuerySet[Activity]:
    """The public calendar's activities (public data, no token needed)."""
    programme = get_programme_or_404(slug)
    rows = Activity.objects.public().filter(programme=programme)
    if filters.type:
        rows = rows.filter(type=filters.type)
    if filters.district:
        rows = rows.filter(district_id=filters.district)
    return rows.select_related("district", "venue", "venue__district").order_by("title", "id")


class SessionQuery(Schema):
    start: datetime.date | None = None
    end: datetime.date | None = None
    activity: RowId | None = None


@api.get(
    "/programmes/{slug}/sessions",
    response={200: list[SessionOut], 404: ErrorOut},
    url_name="sessions",
)
@paginate(Pages)
def sessions(request: HttpRequest, slug: str, filters: Query[SessionQuery]) -> QuerySet[Session]:
    """The public calendar's sessions, by date (cancelled ones too, marked as such)."""
    programme = get_programme_or_404(slug)
    rows = Session.objects.filter(
        programme=programme, activity__in=Activity.objects.public()
    ).select_related("venue", "activity__venue")
    if filters.start:
        rows = rows.filter(date__gte=filters.start)
    if filters.end:
        rows = rows.filter(date__lte=filters.end)
    if filters.activity:
        rows = rows.filter(activity_id=filters.activity)
    return rows.order_by("date", "start_time", "id")


class ParticipantQuery(Schema):
    status: str | None = None
    group: str | None = None
    district: RowId | None = None
    registered_from: datetime.date | None = None
    registered_to: datetime.date | None = None


@api.get(
    "/participants",
    response={200: list[ParticipantOut], 403: ErrorOut},
    auth=bearer,
    url_name="participants",
)
@paginate(Pages)
def participants(request: HttpRequest, filters: Query[ParticipantQuery]) -> QuerySet[Participant]:
    """The register without names or contact details: ids, group, status, district, date and
    languages are what the municipality's statistics and planning systems need."""
    token = require_scope(request, Scope.PARTICIPANTS_READ)
    _audit(request, token, "participants", 200)
    rows = Participant.objects.current().filter(programme_id=token.programme_id)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.group:
        rows = rows.filter(group=filters.group)
    if filters.district:
        rows = rows.filter(district_id=filters.district)
    if filters.registered_from:
        rows = rows.filter(registered_on__gte=filters.registered_from)
    if filters.registered_to:
        rows = rows.filter(registered_on__lte=filters.registered_to)
    return rows.order_by("registered_on", "id")


class PairQuery(Schema):
    state: str | None = None
    participant: RowId | None = None


@api.get("/pairs", response={200: list[PairOut], 403: ErrorOut}, auth=bearer, url_name="pairs")
@paginate(Pages)
def pairs(request: HttpRequest, filters: Query[PairQuery]) -> QuerySet[Pair]:
    token = require_scope(request, Scope.PAIRS_READ)
    _audit(request, token, "pairs", 200)
    rows = Pair.objects.filter(programme_id=token.programme_id)
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.participant:
        rows = rows.filter(
            Q(newcomer_id=filters.participant) | Q(established_id=filters.participant)
        )
    return rows.order_by("id")


class AttendanceQuery(Schema):
    session: RowId | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None


@api.get(
    "/attendance",
    response={200: list[AttendanceOut], 403: ErrorOut, 404: ErrorOut},
    auth=bearer,
    url_name="attendance",
)
@paginate(Pages)
def attendance(request: HttpRequest, filters: Query[AttendanceQuery]) -> QuerySet[Attendance]:
    """Named attendance, by session and date (walk-ins are counts, in the statistics)."""
    token = require_scope(request, Scope.ATTENDANCE_READ)
    rows = Attendance.objects.filter(session__programme_id=token.programme_id)
    if filters.session is not None:
        session = get_object_or_404(Session, programme_id=token.programme_id, pk=filters.session)
        rows = rows.filter(session=session)
    if filters.start:
        rows = rows.filter(session__date__gte=filters.start)
    if filters.end:
        rows = rows.filter(session__date__lte=filters.end)
    _audit(request, token, "attendance", 200)
    return rows.order_by("session__date", "session_id", "id")


@api.post(
    "/attendance",
    response={200: AttendanceOut, 201: AttendanceOut, 403: ErrorOut, 404: ErrorOut},
    auth=bearer,
    url_name="attendance_record",
)
def attendance_record(request: HttpRequest, payload: AttendanceIn) -> Status[Attendance]:
    """Tick a participant as present at a session: 201 the first time, 200 when already
    ticked (a retried request changes nothing)."""
    token = require_scope(request, Scope.ATTENDANCE_WRITE)
    session = get_object_or_404(
        Session.objects.held(), programme_id=token.programme_id, pk=payload.session
    )
    participant = get_object_or_404(
        Participant.objects.current(), programme_id=token.programme_id, pk=payload.participant
    )
    row, created = record_attendance(session, participant, recorded_by=None)
    status = 201 if created else 200
    _audit(request, token, "attendance_record", status)
    return Status(status, row)
