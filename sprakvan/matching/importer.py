"""Importing existing pairs from CSV/XLSX: check every row, then write all or nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.core.spreadsheets import RowError
from sprakvan.core.spreadsheets import read_rows as read_spreadsheet
from sprakvan.participants.choices import Group, Status
from sprakvan.participants.models import Participant
from sprakvan.participants.services import change_status

from .models import Pair

COLUMNS = ["newcomer", "established", "started_on", "ended_on", "end_reason"]
REQUIRED = ["newcomer", "established", "started_on"]
# A coordinator's Swedish spreadsheet may already say it this way.
HEADERS = {
    "nyanländ": "newcomer",
    "etablerad": "established",
    "start": "started_on",
    "startdatum": "started_on",
    "slut": "ended_on",
    "slutdatum": "ended_on",
    "avslutsorsak": "end_reason",
    "orsak": "end_reason",
}
END_REASONS = {
    "completed": Pair.EndReason.COMPLETED,
    "avslutad": Pair.EndReason.COMPLETED,
    "genomförd": Pair.EndReason.COMPLETED,
    "moved_away": Pair.EndReason.MOVED_AWAY,
    "moved away": Pair.EndReason.MOVED_AWAY,
    "flyttat": Pair.EndReason.MOVED_AWAY,
    "no_contact": Pair.EndReason.NO_CONTACT,
    "no contact": Pair.EndReason.NO_CONTACT,
    "ingen kontakt": Pair.EndReason.NO_CONTACT,
    "declined": Pair.EndReason.DECLINED,
    "tackade nej": Pair.EndReason.DECLINED,
    "other": Pair.EndReason.OTHER,
    "annat": Pair.EndReason.OTHER,
}


@dataclass
class PairRow:
    row: int
    newcomer: Participant
    established: Participant
    started_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str


@dataclass
class PairImportResult:
    rows: list[PairRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_rows(filename: str, content: bytes) -> list[dict[str, str]]:
    """Rows keyed by column name (Swedish headers understood); blank rows are skipped."""
    return read_spreadsheet(filename, content, required=REQUIRED, aliases=HEADERS)


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def check_rows(programme: Programme, rows: list[dict[str, str]]) -> PairImportResult:
    """Validate every row against the programme; nothing is written."""
    result = PairImportResult()
    wanted = {r.get("newcomer", "") for r in rows} | {r.get("established", "") for r in rows}
    people = {
        p.external_id: p
        for p in Participant.objects.filter(programme=programme, external_id__in=wanted - {""})
    }
    open_in_file: dict[int, int] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for index, raw in enumerate(rows, start=2):
        errors: list[RowError] = []
        found: dict[str, Any] = {}
        for column, group in (("newcomer", Group.NEWCOMER), ("established", Group.ESTABLISHED)):
            key = raw.get(column, "")
            person = people.get(key)
            if not key:
                errors.append(RowError(index, column, _("empty")))
            elif person is None:
                errors.append(
                    RowError(index, column, _("no participant with the id %(id)s") % {"id": key})
                )
            elif person.group != group:
                errors.append(
                    RowError(index, column, _("%(id)s is not in that group") % {"id": key})
                )
            else:
                found[column] = person
        for column in ("started_on", "ended_on"):
            text = raw.get(column, "")
            if not text:
                found[column] = None
                if column == "started_on":
                    errors.append(RowError(index, column, _("empty")))
                continue
            try:
                found[column] = _date(text)
            except ValueError:
                errors.append(RowError(index, column, _("not a date like 2019-03-01")))
        reason_text = raw.get("end_reason", "").strip().lower()
        reason = END_REASONS.get(reason_text, "") if reason_text else ""
        if reason_text and not reason:
            errors.append(
                RowError(
                    index,
                    "end_reason",
                    _("unknown reason (use completed, moved_away, no_contact, declined, other)"),
                )
            )
        if found.get("ended_on") and not reason_text:
            errors.append(RowError(index, "end_reason", _("give a reason when the pair ended")))
        if (
            reason_text
            and not found.get("ended_on")
            and "ended_on" not in {e.field for e in errors}
        ):
            errors.append(RowError(index, "ended_on", _("give the date the pair ended")))
        if (
            found.get("started_on")
            and found.get("ended_on")
            and found["ended_on"] < found["started_on"]
        ):
            errors.append(RowError(index, "ended_on", _("before the start")))
        key3 = (raw.get("newcomer", ""), raw.get("established", ""), raw.get("started_on", ""))
        if key3 in seen:
            errors.append(
                RowError(index, "newcomer", _("the same pair as row %(row)s") % {"row": seen[key3]})
            )
        seen.setdefault(key3, index)
        if not errors and not found["ended_on"]:
            newcomer = found["newcomer"]
            if newcomer.pk in open_in_file:
                errors.append(
                    RowError(
                        index,
                        "newcomer",
                        _("already in a running pair in row %(row)s")
                        % {"row": open_in_file[newcomer.pk]},
                    )
                )
            elif (
                Pair.objects.open()
                .filter(newcomer=newcomer)
                .exclude(established=found["established"], started_on=found["started_on"])
                .exists()
            ):
                errors.append(RowError(index, "newcomer", _("already in another running pair")))
            open_in_file[newcomer.pk] = index
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(
                PairRow(
                    index,
                    found["newcomer"],
                    found["established"],
                    found["started_on"],
                    found["ended_on"],
                    reason,
                )
            )
    return result


def _newcomer_status(person: Participant) -> str | None:
    pairs = Pair.objects.filter(newcomer=person)
    if pairs.filter(state=Pair.State.ACTIVE).exists():
        return Status.MATCHED
    if pairs.filter(state=Pair.State.PAUSED).exists():
        return Status.PAUSED
    last = pairs.filter(state=Pair.State.ENDED).order_by("-ended_on", "-id").first()
    if last is None or person.status == Status.LEFT:
        return None
    if last.end_reason in (Pair.EndReason.COMPLETED, Pair.EndReason.MOVED_AWAY):
        return Status.LEFT
    return Status.WAITING


def _established_status(person: Participant) -> str | None:
    if Pair.objects.filter(established=person, state=Pair.State.ACTIVE).exists():
        return Status.MATCHED
    if person.status == Status.MATCHED:
        return Status.WAITING
    return None


@transaction.atomic
def import_pairs(
    programme: Programme, rows: list[dict[str, str]], *, imported_by: User | None = None
) -> PairImportResult:
    """All or nothing: with any error nothing is written. Importing the same file again
    changes nothing (a pair is the same newcomer, volunteer and start date)."""
    result = check_rows(programme, rows)
    if result.errors:
        return result
    touched: set[int] = set()
    for row in result.rows:
        state = Pair.State.ENDED if row.ended_on else Pair.State.ACTIVE
        pair = Pair.objects.filter(
            programme=programme,
            newcomer=row.newcomer,
            established=row.established,
            started_on=row.started_on,
        ).first()
        if pair is None:
            pair = Pair.objects.create(
                programme=programme,
                newcomer=row.newcomer,
                established=row.established,
                started_on=row.started_on,
                ended_on=row.ended_on,
                end_reason=row.end_reason,
                state=state,
                created_by=imported_by if getattr(imported_by, "is_authenticated", False) else None,
            )
            result.created += 1
            log_action(
                "matching.pair.imported", programme=programme, actor=imported_by, target=pair
            )
        elif (pair.ended_on, pair.end_reason) != (row.ended_on, row.end_reason) and not (
            pair.state == Pair.State.PAUSED and not row.ended_on
        ):
            pair.ended_on, pair.end_reason, pair.state = row.ended_on, row.end_reason, state
            pair.save(update_fields=["ended_on", "end_reason", "state", "updated_at"])
            result.updated += 1
            log_action(
                "matching.pair.imported", programme=programme, actor=imported_by, target=pair
            )
        else:
            result.unchanged += 1
        touched.update([row.newcomer.pk, row.established.pk])
    for person in Participant.objects.filter(pk__in=touched):
        status = (
            _newcomer_status(person)
            if person.group == Group.NEWCOMER
            else _established_status(person)
        )
        if status and status != person.status:
            change_status(person, status=status, changed_by=imported_by)
    return result
