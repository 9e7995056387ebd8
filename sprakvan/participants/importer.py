"""Reading participant spreadsheets (CSV/XLSX), checking every row, and importing all or nothing.

Checking is separate from writing: `check_rows` returns clean rows and per-row errors without
touching the database, and `import_rows` writes only when there are no errors at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.core.spreadsheets import RowError
from sprakvan.core.spreadsheets import read_rows as read_spreadsheet

from . import hooks
from .choices import INTERESTS, LANGUAGES, Gender, Group, Source, Status, WishGender
from .import_values import availability as _availability
from .import_values import choice, codes, date, whole_number, yes_or_no
from .models import INTEREST_SLUGS, LANGUAGE_CODES, ConsentPurpose, ImportBatch, Participant
from .services import record_consent

REQUIRED = ["external_id", "group", "first_name", "registered_on"]
# The columns' lengths, so that a long cell is a row error here, not a database error later.
EXTERNAL_ID_LENGTH = Participant._meta.get_field("external_id").max_length or 64
EMAIL_LENGTH = Participant._meta.get_field("email").max_length or 254
COLUMNS = [
    "external_id",
    "group",
    "first_name",
    "last_name",
    "gender",
    "birth_year",
    "phone",
    "email",
    "district",
    "languages",
    "registered_on",
    "interests",
    "availability",
    "swedish_level",
    "wish_gender",
    "wish_age_min",
    "wish_age_max",
    "is_family",
    "accepts_family",
    "capacity",
    "source",
    "status",
    "notes",
]
# Swedish headers a coordinator's own spreadsheet may already have.
SWEDISH_HEADERS = {
    "id": "external_id",
    "grupp": "group",
    "förnamn": "first_name",
    "efternamn": "last_name",
    "kön": "gender",
    "födelseår": "birth_year",
    "telefon": "phone",
    "mobil": "phone",
    "e-post": "email",
    "epost": "email",
    "stadsdel": "district",
    "språk": "languages",
    "anmäld": "registered_on",
    "anmälningsdatum": "registered_on",
    "intressen": "interests",
    "tider": "availability",
    "svenskanivå": "swedish_level",
    "önskat kön": "wish_gender",
    "lägsta ålder": "wish_age_min",
    "högsta ålder": "wish_age_max",
    "familj": "is_family",
    "tar emot familj": "accepts_family",
    "antal språkvänner": "capacity",
    "källa": "source",
    "status": "status",
    "anteckningar": "notes",
}


@dataclass
class CheckedRow:
    row: int
    values: dict[str, Any]


@dataclass
class CheckResult:
    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_rows(filename: str, content: bytes) -> list[dict[str, str]]:
    """Rows keyed by the canonical column names (Swedish headers understood)."""
    return read_spreadsheet(filename, content, required=REQUIRED, aliases=SWEDISH_HEADERS)


def check_rows(programme: Programme, rows: list[dict[str, str]]) -> CheckResult:
    """Validate every row; the result has clean values or the errors, never a partial write."""
    districts = {d.name.lower(): d for d in programme.districts.all()}
    result = CheckResult()
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(rows, start=2):
        errors: list[RowError] = []

        def error(field_name: str, message: str, row: int = index, bucket: list = errors) -> None:
            bucket.append(RowError(row, field_name, message))

        values = _clean_row(raw, districts, error)
        external_id = values.get("external_id", "")
        if external_id in seen_ids:
            error(
                "external_id",
                _("the same id as row %(row)s") % {"row": seen_ids[external_id]},
            )
        seen_ids.setdefault(external_id, index)
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(CheckedRow(index, values))
    return result


def _clean_row(raw: dict[str, str], districts: dict, error: Callable[[str, str], None]) -> dict:
    values: dict[str, Any] = {}
    for name in REQUIRED:
        if not raw.get(name):
            error(name, _("must not be empty"))
    values["external_id"] = raw.get("external_id", "")
    if len(values["external_id"]) > EXTERNAL_ID_LENGTH:
        error("external_id", _("must be at most %(n)s characters") % {"n": EXTERNAL_ID_LENGTH})
    values["first_name"] = raw.get("first_name", "")[:100]
    values["last_name"] = raw.get("last_name", "")[:100]
    values["notes"] = raw.get("notes", "")

    values["group"] = choice(raw, "group", Group, error)
    values["gender"] = choice(raw, "gender", Gender, error, empty=Gender.UNDISCLOSED)
    values["birth_year"] = whole_number(raw, "birth_year", error, 1900, timezone.localdate().year)
    values["registered_on"] = date(raw, "registered_on", error)

    phone = raw.get("phone", "")
    values["phone"] = ""
    if phone:
        try:
            parsed = phonenumbers.parse(phone, "SE")
            if not phonenumbers.is_valid_number(parsed):
                raise phonenumbers.NumberParseException(0, "invalid")
            values["phone"] = phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.E164
            )
        except phonenumbers.NumberParseException:
            error("phone", _("is not a valid phone number"))

    values["email"] = raw.get("email", "")
    if values["email"]:
        try:
            validate_email(values["email"])
            if len(values["email"]) > EMAIL_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            error("email", _("is not a valid e-mail address"))

    district = raw.get("district", "")
    values["district"] = districts.get(district.lower()) if district else None
    if district and values["district"] is None:
        error("district", _("unknown district “%(name)s”") % {"name": district})

    values["languages"] = codes(raw, "languages", LANGUAGE_CODES, LANGUAGES, error)
    values["interests"] = codes(raw, "interests", INTEREST_SLUGS, INTERESTS, error)
    values["availability"] = _availability(raw.get("availability", ""), error)
    values["swedish_level"] = whole_number(raw, "swedish_level", error, 1, 5)
    values["wish_gender"] = choice(raw, "wish_gender", WishGender, error, empty=WishGender.ANY)
    values["wish_age_min"] = whole_number(raw, "wish_age_min", error, 0, 120)
    values["wish_age_max"] = whole_number(raw, "wish_age_max", error, 0, 120)
    values["is_family"] = yes_or_no(raw, "is_family", error)
    values["accepts_family"] = yes_or_no(raw, "accepts_family", error)
    values["capacity"] = whole_number(raw, "capacity", error, 1, 10) or 1
    values["source"] = choice(raw, "source", Source, error, empty=Source.IMPORT)
    values["status"] = choice(raw, "status", Status, error, empty=Status.WAITING)
    return values


def import_rows(
    programme: Programme,
    rows: Iterable[CheckedRow],
    *,
    imported_by: User | None = None,
    progress: Callable[[int], None] | None = None,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """Create or update participants; all in one transaction. Match on external_id, then phone.
    The people it creates remember the uploaded `batch` they came from (none from the command)."""
    rows = list(rows)
    result = ImportResult()
    match = _matcher(programme)
    phones: list[str] = []
    with transaction.atomic():
        for done, checked in enumerate(rows, start=1):
            values = checked.values
            participant = match(values)
            if participant is None:
                participant = Participant.objects.create(
                    programme=programme,
                    status_changed_on=values["registered_on"],
                    notes_written_on=timezone.localdate() if values["notes"] else None,
                    import_batch=batch,
                    **values,
                )
                record_consent(
                    participant,
                    purpose=ConsentPurpose.REGISTRATION,
                    recorded_by=imported_by,
                    text_version="import",
                )
                result.created += 1
            elif _apply(participant, values):
                participant.save()
                result.updated += 1
            else:
                result.unchanged += 1
            if values["phone"]:
                phones.append(values["phone"])
            if progress and (done % 50 == 0 or done == len(rows)):
                progress(done)
        log_action(
            "participants.import.done",
            programme=programme,
            actor=imported_by,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        )
        hooks.call_phones_registered(programme, phones)
    return result


def plan_rows(programme: Programme, rows: Iterable[CheckedRow]) -> ImportResult:
    """What `import_rows` would do with these rows, without writing (the preview's counts)."""
    result, match = ImportResult(), _matcher(programme)
    for checked in rows:
        participant = match(checked.values)
        if participant is None:
            result.created += 1
        elif _differs(participant, checked.values):
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def _matcher(programme: Programme) -> Callable[[dict[str, Any]], Participant | None]:
    """The participant a row updates: the same external_id, else the same phone."""
    existing = Participant.objects.filter(programme=programme)
    by_id = {p.external_id: p for p in existing if p.external_id}
    by_phone = {str(p.phone): p for p in existing if p.phone}
    return lambda values: (
        by_id.get(values["external_id"])
        or (by_phone.get(values["phone"]) if values["phone"] else None)
    )


def _current(participant: Participant, name: str) -> Any:
    current = getattr(participant, name)
    return (str(current) if current else "") if name == "phone" else current


def _differs(participant: Participant, values: dict[str, Any]) -> bool:
    return any(_current(participant, name) != value for name, value in values.items())


def _apply(participant: Participant, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if _current(participant, name) != value:
            setattr(participant, name, value)
            changed = True
            if name == "notes":
                participant.notes_written_on = timezone.localdate() if value else None
    return changed
