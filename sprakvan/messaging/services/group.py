"""The message to a chosen group: who the filter chooses, what each of them would get and
what it costs, and sending it once.

The coordinator writes a text per language; it fills `{{ text }}` of the programme's template
of kind `group` (by default a greeting with the person's first name, then the text). Her text
may itself use `{{ first_name }}` and `{{ programme }}`. Each person gets one message through
`notify` (key `group:<group>:participant:<person>`), so consent, channel and language are
decided as for every other message: a person without consent shows in the outbox as not sent.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.participants.models import Channel, Consent, ConsentPurpose, Participant, Status

from .. import hooks
from ..models import GroupMessage, Kind
from ..rendering import ENGINE, render_text, template_for, variables_used
from ..segments import sms_parts
from .notify import how_to_stop, language_for, notify
from .outbox import settings_for

# 46elks' price for one SMS part to a Swedish number, in öre: an estimate for the page (the
# provider reports the real cost of each SMS afterwards, shown in the outbox).
SMS_PART_PRICE_ORE = 35


def audience(programme: Programme, filters: dict[str, str]) -> QuerySet[Participant]:
    """The current participants of the programme (not erased, not left) that every chosen
    filter keeps. An unknown filter name is ignored; an empty value means all."""
    people: QuerySet[Participant] = Participant.objects.current().filter(programme=programme)
    people = people.exclude(status=Status.LEFT)
    if filters.get("group"):
        people = people.filter(group=filters["group"])
    if filters.get("district"):
        people = people.filter(district_id=int(filters["district"]))
    if filters.get("status"):
        people = people.filter(status=filters["status"])
    if filters.get("language"):
        people = people.filter(preferred_language=filters["language"])
    for audience_filter in hooks.audience_filters:
        if value := filters.get(audience_filter.name):
            people = audience_filter.apply(people, value)
    return people.order_by("pk")


def reach(people: list[Participant]) -> dict[int, str | None]:
    """How each person can be told: SMS, e-mail, or None (no consent, or no address), the
    same order `notify` follows, with the consents read in one query."""
    agreed: set[tuple[int, str]] = set(
        Consent.objects.filter(
            participant__in=[person.pk for person in people],
            purpose=ConsentPurpose.MESSAGES,
            withdrawn_at__isnull=True,
        ).values_list("participant_id", "channel")
    )
    found: dict[int, str | None] = {}
    for person in people:
        if person.phone and (person.pk, Channel.SMS) in agreed:
            found[person.pk] = Channel.SMS
        elif person.email and (person.pk, Channel.EMAIL) in agreed:
            found[person.pk] = Channel.EMAIL
        else:
            found[person.pk] = None
    return found


def personal_text(text: str, person: Participant) -> str:
    """The coordinator's text for one person (her `{{ first_name }}` and `{{ programme }}`)."""
    context: dict[str, object] = {
        "first_name": person.first_name,
        "programme": person.programme.name,
    }
    return render_text(subject="", body=text, context=context).text


@dataclass(frozen=True)
class Preview:
    language: str
    person: Participant
    channel: str | None
    subject: str
    text: str
    parts: int


@dataclass
class Summary:
    """What the page shows before the coordinator confirms."""

    people: list[Participant]
    languages: Counter[str] = field(default_factory=Counter)
    by_sms: int = 0
    by_email: int = 0
    unreachable: int = 0
    sms_parts: int = 0
    previews: list[Preview] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # languages among them without a text
    no_text_slot: list[str] = field(default_factory=list)  # templates without {{ text }}

    @property
    def count(self) -> int:
        return len(self.people)

    @property
    def cost_ore(self) -> int:
        return self.sms_parts * SMS_PART_PRICE_ORE

    @property
    def ready(self) -> bool:
        return bool(self.people) and not self.missing and not self.no_text_slot


def summarise(programme: Programme, people: list[Participant], texts: dict[str, str]) -> Summary:
    """Count the people, their languages and how they can be reached, add up the SMS parts
    of what each would get, and render one preview per language on a real person."""
    summary = Summary(people=people)
    settings = settings_for(programme)
    channels = reach(people)
    templates: dict[str, tuple[str, str]] = {}
    for person in people:
        language = language_for(person, kind=Kind.GROUP)
        summary.languages[language] += 1
        channel = channels[person.pk]
        summary.by_sms += channel == Channel.SMS
        summary.by_email += channel == Channel.EMAIL
        summary.unreachable += channel is None
        if language not in texts:
            if language not in summary.missing:
                summary.missing.append(language)
            continue
        if language not in templates:
            templates[language] = template_for(programme, Kind.GROUP, language)
            if "text" not in variables_used_in(templates[language][1]):
                summary.no_text_slot.append(language)
        subject, body = templates[language]
        rendered = render_text(
            subject=subject,
            body=body,
            context={
                "first_name": person.first_name,
                "programme": programme.name,
                "text": personal_text(texts[language], person),
            },
        )
        text = rendered.text
        if channel != Channel.EMAIL:
            text = f"{text}\n{how_to_stop(settings, language)}"
        parts = sms_parts(text).parts
        if channel == Channel.SMS:
            summary.sms_parts += parts
        if all(preview.language != language for preview in summary.previews):
            summary.previews.append(
                Preview(
                    language=language,
                    person=person,
                    channel=channel,
                    subject=rendered.subject if channel == Channel.EMAIL else "",
                    text=text,
                    parts=parts,
                )
            )
    return summary


def variables_used_in(body: str) -> set[str]:
    return variables_used(ENGINE.from_string(body))


def send_group_message(
    *,
    programme: Programme,
    people: list[Participant],
    texts: dict[str, str],
    filters: dict[str, str],
    token: str,
    sent_by: User,
    now: datetime.datetime | None = None,
) -> tuple[GroupMessage, bool]:
    """Record the group message and queue one message per person; (the row, True). A second
    call with the same token (a double submit) queues nothing and returns (the first row,
    False)."""
    now = now or timezone.now()
    if (done := GroupMessage.objects.filter(token=token).first()) is not None:
        return done, False
    try:
        with transaction.atomic():
            group = GroupMessage.objects.create(
                programme=programme,
                token=token,
                texts=texts,
                filters=filters,
                count=len(people),
                created_by=sent_by,
                created_at=now,
            )
            for person in people:
                language = language_for(person, kind=Kind.GROUP)
                notify(
                    person,
                    kind=Kind.GROUP,
                    key=f"group:{group.pk}:participant:{person.pk}",
                    context={"text": personal_text(texts.get(language, ""), person)},
                    event_at=now,
                    now=now,
                )
            log_action(
                "messaging.group.sent",
                programme=programme,
                actor=sent_by,
                target=group,
                count=len(people),
                filters=filters,
                languages=sorted(texts),
            )
    except IntegrityError:
        # The same page submitted twice at once: the other request made the row.
        done = GroupMessage.objects.filter(token=token).first()
        if done is None:
            raise
        return done, False
    return group, True
