"""What the participant's own page tells the person about themselves, in words and in the
active language: their details, consents, language friend, activities near them and messages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from sprakvan.activities.models import Activity, ReminderSubscription, Session
from sprakvan.core.languages import language_choices
from sprakvan.matching.models import Pair
from sprakvan.messaging.models import Kind, Message
from sprakvan.participants.choices import PARTS_OF_DAY, WEEKDAYS, Channel, Group, Status
from sprakvan.participants.consents import consent_outdated, current_consent
from sprakvan.participants.models import Consent, ConsentPurpose, Participant

from ..models import PrivacySettings

MESSAGES_SHOWN = 20
# Bodies not shown on the page: they hold sign-in links and codes.
HIDDEN_BODIES = {Kind.SIGN_IN, Kind.CODE}


@dataclass(frozen=True)
class Fact:
    """One thing the programme holds about the person, in words."""

    key: str
    label: str
    values: list[str]


@dataclass(frozen=True)
class Friend:
    first_name: str
    since: datetime.date | None
    paused: bool


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class ChannelSwitch:
    channel: str
    label: str
    on: bool
    outdated: bool  # paused by a newer privacy notice
    reachable: bool  # the person has a phone (SMS) or an address (e-mail)


@dataclass(frozen=True)
class ReminderSwitch:
    activity: Activity
    on: bool


@dataclass(frozen=True)
class ShownMessage:
    at: datetime.datetime
    channel: str
    text: str


@dataclass
class OwnPage:
    facts: list[Fact]
    consents: list[Consent]
    friends: list[Friend]
    contact: Contact | None
    sessions: list[Session]
    channels: list[ChannelSwitch]
    reminders: list[ReminderSwitch]
    messages: list[ShownMessage]
    needs_renewal: bool
    away_until: datetime.date | None
    has_left: bool


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day, "j F Y") if day else ""


def _none() -> list[str]:
    return [_("Nothing given")]


def _status_words(participant: Participant) -> str:
    words = {
        Status.WAITING: _("You are waiting for a language friend."),
        Status.MATCHED: _("You have a language friend."),
        Status.PAUSED: _("Your meetings with your language friend are paused."),
        Status.LEFT: _("You have left the programme."),
    }
    return str(words.get(Status(participant.status), participant.get_status_display()))


def times_in_words(participant: Participant) -> list[str]:
    """The free times as one line per weekday: "Tuesday: morning, evening"."""
    width = len(PARTS_OF_DAY)
    lines = []
    for day, name in enumerate(WEEKDAYS):
        parts = [
            str(PARTS_OF_DAY[part])
            for part in range(width)
            if participant.availability >> (day * width + part) & 1
        ]
        if parts:
            lines.append(f"{name}: {', '.join(parts)}")
    return lines


def _wishes(participant: Participant) -> list[str]:
    wishes = [_("Your friend: %(wish)s") % {"wish": participant.get_wish_gender_display()}]
    low, high = participant.wish_age_min, participant.wish_age_max
    if low and high:
        wishes.append(
            _("Your friend's age: %(low)s to %(high)s years") % {"low": low, "high": high}
        )
    elif low:
        wishes.append(_("Your friend's age: at least %(low)s years") % {"low": low})
    elif high:
        wishes.append(_("Your friend's age: at most %(high)s years") % {"high": high})
    if participant.group == Group.NEWCOMER:
        if participant.is_family:
            wishes.append(_("You are a family and want to meet together."))
    else:
        if participant.accepts_family:
            wishes.append(_("You can meet a family."))
        wishes.append(
            _("Language friends at the same time: %(count)s") % {"count": participant.capacity}
        )
    return wishes


def _source(participant: Participant) -> list[str]:
    lines = [participant.get_source_display()]
    if participant.source_organisation_id and participant.source_organisation:
        lines.append(_("Sent to us by: %(name)s") % {"name": participant.source_organisation.name})
    if participant.source_event_id and participant.source_event:
        lines.append(_("Met us at: %(name)s") % {"name": participant.source_event.name})
    if participant.heard_about:
        lines.append(
            _("How you heard about us: %(how)s") % {"how": participant.get_heard_about_display()}
        )
    return lines


def _phone(participant: Participant) -> str:
    phone = participant.phone
    if not phone:
        return ""
    return phone.as_national if phone.is_valid() else str(phone)


def facts_about(participant: Participant) -> list[Fact]:
    """Every field the programme holds about the person, in words (not codes), in the
    active language."""
    group = {
        Group.NEWCOMER: _("New in Sweden: you want a language friend to practise Swedish with."),
        Group.ESTABLISHED: _("Language friend: you help someone practise Swedish."),
    }
    languages = dict(language_choices())
    facts = [
        Fact("group", _("You are"), [str(group.get(Group(participant.group), ""))]),
        Fact("name", _("Name"), [participant.full_name]),
        Fact("phone", _("Mobile phone"), [_phone(participant)] if participant.phone else _none()),
        Fact("email", _("E-mail"), [participant.email] if participant.email else _none()),
        Fact("gender", _("Gender"), [participant.get_gender_display()]),
        Fact(
            "birth_year",
            _("Year of birth"),
            [str(participant.birth_year)] if participant.birth_year else _none(),
        ),
        Fact(
            "district",
            _("Where you live"),
            [participant.district.name] if participant.district else _none(),
        ),
        Fact("languages", _("Languages you speak"), participant.language_labels or _none()),
    ]
    if participant.group == Group.NEWCOMER:
        level = participant.get_swedish_level_display() if participant.swedish_level else ""
        facts.append(Fact("swedish_level", _("Your Swedish"), [level] if level else _none()))
    facts += [
        Fact("interests", _("What you like to do"), participant.interest_labels or _none()),
        Fact("availability", _("When you can meet"), times_in_words(participant) or _none()),
        Fact("wishes", _("Your wishes"), _wishes(participant)),
        Fact("status", _("Where you stand"), [_status_words(participant)]),
    ]
    if participant.paused_until:
        facts.append(Fact("paused_until", _("Away until"), [_date(participant.paused_until)]))
    facts += [
        Fact("registered_on", _("Signed up on"), [_date(participant.registered_on)]),
        Fact("source", _("Where your details came from"), _source(participant)),
        Fact(
            "preferred_language",
            _("Language for messages"),
            [languages.get(participant.preferred_language or "sv", "svenska")],
        ),
    ]
    if participant.external_id:
        facts.append(
            Fact("external_id", _("Your number in an earlier register"), [participant.external_id])
        )
    return facts


def friends_of(participant: Participant) -> list[Friend]:
    """The person's language friends now (active or paused pairs): first name only."""
    pairs = (
        Pair.objects.filter(
            Q(newcomer=participant) | Q(established=participant),
            state__in=[Pair.State.ACTIVE, Pair.State.PAUSED],
        )
        .select_related("newcomer", "established")
        .order_by("started_on", "id")
    )
    return [
        Friend(
            first_name=(
                pair.established if pair.newcomer_id == participant.pk else pair.newcomer
            ).first_name,
            since=pair.started_on,
            paused=pair.state == Pair.State.PAUSED,
        )
        for pair in pairs
    ]


def contact_of(programme_id: int) -> Contact | None:
    """Whom the participant asks: the programme's privacy settings; None when none is given."""
    settings = PrivacySettings.objects.filter(programme_id=programme_id).first()
    if settings is None or not (
        settings.contact_name or settings.contact_phone or settings.contact_email
    ):
        return None
    return Contact(settings.contact_name, settings.contact_phone, settings.contact_email)


def sessions_near(participant: Participant, *, today: datetime.date) -> list[Session]:
    """Sessions held from today to six days on in the person's district or a neighbouring
    one (as `activities.services.nearby` counts distance); none when no district is known."""
    district = participant.district
    if district is None:
        return []
    near = {district.pk, *district.neighbours.values_list("pk", flat=True)}
    return list(
        Session.objects.held()
        .filter(
            programme_id=participant.programme_id,
            activity__is_active=True,
            date__gte=today,
            date__lte=today + datetime.timedelta(days=6),
        )
        .filter(
            Q(activity__district_id__in=near)
            | Q(activity__district__isnull=True, activity__venue__district_id__in=near)
        )
        .select_related("activity", "activity__venue", "venue")
        .order_by("date", "start_time", "id")[:12]
    )


def channel_switches(participant: Participant) -> list[ChannelSwitch]:
    switches = []
    for channel, label, reachable in (
        (Channel.SMS, _("Messages by SMS"), bool(participant.phone)),
        (Channel.EMAIL, _("Messages by e-mail"), bool(participant.email)),
    ):
        consent = current_consent(participant, purpose=ConsentPurpose.MESSAGES, channel=channel)
        outdated = consent is not None and consent.outdated_at is not None
        on = consent is not None and not outdated
        switches.append(ChannelSwitch(channel, label, on, outdated, reachable))
    return switches


def reminder_switches(participant: Participant) -> list[ReminderSwitch]:
    """Every activity the person ever asked reminders for, with whether they still get them."""
    rows = ReminderSubscription.objects.filter(participant=participant).select_related("activity")
    found: dict[int, ReminderSwitch] = {}
    for row in rows.order_by("activity__title", "activity_id", "-created_at"):
        current = found.get(row.activity_id)
        found[row.activity_id] = ReminderSwitch(
            row.activity, (current is not None and current.on) or row.withdrawn_at is None
        )
    return list(found.values())


def messages_to(participant: Participant) -> list[ShownMessage]:
    """The newest messages to the person (never the cancelled ones), newest first."""
    rows = (
        Message.objects.filter(participant=participant)
        .exclude(status=Message.Status.CANCELLED)
        .order_by("-queued_at", "-id")[:MESSAGES_SHOWN]
    )
    return [
        ShownMessage(
            at=row.sent_at or row.queued_at,
            channel=row.get_channel_display(),
            text=str(Kind(row.kind).label) if row.kind in HIDDEN_BODIES else row.body,
        )
        for row in rows
    ]


def needs_renewal(participant: Participant) -> bool:
    """A newer privacy notice changed a purpose the person agreed to: ask again."""
    if consent_outdated(participant, purpose=ConsentPurpose.REGISTRATION):
        return True
    return any(
        consent_outdated(participant, purpose=ConsentPurpose.MESSAGES, channel=channel)
        for channel in Channel.values
    )


def own_page(participant: Participant, *, today: datetime.date) -> OwnPage:
    """Everything the home of the own page shows, in the active language."""
    return OwnPage(
        facts=facts_about(participant),
        consents=list(participant.consents.order_by("-given_at", "-id")),
        friends=friends_of(participant),
        contact=contact_of(participant.programme_id),
        sessions=sessions_near(participant, today=today),
        channels=channel_switches(participant),
        reminders=reminder_switches(participant),
        messages=messages_to(participant),
        needs_renewal=needs_renewal(participant),
        away_until=participant.paused_until
        if participant.paused_until and participant.paused_until > today
        else None,
        has_left=participant.status == Status.LEFT,
    )
