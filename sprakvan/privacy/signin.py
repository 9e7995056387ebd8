"""Signing in to the own page without a password, and the fresh code that confirms an erasure.

`request_sign_in` sends a one-time link and a 6-digit code (kind `sign_in`, sent at once at
any hour) on the channel the person typed, but only when the number or address is exactly one
current participant's of the programme; for anything else it does nothing, and the page says
the same either way. The link (`use_link`) and the code (`use_code`) are one token: either
signs in once, within 30 minutes; a code has 5 tries. Only keyed hashes are stored.

`request_erasure_code` sends a fresh code (kind `code`) to the signed-in person's own phone,
else their e-mail; `erase_with_code` checks it and erases them (`services.erase_participant`).
"""

from __future__ import annotations

import datetime
import enum
import secrets
from dataclasses import dataclass

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind
from sprakvan.messaging.rendering import render_message
from sprakvan.messaging.services import queue_message, settings_for
from sprakvan.messaging.services.notify import how_to_stop, language_for
from sprakvan.participants.choices import Channel
from sprakvan.participants.models import Participant

from .models import SignInToken
from .services import erase_participant

VALID_FOR = datetime.timedelta(minutes=30)
MAX_TRIES = 5
ERASED_HOW = "the person, on their own page"


@dataclass(frozen=True)
class Address:
    """What the person typed, normalised: a phone in E.164 (SMS) or a lower-case e-mail."""

    channel: str  # Channel.SMS or Channel.EMAIL
    value: str


class Outcome(enum.StrEnum):
    DONE = "done"
    WRONG = "wrong"  # a wrong code, an expired or used one, or none at all: one answer
    TOO_MANY_TRIES = "too_many_tries"


def parse_address(text: str) -> Address | None:
    """A Swedish or international mobile number, or an e-mail address; None for anything else."""
    text = text.strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            return None
        return Address(Channel.EMAIL, text.lower())
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return Address(
        Channel.SMS, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    )


def address_digest(address: Address) -> str:
    """A keyed hash of the address, for rate-limit keys: the number itself is never stored."""
    return _hash("address", address.value)


def _hash(kind: str, value: str) -> str:
    # Keyed with SECRET_KEY: a copy of the table alone gives neither links nor codes back.
    return salted_hmac(f"sprakvan.privacy.sign_in.{kind}", value, algorithm="sha256").hexdigest()


def _code_hash(row: SignInToken, code: str) -> str:
    return _hash("code", f"{row.pk}:{code}")


def participant_for(programme: Programme, address: Address) -> Participant | None:
    """The one current participant (not erased, not an open duplicate) of the programme with
    this phone or e-mail, else None. A person who left may still sign in to see or erase
    their data."""
    people = Participant.objects.filter(programme=programme).current()
    if address.channel == Channel.SMS:
        people = people.filter(phone=address.value)
    else:
        people = people.filter(email__iexact=address.value)
    found = list(people[:2])
    return found[0] if len(found) == 1 else None


def _new_token(
    participant: Participant, *, purpose: str, channel: str, link: str, now: datetime.datetime
) -> tuple[SignInToken, str]:
    """A new token of this purpose (earlier unused ones of the same purpose stop working),
    and its code in clear, to be sent and forgotten."""
    SignInToken.objects.filter(
        participant=participant, purpose=purpose, used_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = SignInToken.objects.create(
        participant=participant,
        purpose=purpose,
        channel=channel,
        link_hash=_hash("link", link) if link else "",
        code_hash="",
        created_at=now,
        expires_at=now + VALID_FOR,
    )
    row.code_hash = _code_hash(row, code)
    row.save(update_fields=["code_hash"])
    return row, code


def _send(
    participant: Participant,
    *,
    kind: str,
    channel: str,
    key: str,
    context: dict[str, object],
    now: datetime.datetime,
) -> None:
    programme = participant.programme
    language = language_for(participant, kind=kind)
    rendered = render_message(
        programme, kind=kind, language=language, context={"programme": programme.name} | context
    )
    is_sms = channel == Channel.SMS
    queue_message(
        programme=programme,
        participant=participant,
        channel=channel,
        kind=kind,
        key=key,
        subject="" if is_sms else rendered.subject,
        body=f"{rendered.text}\n{how_to_stop(settings_for(programme), language)}"
        if is_sms
        else rendered.text,
        html_body="" if is_sms else rendered.html,
        language=language,
        now=now,
    )


def link_url(programme: Programme, link: str) -> str:
    path = reverse(
        "privacy_public:follow_link", kwargs={"programme_slug": programme.slug, "token": link}
    )
    return settings.SITE_URL.rstrip("/") + path


def start_sign_in(
    programme: Programme, *, address: Address, request_key: str, now: datetime.datetime
) -> None:
    """The first step, the same work whoever is asked for: one lookup and one background
    task, which makes and sends the code and link when the address is a participant's and
    does nothing otherwise. So neither the answer nor its time tells who takes part. The task
    gets ids and a hash only, never the number or address."""
    from .tasks import send_sign_in_task  # the task builds on this module

    participant = participant_for(programme, address)
    send_sign_in_task.enqueue(
        participant.pk if participant else None,
        address.channel,
        _hash("request", request_key),
        now.isoformat(),
    )


@transaction.atomic
def request_sign_in(
    programme: Programme, *, address: Address, now: datetime.datetime, request_key: str = ""
) -> SignInToken | None:
    """Send a link and a code to the participant with this phone or e-mail, on that channel,
    at once; None, and nothing sent or stored, when it is nobody's (or more than one
    person's). The web page uses `start_sign_in`."""
    participant = participant_for(programme, address)
    if participant is None:
        return None
    request_hash = _hash("request", request_key) if request_key else ""
    return send_sign_in(participant, channel=address.channel, request_hash=request_hash, now=now)


@transaction.atomic
def send_sign_in(
    participant: Participant, *, channel: str, request_hash: str, now: datetime.datetime
) -> SignInToken:
    """Make a sign-in token for this person and send its code and link on this channel."""
    link = secrets.token_urlsafe(32)
    row, code = _new_token(
        participant,
        purpose=SignInToken.Purpose.SIGN_IN,
        channel=channel,
        link=link,
        now=now,
    )
    row.request_hash = request_hash
    row.save(update_fields=["request_hash"])
    _send(
        participant,
        kind=Kind.SIGN_IN,
        channel=channel,
        key=f"sign_in:token:{row.pk}",
        context={"code": code, "link": link_url(participant.programme, link)},
        now=now,
    )
    log_action(
        "privacy.sign_in.sent",
        programme=participant.programme_id,
        target=participant,
        token=row.pk,
        channel=channel,
    )
    return row


def _usable(row: SignInToken, now: datetime.datetime) -> bool:
    return row.used_at is None and row.expires_at > now and row.tries < MAX_TRIES


def _use(row: SignInToken, *, how: str, now: datetime.datetime) -> Participant:
    row.used_at = now
    row.save(update_fields=["used_at"])
    log_action(
        "privacy.sign_in.used",
        programme=row.participant.programme_id,
        target=row.participant,
        token=row.pk,
        how=how,
    )
    return row.participant


def _sign_in_tokens(programme: Programme) -> QuerySet[SignInToken]:
    return SignInToken.objects.select_related("participant").filter(
        purpose=SignInToken.Purpose.SIGN_IN,
        participant__programme=programme,
        participant__erased_at__isnull=True,
    )


def link_works(programme: Programme, *, link: str, now: datetime.datetime) -> bool:
    """Whether this link would sign someone in now (opening it changes nothing)."""
    row = _sign_in_tokens(programme).filter(link_hash=_hash("link", link)).first()
    return row is not None and _usable(row, now)


@transaction.atomic
def use_link(programme: Programme, *, link: str, now: datetime.datetime) -> Participant | None:
    """The person this link signs in (once, within its time), or None."""
    if not link:
        return None
    row = (
        _sign_in_tokens(programme)
        .select_for_update(of=("self",))
        .filter(link_hash=_hash("link", link))
        .first()
    )
    if row is None or not _usable(row, now):
        return None
    return _use(row, how="link", now=now)


@transaction.atomic
def use_code(
    programme: Programme, *, request_key: str, code: str, now: datetime.datetime
) -> Participant | None:
    """The person whose token (one this browser asked for: its request key) has this code,
    signed in once; None otherwise. Every wrong try counts against each token still alive."""
    if not request_key:
        return None
    rows = list(
        _sign_in_tokens(programme)
        .select_for_update(of=("self",))
        .filter(request_hash=_hash("request", request_key))
        .order_by("pk")
    )
    code = code.strip()
    for row in rows:
        if _usable(row, now) and constant_time_compare(_code_hash(row, code), row.code_hash):
            return _use(row, how="code", now=now)
    for row in rows:
        if _usable(row, now):
            row.tries += 1
            row.save(update_fields=["tries"])
    return None


@transaction.atomic
def request_erasure_code(participant: Participant, *, now: datetime.datetime) -> str | None:
    """Send a fresh code confirming the erasure to the person's own phone, else their e-mail;
    the channel used, or None when they have neither."""
    if participant.phone:
        channel = Channel.SMS
    elif participant.email:
        channel = Channel.EMAIL
    else:
        return None
    row, code = _new_token(
        participant, purpose=SignInToken.Purpose.ERASE, channel=channel, link="", now=now
    )
    # Kind `code`: a plain code the person just asked for (sent at once, at any hour). The
    # sign-in kind's text offers a link to My page, which would not confirm anything here.
    _send(
        participant,
        kind=Kind.CODE,
        channel=channel,
        key=f"code:erase:{row.pk}",
        context={"code": code},
        now=now,
    )
    log_action(
        "privacy.erase_code.sent",
        programme=participant.programme_id,
        target=participant,
        token=row.pk,
        channel=channel,
    )
    return channel


@transaction.atomic
def erase_with_code(participant: Participant, *, code: str, now: datetime.datetime) -> Outcome:
    """Erase the person when the code is that of their latest erasure token (once, within
    30 minutes, 5 tries); else nothing changes."""
    row = (
        SignInToken.objects.select_for_update(of=("self",))
        .filter(participant=participant, purpose=SignInToken.Purpose.ERASE)
        .order_by("-created_at", "-pk")
        .first()
    )
    if row is None:
        return Outcome.WRONG
    if row.tries >= MAX_TRIES:
        return Outcome.TOO_MANY_TRIES
    if not (
        _usable(row, now) and constant_time_compare(_code_hash(row, code.strip()), row.code_hash)
    ):
        if row.used_at is None and row.expires_at > now:
            row.tries += 1
            row.save(update_fields=["tries"])
        return Outcome.TOO_MANY_TRIES if row.tries >= MAX_TRIES else Outcome.WRONG
    erase_participant(participant, requested_by=None, how=ERASED_HOW, now=now)
    return Outcome.DONE
