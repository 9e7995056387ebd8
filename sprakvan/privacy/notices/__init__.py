"""The programme's privacy notice: its standard text (built from the field inventory), publishing
a new version, and a person renewing or declining a consent that a new version paused.

A consent names the notice version it was given to (`Consent.text_version`). Publishing a
version that changes a purpose sets `outdated_at` on the programme's current consents of that
purpose given to another version: messages pause (messaging's `reason_not_to_send`), and the
next message that may be sent asks the person to agree again (`consent_renewal`). Agreeing
writes a new row for the new version; declining dates the withdrawal. Nothing is erased here.
"""

from .publishing import (
    VERSION_LENGTH,
    NoticeError,
    Published,
    check_version,
    decline_consent,
    outdated_consents,
    privacy_settings,
    publish_notice,
    renew_consent,
    save_privacy_settings,
)
from .standard import (
    ABOUT_PARTICIPANTS,
    BASES,
    KEPT,
    SEEN_BY,
    TOPICS,
    NoticeContent,
    Topic,
    TopicText,
    Version,
    notice_content,
    standard_topics,
)

__all__ = [
    "ABOUT_PARTICIPANTS",
    "BASES",
    "KEPT",
    "SEEN_BY",
    "TOPICS",
    "VERSION_LENGTH",
    "NoticeContent",
    "NoticeError",
    "Published",
    "Topic",
    "TopicText",
    "Version",
    "check_version",
    "decline_consent",
    "notice_content",
    "outdated_consents",
    "privacy_settings",
    "publish_notice",
    "renew_consent",
    "save_privacy_settings",
    "standard_topics",
]
