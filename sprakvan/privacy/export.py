"""A person's own data to take away (GDPR Art. 15 and 20): one dict, as JSON and as a PDF.

`collect` gathers every inventoried field of the participant and their own rows (consents,
pairs, calls, check-in answers, attendance, reminders, messages, where the data came from)
and nothing about anyone else: a friend appears by first name only, once the pair started;
staff appear only as "the coordinator"; another person's last name, phone and e-mail are cut
out of free texts (an introduction SMS carries the friend's number). Coded values carry their
code and a label in the person's language; dates are ISO.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sprakvan.activities.models import Attendance, ReminderSubscription
from sprakvan.matching.models import CallRecord, CheckInAnswer, Pair, Side
from sprakvan.messaging.models import Message
from sprakvan.participants.choices import INTERESTS, LANGUAGES, slot_label
from sprakvan.participants.models import Consent, Participant

from .inventory import INVENTORY

PARTICIPANT = "participants.Participant"
# The participant's fields, in the inventory's order: the JSON's "participant" keys.
PARTICIPANT_FIELDS: tuple[str, ...] = tuple(f.field for f in INVENTORY if f.model == PARTICIPANT)
FORMATS = ("json", "pdf")
Label = dict[str, Any]


def export_language(participant: Participant) -> str:
    """The language the PDF and the labels are written in: the person's, if the site has it."""
    available = {code for code, _name in settings.LANGUAGES}
    return participant.preferred_language if participant.preferred_language in available else "sv"


def filename(fmt: str, *, now: datetime.datetime) -> str:
    """The download's name: the date only, never the person's name."""
    return f"sprakvan-my-data-{timezone.localdate(now):%Y-%m-%d}.{fmt}"


def collect(participant: Participant, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Everything stored about the person, ready for json.dumps (labels in their language)."""
    now = now or timezone.now()
    with translation.override(export_language(participant)):
        pairs = list(
            Pair.objects.of_participant(participant)
            .select_related("newcomer", "established")
            .order_by("proposed_on", "id")
        )
        redact = _redactor(_friend(pair, participant) for pair in pairs)
        return {
            "programme": {"name": participant.programme.name, "slug": participant.programme.slug},
            "exported_at": _iso(now),
            "language": translation.get_language(),
            "participant": _participant(participant, redact),
            "consents": [_consent(c) for c in participant.consents.order_by("given_at", "id")],
            "pairs": _pairs(participant, pairs, redact),
            "attendance": _attendance(participant),
            "reminder_subscriptions": _reminders(participant),
            "messages": _messages(participant, redact),
            "origin": _origin(participant, redact),
        }


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _choice(instance: Model, name: str) -> Label | None:
    """A coded value as {"code", "label"}; None when empty and the choices have no label for it."""
    code = getattr(instance, name)
    label = getattr(instance, f"get_{name}_display")()
    if code in ("", None) and str(label) in ("", str(code)):
        return None
    return {"code": code, "label": str(label)}


def _labelled(code: Any, label: Any) -> Label:
    return {"code": code, "label": str(label)}


def _other(model: Model | None, **extra: Any) -> Label | None:
    """A district, an organisation or an event: its id and name (none of them a person)."""
    if model is None:
        return None
    return {"code": model.pk, "label": str(getattr(model, "name", model)), **extra}


def _friend(pair: Pair, participant: Participant) -> Participant:
    return pair.established if pair.newcomer_id == participant.pk else pair.newcomer


_SEPARATORS = r"[\s\-()./]*"


def _phone_pattern(phone: Any) -> str | None:
    """A phone number however it was written: +46 70-123 45 67, 070 1234567, 0046701234567."""
    national = str(getattr(phone, "national_number", "") or "")
    if len(national) < 6:
        return None
    return r"(?:(?:\+|00)\s*46" + _SEPARATORS + r"(?:\(0\))?|0)?" + _SEPARATORS.join(national)


def _redactor(others: Iterable[Participant]) -> Any:
    """A function cutting other people's last names, phones and e-mails out of a text."""
    patterns = []
    for other in others:
        if len(other.last_name.strip()) >= 2:
            patterns.append(r"\b" + re.escape(other.last_name.strip()) + r"\b")
        if other.email:
            patterns.append(re.escape(other.email))
        if other.phone and (pattern := _phone_pattern(other.phone)):
            patterns.append(pattern)
    if not patterns:
        return lambda text: text
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    placeholder = "[" + _("removed: about another person") + "]"
    return lambda text: regex.sub(placeholder, text) if text else text


def _participant(p: Participant, redact: Any) -> dict[str, Any]:
    languages = dict(settings.LANGUAGES)
    values: dict[str, Any] = {
        "group": _choice(p, "group"),
        "first_name": p.first_name,
        "last_name": p.last_name,
        "external_id": p.external_id,
        "phone": str(p.phone) if p.phone else "",
        "email": p.email,
        "gender": _choice(p, "gender"),
        "birth_year": p.birth_year,
        "district": _other(p.district),
        "languages": [_labelled(c, LANGUAGES[c]) for c in p.language_codes],
        "swedish_level": _choice(p, "swedish_level"),
        "interests": [_labelled(s, INTERESTS[s]) for s in p.interest_slugs],
        "availability": [_labelled(i, slot_label(i)) for i in p.availability_slots],
        "wish_gender": _choice(p, "wish_gender"),
        "wish_age_min": p.wish_age_min,
        "wish_age_max": p.wish_age_max,
        "is_family": p.is_family,
        "accepts_family": p.accepts_family,
        "capacity": p.capacity,
        "source": _choice(p, "source"),
        "source_organisation": _other(p.source_organisation),
        "source_event": _other(p.source_event, date=_iso(getattr(p.source_event, "date", None))),
        "heard_about": _choice(p, "heard_about"),
        "import_batch": _import(p),
        "status": _choice(p, "status"),
        "status_changed_on": _iso(p.status_changed_on),
        "registered_on": _iso(p.registered_on),
        "preferred_language": (
            _labelled(p.preferred_language, languages.get(p.preferred_language, ""))
            if p.preferred_language
            else None
        ),
        # Whether the coordinator checks a second registration; never the other row's id.
        "possible_duplicate_of": p.possible_duplicate_of_id is not None,
        "paused_until": _iso(p.paused_until),
        "notes": redact(p.notes),
        "notes_written_on": _iso(p.notes_written_on),
    }
    return {name: values[name] for name in PARTICIPANT_FIELDS}


def _given_by(recorded: bool) -> Label:
    if recorded:
        return _labelled("coordinator", _("The coordinator"))
    return _labelled("self", _("You"))


def _consent(c: Consent) -> dict[str, Any]:
    return {
        "purpose": _choice(c, "purpose"),
        "channel": _choice(c, "channel"),
        "text_version": c.text_version,
        "given_at": _iso(c.given_at),
        "recorded_by": _given_by(c.recorded_by_id is not None),
        "withdrawn_at": _iso(c.withdrawn_at),
        "outdated_at": _iso(c.outdated_at),
    }


def _pairs(p: Participant, pairs: list[Pair], redact: Any) -> list[dict[str, Any]]:
    ids = [pair.pk for pair in pairs]
    calls: dict[int, list[CallRecord]] = {}
    for call in CallRecord.objects.filter(pair_id__in=ids).order_by("called_on", "id"):
        calls.setdefault(call.pair_id, []).append(call)
    answers: dict[int, list[CheckInAnswer]] = {}
    for answer in (
        CheckInAnswer.objects.filter(participant=p, follow_up__pair_id__in=ids)
        .select_related("follow_up")
        .order_by("answered_at", "id")
    ):
        answers.setdefault(answer.follow_up.pair_id, []).append(answer)
    rows = []
    for pair in pairs:
        side = "newcomer" if pair.newcomer_id == p.pk else "established"
        friend = _friend(pair, p)
        rows.append(
            {
                "side": _labelled(side, Side(side).label),
                # A proposal that never started names nobody; a started pair, the first name.
                "friend_first_name": friend.first_name if pair.started_on else None,
                "state": _choice(pair, "state"),
                "proposed_on": _iso(pair.proposed_on),
                "started_on": _iso(pair.started_on),
                "paused_on": _iso(pair.paused_on),
                "ended_on": _iso(pair.ended_on),
                "end_reason": _choice(pair, "end_reason") if pair.end_reason else None,
                "calls": [
                    {
                        "called_on": _iso(call.called_on),
                        "outcome": _choice(call, "outcome"),
                        "share_phone": call.share_phone,
                    }
                    for call in calls.get(pair.pk, [])
                    if call.side == side
                ],
                "check_in_answers": [
                    {
                        "follow_up": _choice(answer.follow_up, "kind"),
                        "answered_at": _iso(answer.answered_at),
                        "answer": _choice(answer, "answer"),
                        "comment": redact(answer.comment),
                    }
                    for answer in answers.get(pair.pk, [])
                ],
            }
        )
    return rows


def _attendance(p: Participant) -> list[dict[str, Any]]:
    rows = Attendance.objects.filter(participant=p).select_related("session__activity")
    return [
        {
            "activity": row.session.activity.title,
            "activity_type": _choice(row.session.activity, "type"),
            "date": _iso(row.session.date),
            "via": _choice(row, "via"),
        }
        for row in rows.order_by("session__date", "id")
    ]


def _reminders(p: Participant) -> list[dict[str, Any]]:
    rows = ReminderSubscription.objects.filter(participant=p).select_related("activity")
    return [
        {
            "activity": row.activity.title,
            "since": _iso(row.created_at),
            "withdrawn_at": _iso(row.withdrawn_at),
        }
        for row in rows.order_by("created_at", "id")
    ]


def _messages(p: Participant, redact: Any) -> list[dict[str, Any]]:
    # The HTML copy of an e-mail is the same message as its text: the text is exported.
    return [
        {
            "queued_at": _iso(m.queued_at),
            "sent_at": _iso(m.sent_at),
            "delivered_at": _iso(m.delivered_at),
            "kind": _choice(m, "kind"),
            "channel": _choice(m, "channel"),
            "status": _choice(m, "status"),
            "language": m.language,
            "recipient": m.recipient,
            "subject": redact(m.subject),
            "body": redact(m.body),
        }
        for m in Message.objects.filter(participant=p).order_by("queued_at", "id")
    ]


def _origin(p: Participant, redact: Any) -> dict[str, Any]:
    event = p.source_event
    return {
        "source": _choice(p, "source"),
        "heard_about": _choice(p, "heard_about"),
        "referrer_organisation": _other(p.source_organisation),
        "outreach_event": (
            {
                "name": event.name,
                "kind": _choice(event, "kind"),
                "date": _iso(event.date),
                "place": event.place,
            }
            if event
            else None
        ),
        "referrals": [
            {
                "organisation": r.organisation.name,
                "consent_given_by": _choice(r, "consent_given_by"),
                "consent_method": _choice(r, "consent_method"),
                "consent_date": _iso(r.consent_date),
                "referred_at": _iso(r.created_at),
            }
            for r in p.referrals.select_related("organisation").order_by("created_at", "id")
        ],
        "leads": [
            {
                "event": lead.event.name,
                "event_date": _iso(lead.event.date),
                "first_name": lead.first_name,
                "phone": str(lead.phone) if lead.phone else "",
                "group": _choice(lead, "group"),
                "interest": redact(lead.interest),
                "met_at": _iso(lead.created_at),
            }
            for lead in p.leads.select_related("event").order_by("created_at", "id")
        ],
        "import": _import(p),
    }


def _import(p: Participant) -> dict[str, Any] | None:
    """The file the person was imported from: its name and date, never its content (an
    import from the command line has no uploaded file: only the date)."""
    batch = p.import_batch
    if batch is not None:
        return {
            "filename": batch.filename,
            "imported_on": _iso(timezone.localdate(batch.created_at)),
        }
    consent = p.consents.filter(text_version="import").order_by("given_at").first()
    if consent is None:
        return None
    return {"filename": None, "imported_on": _iso(timezone.localdate(consent.given_at))}
