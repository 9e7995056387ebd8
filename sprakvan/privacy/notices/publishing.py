"""Publishing a version of the notice (which pauses the consents it changes), a person
renewing or declining a paused consent, and the programme's privacy settings."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.participants.consents import (
    STANDARD_NOTICE_VERSION,
    current_consent,
    give_consent,
    notice_version,
    withdraw_consent,
)
from sprakvan.participants.models import Consent, ConsentPurpose, Participant, PrivacyNotice

from ..models import PrivacySettings

# A version is part of the notice's address (integritet/<version>/): no slashes, no spaces.
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
VERSION_LENGTH = PrivacyNotice._meta.get_field("version").max_length or 20


class NoticeError(ValueError):
    """A notice that cannot be published; the message is for the coordinator."""


@dataclass(frozen=True)
class Published:
    notice: PrivacyNotice
    paused: dict[str, int]  # consent rows paused, per purpose


def check_version(programme: Programme, version: str) -> str:
    """The version name, stripped, or NoticeError saying what is wrong with it."""
    version = version.strip()
    if not version:
        raise NoticeError(_("Give the new version a name, for example 2027-01."))
    if len(version) > VERSION_LENGTH or not VERSION_PATTERN.match(version):
        raise NoticeError(
            _(
                "Use at most %(length)s letters, digits, dots and dashes in the version, "
                "for example 2027-01."
            )
            % {"length": VERSION_LENGTH}
        )
    if version == STANDARD_NOTICE_VERSION:
        raise NoticeError(
            _("%(version)s is the name of the platform's standard notice. Choose another name.")
            % {"version": version}
        )
    if PrivacyNotice.objects.filter(programme=programme, version=version).exists():
        raise NoticeError(
            _("Version %(version)s is already published. Give the new version another name.")
            % {"version": version}
        )
    return version


@transaction.atomic
def publish_notice(
    programme: Programme,
    *,
    version: str,
    own_text: str = "",
    change_summary: str = "",
    changed_purposes: Iterable[str] = (),
    published_by: User | None,
    now: datetime.datetime | None = None,
) -> Published:
    """Publish a new version of the programme's notice. For each purpose it changes, every
    current consent of the programme given to another version is paused (`outdated_at`), until
    the person agrees to the new text. A wording-only version pauses nothing."""
    now = now or timezone.now()
    version = check_version(programme, version)
    purposes = sorted(set(changed_purposes))
    unknown = set(purposes) - set(ConsentPurpose.values)
    if unknown:
        raise NoticeError(_("Choose the changed purposes from the list."))
    if purposes and not change_summary.strip():
        raise NoticeError(
            _("Say what changed: people are asked to agree again and read this first.")
        )
    try:
        with transaction.atomic():
            notice = PrivacyNotice.objects.create(
                programme=programme,
                version=version,
                published_at=now,
                changed_purposes=purposes,
                own_text=own_text.strip(),
                change_summary=change_summary.strip(),
                published_by=published_by,
            )
    except IntegrityError as exc:
        # Published by someone else at the same moment.
        raise NoticeError(
            _("Version %(version)s is already published. Give the new version another name.")
            % {"version": version}
        ) from exc
    paused = {
        purpose: Consent.objects.filter(
            participant__programme=programme,
            purpose=purpose,
            withdrawn_at__isnull=True,
            outdated_at__isnull=True,
        )
        .exclude(text_version=version)
        .update(outdated_at=now)
        for purpose in purposes
    }
    log_action(
        "privacy.notice.published",
        programme=programme,
        actor=published_by,
        target=notice,
        purposes=purposes,
        paused=paused,
    )
    return Published(notice=notice, paused=paused)


def outdated_consents(participant: Participant) -> list[Consent]:
    """The person's current consents (the newest row per purpose and channel, not withdrawn)
    that a newer notice paused: what their renewal page asks about."""
    newest: dict[tuple[str, str], Consent] = {}
    for consent in participant.consents.filter(withdrawn_at__isnull=True).order_by(
        "-given_at", "-id"
    ):
        newest.setdefault((consent.purpose, consent.channel), consent)
    return [consent for consent in newest.values() if consent.outdated_at is not None]


@transaction.atomic
def renew_consent(consent: Consent, *, now: datetime.datetime | None = None) -> Consent | None:
    """The person agrees to the current notice for a paused consent: a new row (same purpose
    and channel, the current version). None when it is no longer paused (answered twice)."""
    now = now or timezone.now()
    # Locked: a double click gives one new row, not two.
    participant = Participant.objects.select_for_update().get(pk=consent.participant_id)
    current = current_consent(participant, purpose=consent.purpose, channel=consent.channel)
    if current is None or current.pk != consent.pk or current.outdated_at is None:
        return None
    version = notice_version(participant.programme_id)
    renewed = give_consent(
        participant, purpose=consent.purpose, channel=consent.channel, text_version=version, at=now
    )
    log_action(
        "privacy.consent.renewed",
        programme=participant.programme_id,
        target=participant,
        purpose=consent.purpose,
        channel=consent.channel,
        consent=renewed.pk,
    )
    return renewed


def decline_consent(consent: Consent, *, now: datetime.datetime | None = None) -> int:
    """The person says no to the new text: the consent is withdrawn, dated (the rows stay as
    proof). Nothing is erased; for the registration purpose the page tells them how."""
    return withdraw_consent(
        consent.participant,
        purpose=consent.purpose,
        channel=consent.channel,
        at=now or timezone.now(),
    )


def privacy_settings(programme: Programme) -> PrivacySettings:
    found, _created = PrivacySettings.objects.get_or_create(programme=programme)
    return found


def save_privacy_settings(
    settings: PrivacySettings, *, values: dict[str, object], saved_by: User
) -> PrivacySettings:
    """Save the retention period and the contact the notice and the own page show; the audit
    entry names the fields changed, not their values (the contact is a person)."""
    changed = sorted(name for name, value in values.items() if getattr(settings, name) != value)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    if changed:
        log_action(
            "privacy.settings.saved",
            programme=settings.programme_id,
            actor=saved_by,
            target=settings,
            fields=changed,
        )
    return settings
