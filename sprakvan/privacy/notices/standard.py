"""The standard privacy notice, made from the field inventory, and what the notice page shows
for one version (the standard text, the programme's own text, the other versions)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from sprakvan.core.models import Programme
from sprakvan.participants.consents import STANDARD_NOTICE_VERSION
from sprakvan.participants.models import PrivacyNotice

from .. import inventory
from ..models import PrivacySettings

DEFAULT_RETENTION_MONTHS = 24

# The inventory's words, said plainly to the person the data is about.
BASES: dict[str, Promise] = {
    inventory.CONSENT: gettext_lazy(
        "You agreed to it (consent). You can take your consent back at any time."
    ),
    inventory.LEGAL_OBLIGATION: gettext_lazy(
        "The law: we must be able to show what you agreed to, and when."
    ),
    inventory.LEGITIMATE: gettext_lazy(
        "What the programme needs to run well (legitimate interest)."
    ),
    inventory.PUBLIC_TASK: gettext_lazy("The municipality's public task."),
}
SEEN_BY: dict[str, Promise] = {
    inventory.COORDINATOR: gettext_lazy("The programme's coordinators."),
    inventory.COORDINATOR_LEADER: gettext_lazy(
        "The programme's coordinators, and the leaders of the activities you come to."
    ),
    inventory.COORDINATOR_LEADER_LABEL: gettext_lazy(
        "The programme's coordinators. The leaders of the activities you come to see your "
        "first name, the first letter of your last name, your year of birth and your part of "
        "town, to take attendance. If two people would still look the same, they see more "
        "letters of the last name."
    ),
    inventory.COORDINATOR_REFERRER: gettext_lazy(
        "The programme's coordinators, and the person at the organisation who referred you."
    ),
    inventory.NOBODY: gettext_lazy("Nobody: we keep the code only in a scrambled form."),
}
KEPT: dict[str, Promise] = {
    inventory.PARTICIPANT_PERIOD: gettext_lazy(
        "As long as you take part. After %(months)s months with no language friend, no "
        "activity and no contact with us, we remove everything that shows who you are."
    ),
    inventory.UNTIL_ERASURE: gettext_lazy(
        "As long as we keep your details. It is removed when your details are erased."
    ),
    inventory.NOTES_PERIOD: gettext_lazy("At most 12 months after it was written."),
    inventory.LEAD_PERIOD: gettext_lazy("6 months, if you do not sign up."),
    inventory.MESSAGE_PERIOD: gettext_lazy(
        "As long as we keep your details. The address and the text are removed when your "
        "details are erased."
    ),
    inventory.CONSENT_PERIOD: gettext_lazy(
        "Also after your details are erased, without your name: as proof of what you agreed to."
    ),
    inventory.SUBSCRIPTION_PERIOD: gettext_lazy("Until you stop the reminders."),
    inventory.CODE_PERIOD: gettext_lazy("Until the code stops working, after a few minutes."),
    inventory.SIGN_IN_PERIOD: gettext_lazy("30 minutes."),
}

_P = "participants.Participant"


@dataclass(frozen=True)
class Topic:
    """One thing the standard notice tells: what we store, why, and the inventory fields it
    covers (their legal basis, who sees them and how long they are kept come from there)."""

    title: Promise
    what: Promise
    why: Promise
    fields: tuple[tuple[str, str], ...]


def _of(model: str, *names: str) -> tuple[tuple[str, str], ...]:
    return tuple((model, name) for name in names)


TOPICS: tuple[Topic, ...] = (
    Topic(
        gettext_lazy("Your name"),
        gettext_lazy("Your first name and last name."),
        gettext_lazy(
            "To talk to you and to tell people apart. Your language friend sees your first name."
        ),
        _of(_P, "first_name", "last_name"),
    ),
    Topic(
        gettext_lazy("How we reach you"),
        gettext_lazy("Your mobile number, your e-mail address and the language you read."),
        gettext_lazy(
            "To call you and to send you SMS or e-mail about your language friend and "
            "the activities, in your language."
        ),
        _of(_P, "phone", "email", "preferred_language"),
    ),
    Topic(
        gettext_lazy("About you"),
        gettext_lazy(
            "New in Sweden or established, gender, year of birth and the part of town "
            "where you live."
        ),
        gettext_lazy(
            "To find a language friend who fits your wishes and lives near you, and "
            "for statistics in which nobody can be recognised."
        ),
        _of(_P, "group", "gender", "birth_year", "district"),
    ),
    Topic(
        gettext_lazy("Languages, interests and times"),
        gettext_lazy(
            "The languages you speak, your Swedish, your interests and the times in "
            "the week when you are free."
        ),
        gettext_lazy(
            "To find a friend you can talk with, who likes the same things and can "
            "meet at the same times, and to suggest activities."
        ),
        _of(_P, "languages", "swedish_level", "interests", "availability"),
    ),
    Topic(
        gettext_lazy("Your wishes"),
        gettext_lazy(
            "What you wish for in a friend (gender, age, family) and how many people you can meet."
        ),
        gettext_lazy("To follow your wishes when we choose your language friend."),
        _of(
            _P,
            "wish_gender",
            "wish_age_min",
            "wish_age_max",
            "is_family",
            "accepts_family",
            "capacity",
        ),
    ),
    Topic(
        gettext_lazy("Where you heard about us"),
        gettext_lazy(
            "How you came to us: yourself, through an organisation that referred you, "
            "at an event where we met you, or in a list we imported."
        ),
        gettext_lazy("To know which ways of meeting people work, together with our partners."),
        (
            *_of(
                _P, "source", "source_organisation", "source_event", "heard_about", "import_batch"
            ),
            *_of("partners.Referral", "participant", "consent_given_by"),
            *_of("partners.Lead", "first_name", "phone", "group", "interest", "participant"),
        ),
    ),
    Topic(
        gettext_lazy("Your place in the programme"),
        gettext_lazy(
            "When you signed up, whether you are waiting, matched, away or have "
            "left, and a number from the municipality if they referred you."
        ),
        gettext_lazy(
            "To know where you stand, to find you again, and to know when your "
            "details are no longer needed."
        ),
        _of(
            _P,
            "status",
            "status_changed_on",
            "registered_on",
            "paused_until",
            "possible_duplicate_of",
            "external_id",
        ),
    ),
    Topic(
        gettext_lazy("Your language friend and activities"),
        gettext_lazy(
            "Who your language friend is, how it is going, and which activities you "
            "came to or want reminders for."
        ),
        gettext_lazy("To follow up how you and your friend are doing, and for statistics."),
        (
            *_of("matching.Pair", "newcomer", "established"),
            *_of("matching.Rejection", "newcomer", "established"),
            *_of("matching.CallRecord", "share_phone"),
            *_of("matching.CheckInAnswer", "participant", "answer", "comment"),
            *_of("activities.Attendance", "participant"),
            *_of("activities.ReminderSubscription", "participant"),
            *_of("activities.ReminderCode", "participant"),
        ),
    ),
    Topic(
        gettext_lazy("Messages"),
        gettext_lazy("The SMS and e-mail we send you, and where we sent them."),
        gettext_lazy("To show what we told you and whether it arrived."),
        _of(
            "messaging.Message",
            "participant",
            "recipient",
            "language",
            "subject",
            "body",
            "html_body",
        ),
    ),
    Topic(
        gettext_lazy("Notes"),
        gettext_lazy("Short working notes by the coordinator."),
        gettext_lazy("To remember what you told us, for example when you can meet."),
        _of(_P, "notes", "notes_written_on"),
    ),
    Topic(
        gettext_lazy("Your consent and signing in"),
        gettext_lazy(
            "What you agreed to, to which version of this text, and when; codes for "
            "signing in to your page."
        ),
        gettext_lazy("To show that you agreed, and to let only you into your page."),
        (
            *_of("participants.Consent", "participant"),
            *_of("privacy.SignInToken", "participant"),
        ),
    ),
)

# The inventory's models that hold something about a participant: the standard notice must
# speak of every one of their fields (tests/test_notices.py checks it).
ABOUT_PARTICIPANTS = frozenset(model for topic in TOPICS for model, _field in topic.fields)


@dataclass(frozen=True)
class TopicText:
    """A topic in the reader's language, with what the inventory says about its fields."""

    title: str
    what: str
    why: str
    bases: list[str]
    seen_by: list[str]
    kept: list[str]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def standard_topics(*, retention_months: int = DEFAULT_RETENTION_MONTHS) -> list[TopicText]:
    """The standard notice's topics in the active language, their bases, readers and periods
    taken from the inventory (a field missing from it is a KeyError, caught by the tests)."""
    entries = {(item.model, item.field): item for item in inventory.INVENTORY}
    result = []
    for topic in TOPICS:
        items = [entries[key] for key in topic.fields]
        kept = [
            str(KEPT[period]) % {"months": retention_months}
            if period == inventory.PARTICIPANT_PERIOD
            else str(KEPT[period])
            for period in _unique(item.kept for item in items)
        ]
        result.append(
            TopicText(
                title=str(topic.title),
                what=str(topic.what),
                why=str(topic.why),
                bases=[str(BASES[basis]) for basis in _unique(item.basis for item in items)],
                seen_by=[str(SEEN_BY[who]) for who in _unique(item.seen_by for item in items)],
                kept=kept,
            )
        )
    return result


@dataclass(frozen=True)
class Version:
    version: str
    published_at: datetime.datetime | None  # None: the platform's standard notice


@dataclass(frozen=True)
class NoticeContent:
    """Everything the notice page shows for one version."""

    programme: Programme
    version: str
    notice: PrivacyNotice | None  # None: the standard notice, before the programme's own
    settings: PrivacySettings | None
    topics: list[TopicText]
    earlier: list[Version] = field(default_factory=list)
    is_current: bool = True


def notice_content(programme: Programme, version: str | None = None) -> NoticeContent | None:
    """The notice of this version (the current one when None), or None for an unknown version.
    Before the programme publishes its own, the current notice is the standard text alone,
    as version STANDARD_NOTICE_VERSION, which stays readable afterwards."""
    notices = list(PrivacyNotice.objects.filter(programme=programme))
    current = notices[0] if notices else None
    if version is None:
        shown = current
        version = current.version if current else STANDARD_NOTICE_VERSION
    elif version == STANDARD_NOTICE_VERSION:
        shown = None
    else:
        shown = next((notice for notice in notices if notice.version == version), None)
        if shown is None:
            return None
    settings = PrivacySettings.objects.filter(programme=programme).first()
    months = settings.retention_months if settings else DEFAULT_RETENTION_MONTHS
    versions = [Version(n.version, n.published_at) for n in notices]
    if notices:
        versions.append(Version(STANDARD_NOTICE_VERSION, None))
    return NoticeContent(
        programme=programme,
        version=version,
        notice=shown,
        settings=settings,
        topics=standard_topics(retention_months=months),
        earlier=[v for v in versions if v.version != version],
        is_current=version == (current.version if current else STANDARD_NOTICE_VERSION),
    )
