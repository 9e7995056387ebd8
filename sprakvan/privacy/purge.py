"""Retention: what `manage.py purge_expired` (daily, from `tick`) removes once its time is up.

Per programme, each step in its own transaction: people without a sign of life for the
programme's retention period are anonymised (through `erase_participant`, so the statistics
keep counting them), old coordinator notes are cleared, uploaded spreadsheets are emptied or
dropped, unregistered leads are blanked, and expired sign-in links and reminder codes go.
Expired Django sessions go once for the whole site. Every step selects only what it still has
to do, so a second run finds nothing. See docs/privacy.md, "Retention".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from importlib import import_module

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from sprakvan.activities.models import Attendance, ReminderCode
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.matching.models import CallRecord, CheckInAnswer, Pair, Side
from sprakvan.messaging.models import Message
from sprakvan.participants.models import (
    Consent,
    ImportBatch,
    Participant,
    ParticipantQuerySet,
)
from sprakvan.partners.models import Lead

from .models import PrivacySettings, SignInToken
from .services import erase_participant

# The periods of the field inventory (inventory.py: NOTES_PERIOD, IMPORT_PERIOD, LEAD_PERIOD).
DEFAULT_RETENTION_MONTHS = PrivacySettings._meta.get_field("retention_months").default
NOTES_MONTHS = 12
IMPORT_DAYS = 7
LEAD_MONTHS = 6

# The counts of one programme, in the order they are printed.
STEPS = {
    "people": "people anonymised",
    "notes": "notes cleared",
    "import_files": "import files emptied",
    "abandoned_imports": "abandoned imports deleted",
    "leads": "leads blanked",
    "sign_in_links": "sign-in links deleted",
    "reminder_codes": "reminder codes deleted",
}


@dataclass
class PurgeResult:
    """Counts only: per programme slug, the count of each step; and the expired sessions."""

    programmes: dict[str, dict[str, int]] = field(default_factory=dict)
    sessions: int = 0

    def lines(self) -> list[str]:
        lines = [
            f"purge_expired: {slug}: "
            + ", ".join(f"{counts[step]} {words}" for step, words in STEPS.items())
            for slug, counts in self.programmes.items()
        ]
        lines.append(f"purge_expired: {self.sessions} expired sessions deleted")
        return lines


def _start_of(day: datetime.date) -> datetime.datetime:
    """The first moment of a Swedish day, for comparing with the stored moments."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def retention_months(programme: Programme) -> int:
    found = PrivacySettings.objects.filter(programme=programme).values_list(
        "retention_months", flat=True
    )
    return next(iter(found), DEFAULT_RETENTION_MONTHS)


def expired_people(programme: Programme, *, since: datetime.date) -> ParticipantQuerySet:
    """The programme's current participants with no sign of life on or after `since`.

    A sign of life is the registration (its date, and the moment the row reached us: an
    import or a coordinator may give an earlier registration date), a status change, a pair of either side proposed,
    started, paused or ended, an attendance, a message sent to them, a call about their pair
    to their side, a check-in answer, a consent given or withdrawn, and a date they said they
    would be away until. Anyone in an open pair (proposed, active or paused) is left alone
    however old it is. One query: each relation is a correlated EXISTS over its dated rows
    (a "latest of" by Max over joined relations would multiply rows per person).
    """
    moment = _start_of(since)
    person = OuterRef("pk")
    either_side = Q(newcomer=person) | Q(established=person)
    pairs = Pair.objects.filter(either_side)
    return (
        Participant.objects.filter(programme=programme)
        .current()
        .filter(registered_on__lt=since, created_at__lt=moment)
        .filter(Q(status_changed_on__isnull=True) | Q(status_changed_on__lt=since))
        .filter(Q(paused_until__isnull=True) | Q(paused_until__lt=since))
        .exclude(Exists(pairs.filter(state__in=Pair.OPEN_STATES)))
        .exclude(
            Exists(
                pairs.filter(
                    Q(proposed_on__gte=since)
                    | Q(started_on__gte=since)
                    | Q(paused_on__gte=since)
                    | Q(ended_on__gte=since)
                )
            )
        )
        .exclude(Exists(Attendance.objects.filter(participant=person, session__date__gte=since)))
        .exclude(Exists(Message.objects.filter(participant=person, sent_at__gte=moment)))
        .exclude(
            Exists(
                CallRecord.objects.filter(
                    Q(side=Side.NEWCOMER, pair__newcomer=person)
                    | Q(side=Side.ESTABLISHED, pair__established=person),
                    called_on__gte=since,
                )
            )
        )
        .exclude(Exists(CheckInAnswer.objects.filter(participant=person, answered_at__gte=moment)))
        .exclude(
            Exists(
                Consent.objects.filter(participant=person).filter(
                    Q(given_at__gte=moment) | Q(withdrawn_at__gte=moment)
                )
            )
        )
    )


def anonymise_expired_people(programme: Programme, *, now: datetime.datetime) -> int:
    """Erase (how: "retention") everyone without a sign of life in the retention period."""
    since = timezone.localdate(now) - relativedelta(months=retention_months(programme))
    with transaction.atomic():
        people = list(
            expired_people(programme, since=since).select_for_update(of=("self",)).order_by("pk")
        )
        for person in people:
            erase_participant(person, requested_by=None, how="retention", now=now)
    return len(people)


def clear_old_notes(programme: Programme, *, now: datetime.datetime) -> int:
    """Notes written more than 12 months ago. Notes with no date (written before the date was
    kept) count from the row's last change, which is never earlier than the writing."""
    since = timezone.localdate(now) - relativedelta(months=NOTES_MONTHS)
    with transaction.atomic():
        return (
            Participant.objects.filter(programme=programme)
            .exclude(notes="")
            .filter(
                Q(notes_written_on__lt=since)
                | Q(notes_written_on__isnull=True, updated_at__lt=_start_of(since))
            )
            .update(notes="", notes_written_on=None)
        )


def purge_import_files(programme: Programme, *, now: datetime.datetime) -> tuple[int, int]:
    """Finished imports older than 7 days lose their file (and an error that may quote a
    row); imports left in preview that long are abandoned and deleted. (emptied, deleted)"""
    before = now - datetime.timedelta(days=IMPORT_DAYS)
    batches = ImportBatch.objects.filter(programme=programme, created_at__lt=before)
    with transaction.atomic():
        emptied = (
            batches.filter(state__in=[ImportBatch.State.DONE, ImportBatch.State.FAILED])
            .filter(~Q(content=b"") | ~Q(error=""))
            .update(content=b"", error="")
        )
        deleted, _by_model = batches.filter(state=ImportBatch.State.PREVIEWED).delete()
    return emptied, deleted


def blank_old_leads(programme: Programme, *, now: datetime.datetime) -> int:
    """Leads who never registered, met more than 6 months ago (by the event's date and the
    lead's own creation, whichever is later): the personal fields are blanked, the row stays
    so that the outreach funnel keeps counting it."""
    since = timezone.localdate(now) - relativedelta(months=LEAD_MONTHS)
    with transaction.atomic():
        return (
            Lead.objects.filter(
                event__programme=programme,
                participant__isnull=True,
                event__date__lt=since,
                created_at__lt=_start_of(since),
            )
            .filter(~Q(first_name="") | ~Q(phone="") | ~Q(interest=""))
            .update(first_name="", phone="", interest="")
        )


def delete_expired_codes(programme: Programme, *, now: datetime.datetime) -> tuple[int, int]:
    """Expired sign-in links and reminder codes (used or not). (sign-in links, reminder codes)"""
    with transaction.atomic():
        links, _by_model = SignInToken.objects.filter(
            participant__programme=programme, expires_at__lt=now
        ).delete()
        codes, _by_model = ReminderCode.objects.filter(
            participant__programme=programme, expires_at__lt=now
        ).delete()
    return links, codes


def delete_expired_sessions(*, now: datetime.datetime) -> int:
    """Staff and participants' sessions past their expiry (when sessions live in the database)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        store.clear_expired()
        return 0
    deleted, _by_model = store.get_model_class().objects.filter(expire_date__lt=now).delete()
    return int(deleted)


def purge_programme(programme: Programme, *, now: datetime.datetime) -> dict[str, int]:
    """One programme's purge, step by step. People go last: an erasure also empties the
    programme's finished imports and blanks leads with the person's phone, which would hide
    those steps' own counts."""
    counts = dict.fromkeys(STEPS, 0)
    counts["notes"] = clear_old_notes(programme, now=now)
    counts["import_files"], counts["abandoned_imports"] = purge_import_files(programme, now=now)
    counts["leads"] = blank_old_leads(programme, now=now)
    counts["sign_in_links"], counts["reminder_codes"] = delete_expired_codes(programme, now=now)
    counts["people"] = anonymise_expired_people(programme, now=now)
    if any(counts.values()):
        log_action("privacy.purge.done", programme=programme, actor=None, counts=counts)
    return counts


def purge_expired(*, now: datetime.datetime | None = None) -> PurgeResult:
    """Every programme's expired data, then the expired sessions. Counts only."""
    now = now or timezone.now()
    result = PurgeResult()
    for programme in Programme.objects.order_by("slug"):
        result.programmes[programme.slug] = purge_programme(programme, now=now)
    result.sessions = delete_expired_sessions(now=now)
    return result
