"""The partner-dialogue files kept between requests: what makes one (its key, a digest of its inputs), finding
the one already built and asking the worker for a new one.

A file is made from the programme, the period, the comparison, whether its counts are
suppressed (a partner viewer's), the day its figures are reckoned to, the document's language
and the data. The data's part is a digest of a version of every table the document reads:
how many rows, the highest id and, where a table has one, its latest `updated_at`, with the
programme's latest audit event (every service writes one, so a change to a row without
`updated_at`, such as a goal or a cost, shows there). Adding, removing or changing a row of
the programme, or a text, gives a new key; the next request builds anew.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Model, Q, QuerySet

from sprakvan.accounts.models import User
from sprakvan.activities.models import Activity, Attendance, Schedule, Session, Venue, WalkInCount
from sprakvan.core import jobs
from sprakvan.core.models import AuditEvent, District, Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.models import Participant
from sprakvan.partners.models import (
    Agreement,
    BudgetLine,
    Contribution,
    Cost,
    Lead,
    PopUpCafe,
    Referral,
)

from .document import DOCUMENT_LANGUAGE
from .models import DocumentBuild, DocumentText, Goal
from .statistics import Period

# Raise when the document's layout or content changes, so files built by older code go.
LAYOUT_VERSION = 1

# Each table the document reads, with the path from its rows to the programme.
SOURCES: list[tuple[type[Model], str]] = [
    (Participant, "programme"),
    (Pair, "programme"),
    (Activity, "programme"),
    (Schedule, "activity__programme"),
    (Session, "programme"),
    (Attendance, "session__programme"),
    (WalkInCount, "session__programme"),
    (Venue, "programme"),
    (District, "programme"),
    (Organisation, "programme"),
    (OutreachEvent, "programme"),
    (Lead, "event__programme"),
    (Referral, "programme"),
    (Agreement, "programme"),
    (Contribution, "agreement__programme"),
    (BudgetLine, "programme"),
    (Cost, "budget_line__programme"),
    (PopUpCafe, "programme"),
    (Goal, "programme"),
    (DocumentText, "programme"),
]

# Audit events that record a reading or this cache's own work, not a change of the data.
READING = Q(action__endswith=".downloaded") | Q(action__endswith=".viewed")
READING |= Q(action="access.denied") | Q(action__startswith="reports.document_build.")


def data_version(programme: Programme) -> list[Any]:
    """A version of every row the document reads, in one query per table."""
    version: list[Any] = []
    for model, path in SOURCES:
        rows: QuerySet[Any] = model._default_manager.filter(**{path: programme})
        aggregates: dict[str, Any] = {"n": Count("pk"), "last": Max("pk")}
        if any(f.name == "updated_at" for f in model._meta.fields):
            aggregates["changed"] = Max("updated_at")
        found = rows.aggregate(**aggregates)
        version.append([model._meta.label, *(str(found[k]) for k in sorted(found))])
    audited = AuditEvent.objects.filter(programme=programme).exclude(READING)
    version.append(["audit", audited.aggregate(last=Max("pk"))["last"]])
    return version


def document_key(
    programme: Programme,
    *,
    file_format: str,
    period: Period,
    compare: str,
    suppressed: bool,
    today: datetime.date,
) -> str:
    inputs = {
        "layout": LAYOUT_VERSION,
        "programme": programme.pk,
        "format": file_format,
        "period": [period.start.isoformat(), period.end.isoformat()],
        "compare": compare,
        "suppressed": suppressed,
        "today": today.isoformat(),
        "language": DOCUMENT_LANGUAGE,
        "data": data_version(programme),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def request_document(
    programme: Programme,
    *,
    file_format: str,
    period: Period,
    compare: str,
    suppressed: bool,
    today: datetime.date,
    requested_by: User | None,
) -> DocumentBuild:
    """The build of these inputs: the kept one (done, under way or failed) or a new one handed
    to the worker. A new one replaces the finished files of the same document made from older
    data, so at most one stale copy per document stays while the new one is built."""
    from .tasks import BUILD  # the task module imports this one

    key = document_key(
        programme,
        file_format=file_format,
        period=period,
        compare=compare,
        suppressed=suppressed,
        today=today,
    )
    found = DocumentBuild.objects.defer("content").filter(inputs_key=key).first()
    if found is not None:
        return found
    same_document = DocumentBuild.objects.filter(
        programme=programme,
        format=file_format,
        period_start=period.start,
        period_end=period.end,
        compare=compare,
        suppressed=suppressed,
    )
    try:
        with transaction.atomic():
            build = DocumentBuild.objects.create(
                programme=programme,
                requested_by=requested_by,
                format=file_format,
                period_start=period.start,
                period_end=period.end,
                compare=compare,
                suppressed=suppressed,
                today=today,
                inputs_key=key,
            )
            same_document.exclude(pk=build.pk).filter(
                state__in=(DocumentBuild.State.DONE, DocumentBuild.State.FAILED)
            ).delete()
            jobs.submit(BUILD, build.pk)
    except IntegrityError:
        # Another request for the same inputs created it a moment ago.
        return DocumentBuild.objects.defer("content").get(inputs_key=key)
    # A task backend that runs tasks at once (a development set-up) has built it by now.
    build.refresh_from_db(fields=["state", "step", "percent", "error", "finished_at"])
    return build


def purge_unreachable(day: datetime.date) -> int:
    """Delete the finished files reckoned to a day before `day`: every request asks for the
    figures as of its own day, so no request reaches them again. Unfinished builds stay until
    the stale-job check has failed them."""
    finished = (DocumentBuild.State.DONE, DocumentBuild.State.FAILED)
    deleted, _ = DocumentBuild.objects.filter(today__lt=day, state__in=finished).delete()
    return deleted
