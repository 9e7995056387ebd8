"""What a pair hears from the programme: the introduction, the check-ins and their answers.

Messages go through `messaging.services.notify` (which drops events more than a day old, so
the demo's historic pairs send nothing). The introduction gives the friend's phone number only
when both agreed to share it on their call (`CallRecord.share_phone`). A check-in links to the answer page with a signed
token that holds the pair, the person and the month (1 or 6) and is valid for 30 days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sprakvan.core.audit import log_action
from sprakvan.messaging.models import Kind
from sprakvan.messaging.services.notify import notify
from sprakvan.participants.models import Participant

from ..models import CallRecord, CheckInAnswer, CheckInFlag, FollowUp, Pair, Side
from .follow_ups import record_follow_up

CHECK_IN_SALT = "matching.check_in"
TOKEN_MAX_AGE = datetime.timedelta(days=30)
# A check-in goes out this many days after the start, keyed by the follow-up's month.
CHECK_IN_DAYS = {1: 30, 6: 182}
# A check-in missed by more than this (an outage, an old pair) is not sent late.
CHECK_IN_LATEST = datetime.timedelta(days=14)
MONTH_KINDS = {months: kind for kind, months in FollowUp.MONTHS.items()}


def _both(pair: Pair) -> list[tuple[Participant, Participant]]:
    """Each person with their friend."""
    return [(pair.newcomer, pair.established), (pair.established, pair.newcomer)]


def both_share_phones(pair: Pair) -> bool:
    """Did both people, on their latest call, agree to the pair and to their friend getting
    their phone number? One yes alone shares nothing."""
    latest = {call.side: call for call in pair.calls.order_by("called_on", "id")}
    return all(
        side in latest
        and latest[side].outcome == CallRecord.Outcome.AGREES
        and latest[side].share_phone
        for side in Side.values
    )


def send_introductions(pair: Pair) -> None:
    """A pair has started: tell both people their friend's first name, and the friend's phone
    number only when both agreed on the call to share it. The event is the start date at noon,
    so a pair started in the past sends nothing."""
    if pair.started_on is None:
        raise ValueError("a pair is introduced when it starts")
    started = datetime.datetime.combine(
        pair.started_on, datetime.time(12), tzinfo=timezone.get_default_timezone()
    )
    share = both_share_phones(pair)
    for person, friend in _both(pair):
        # E.164, without spaces: groups split by spaces would be reordered inside Arabic text.
        phone = friend.phone.as_e164 if share and friend.phone else ""
        notify(
            person,
            kind=Kind.INTRODUCTION,
            key=f"introduction:pair:{pair.pk}:participant:{person.pk}",
            context={"friend_first_name": friend.first_name, "friend_phone": phone},
            event_at=started,
        )


def check_in_token(pair: Pair, participant: Participant, *, months: int) -> str:
    return signing.dumps({"p": pair.pk, "q": participant.pk, "m": months}, salt=CHECK_IN_SALT)


@dataclass(frozen=True)
class CheckInLink:
    pair_id: int
    participant_id: int
    months: int
    expired: bool


def read_check_in_token(token: str) -> CheckInLink | None:
    """The link's content, or None when it was not signed by us. An expired link is still
    read (its page speaks the person's language) but says so."""
    expired = False
    try:
        data = signing.loads(token, salt=CHECK_IN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        expired = True
        data = signing.loads(token, salt=CHECK_IN_SALT)
    except signing.BadSignature:
        return None
    try:
        link = CheckInLink(int(data["p"]), int(data["q"]), int(data["m"]), expired)
    except (KeyError, TypeError, ValueError):
        return None
    return link if link.months in MONTH_KINDS else None


def check_in_url(pair: Pair, participant: Participant, *, months: int) -> str:
    path = reverse(
        "matching_public:check_in",
        kwargs={
            "programme_slug": pair.programme.slug,
            "token": check_in_token(pair, participant, months=months),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def queue_check_ins(*, now: datetime.datetime | None = None) -> int:
    """Queue the check-ins that are due: active pairs 30 (182) days after their start, at most
    14 days late. Idempotent by the message key. Returns how many people were asked."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    asked = 0
    for months, days in CHECK_IN_DAYS.items():
        latest_start = today - datetime.timedelta(days=days)
        pairs = Pair.objects.filter(
            state=Pair.State.ACTIVE,
            started_on__lte=latest_start,
            started_on__gte=latest_start - CHECK_IN_LATEST,
        ).select_related("programme", "newcomer", "established")
        for pair in pairs:
            for person, friend in _both(pair):
                notify(
                    person,
                    kind=Kind.CHECK_IN,
                    key=f"check_in:{months}:pair:{pair.pk}:participant:{person.pk}",
                    context={
                        "friend_first_name": friend.first_name,
                        "link": check_in_url(pair, person, months=months),
                    },
                    event_at=now,
                    now=now,
                )
                asked += 1
    return asked


def _flag_of(answers: list[str]) -> str:
    if CheckInAnswer.Answer.STOPPED in answers:
        return CheckInFlag.STOPPED
    if CheckInAnswer.Answer.NOT_MET in answers:
        return CheckInFlag.NOT_MET
    return CheckInFlag.NONE


@transaction.atomic
def record_check_in_answer(
    pair: Pair,
    participant: Participant,
    *,
    months: int,
    answer: str,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> CheckInAnswer:
    """A person's own answer through their check-in link; a second answer replaces the first.
    It fills the pair's follow-up (unless the coordinator has recorded it herself) and flags
    the pair when one of them has not met or has stopped."""
    if answer not in CheckInAnswer.Answer.values:
        raise ValueError(f"unknown check-in answer {answer!r}")
    if participant.pk not in (pair.newcomer_id, pair.established_id):
        raise ValueError("the participant is not in this pair")
    now = now or timezone.now()
    # Lock the pair: both people may answer at the same moment.
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    kind = MONTH_KINDS[months]
    if pair.started_on is None:
        raise ValueError("only a pair that has started is checked in on")
    follow_up, _created = FollowUp.objects.get_or_create(
        pair=pair,
        kind=kind,
        defaults={"due_on": pair.started_on + datetime.timedelta(days=CHECK_IN_DAYS[months])},
    )
    saved, _created = CheckInAnswer.objects.update_or_create(
        follow_up=follow_up,
        participant=participant,
        defaults={"answer": answer, "comment": comment.strip(), "answered_at": now},
    )
    answers = list(follow_up.answers.values_list("answer", flat=True))
    if follow_up.recorded_by_id is None:
        record_follow_up(
            follow_up,
            met=all(a == CheckInAnswer.Answer.MEETING for a in answers),
            frequency=FollowUp.Frequency.UNKNOWN,
            recorded_by=None,
            on=timezone.localtime(now).date(),
            now=now,
        )
    flag = _flag_of(answers)
    if pair.check_in_flag != flag:
        pair.check_in_flag = flag
        pair.save(update_fields=["check_in_flag", "updated_at"])
    log_action(
        "matching.check_in.answered",
        programme=pair.programme,
        actor=None,
        target=pair,
        months=months,
        side="newcomer" if participant.pk == pair.newcomer_id else "established",
        answer=answer,
    )
    return saved
