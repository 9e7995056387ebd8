"""Asking for reminders yourself: a code by SMS to a participant's own phone, then the code.

`request_code` sends a 6-digit code (kind `code`, sent at once at any hour) only to the phone of
a current participant of the programme; for any other number it does nothing, and the page
says the same either way. `confirm_code` checks a code (15 minutes, 5 tries, used once); on
success the person is subscribed to the activity and, when they had no current SMS consent,
gives it: they asked for SMS reminders with their own number.
"""

from __future__ import annotations

import datetime
import enum
import secrets

from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from phonenumbers import PhoneNumber, PhoneNumberFormat, format_number

from sprakvan.core.audit import log_action
from sprakvan.messaging.models import Kind
from sprakvan.messaging.rendering import render_message
from sprakvan.messaging.services import queue_message, settings_for
from sprakvan.messaging.services.notify import how_to_stop, language_for
from sprakvan.participants.choices import Channel
from sprakvan.participants.consents import current_consent, give_consent, notice_version
from sprakvan.participants.models import ConsentPurpose, Participant, Status

from ..models import Activity, ReminderCode
from .reminders import subscribe

CODE_VALID_FOR = datetime.timedelta(minutes=15)
MAX_TRIES = 5


class Outcome(enum.StrEnum):
    CONFIRMED = "confirmed"
    WRONG = "wrong"  # a wrong code, an expired or used one, or no code at all: one answer
    TOO_MANY_TRIES = "too_many_tries"


def _hash(code_row_pk: int, code: str) -> str:
    # Keyed with SECRET_KEY: a copy of the table alone does not give the codes back.
    return salted_hmac(
        "sprakvan.activities.reminder_code", f"{code_row_pk}:{code}", algorithm="sha256"
    ).hexdigest()


def participant_with_phone(programme_id: int, phone: PhoneNumber) -> Participant | None:
    """The one current participant (not erased, not left, not an open duplicate) with this
    phone, else None."""
    e164 = format_number(phone, PhoneNumberFormat.E164)
    found = list(
        Participant.objects.filter(programme_id=programme_id, phone=e164)
        .current()
        .exclude(status=Status.LEFT)[:2]
    )
    return found[0] if len(found) == 1 else None


@transaction.atomic
def request_code(
    activity: Activity, *, phone: PhoneNumber, now: datetime.datetime
) -> ReminderCode | None:
    """Send a new code to the participant with this phone (earlier unused codes for the same
    activity stop working); None, and nothing sent, when the number is nobody's."""
    participant = participant_with_phone(activity.programme_id, phone)
    if participant is None:
        return None
    ReminderCode.objects.filter(
        participant=participant, activity=activity, used_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = ReminderCode.objects.create(
        participant=participant, activity=activity, code_hash="", expires_at=now + CODE_VALID_FOR
    )
    row.code_hash = _hash(row.pk, code)
    row.save(update_fields=["code_hash"])
    programme = activity.programme
    language = language_for(participant, kind=Kind.CODE)
    rendered = render_message(
        programme,
        kind=Kind.CODE,
        language=language,
        context={"first_name": participant.first_name, "programme": programme.name, "code": code},
    )
    queue_message(
        programme=programme,
        participant=participant,
        channel=Channel.SMS,
        kind=Kind.CODE,
        key=f"code:reminder:{row.pk}",
        body=f"{rendered.text}\n{how_to_stop(settings_for(programme), language)}",
        language=language,
        now=now,
    )
    log_action(
        "activities.reminder.code_sent",
        programme=programme.pk,
        actor=None,
        target=participant,
        activity=activity.pk,
    )
    return row


@transaction.atomic
def confirm_code(
    code_row_pk: int | None, activity: Activity, *, code: str, now: datetime.datetime
) -> Outcome:
    """Check the code typed for this request; on success subscribe the person to the activity
    and give SMS consent if they had none."""
    row = (
        ReminderCode.objects.select_for_update()
        .select_related("participant")
        .filter(pk=code_row_pk, activity=activity)
        .first()
        if code_row_pk
        else None
    )
    if row is None:
        return Outcome.WRONG
    if row.tries >= MAX_TRIES:
        return Outcome.TOO_MANY_TRIES
    usable = row.used_at is None and row.expires_at > now
    if not (usable and constant_time_compare(_hash(row.pk, code.strip()), row.code_hash)):
        row.tries += 1
        row.save(update_fields=["tries"])
        return Outcome.TOO_MANY_TRIES if row.tries >= MAX_TRIES else Outcome.WRONG
    row.used_at = now
    row.save(update_fields=["used_at"])
    participant = row.participant
    subscribe(participant, activity, by=None, now=now)
    if current_consent(participant, purpose=ConsentPurpose.MESSAGES, channel=Channel.SMS) is None:
        text_version = notice_version(activity.programme_id)
        give_consent(
            participant,
            purpose=ConsentPurpose.MESSAGES,
            channel=Channel.SMS,
            text_version=text_version,
            at=now,
        )
        log_action(
            "activities.reminder.consent_given",
            programme=activity.programme_id,
            actor=None,
            target=participant,
            purpose=ConsentPurpose.MESSAGES,
            channel=Channel.SMS,
            text_version=text_version,
        )
    return Outcome.CONFIRMED
