"""What a programme's accessibility statement says that is not fixed text: who runs the site,
whom to ask, and its dates. The statement follows the model of Digg (the Agency for Digital
Government), which supervises the law on accessible digital public services (DOS-lagen)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sprakvan.core.models import Programme
from sprakvan.privacy.models import PrivacySettings

# When the statement was last reviewed against the site (and the site assessed): change it,
# with the text of the statement where needed, at every review (docs/accessibility.md).
REVIEWED_ON = datetime.date(2026, 11, 30)
# Digg's form for reporting a public site that does not follow the law.
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


def date_element(day: datetime.date) -> SafeString:
    """A date as <time>, in ISO form (the same in every language), kept left to right."""
    return format_html('<time datetime="{0}" dir="ltr">{0}</time>', day.isoformat())


@dataclass(frozen=True)
class Statement:
    programme: Programme
    published_on: datetime.date
    reviewed_on: datetime.date
    contact: PrivacySettings | None  # the programme's contact for participants, when it has one

    @property
    def published(self) -> SafeString:
        return date_element(self.published_on)

    @property
    def reviewed(self) -> SafeString:
        return date_element(self.reviewed_on)


def statement_for(programme: Programme) -> Statement:
    """The programme's statement: its site was published when the programme was created."""
    contact = PrivacySettings.objects.filter(programme=programme).first()
    has_contact = contact is not None and any(
        (contact.contact_name, contact.contact_phone, contact.contact_email)
    )
    return Statement(
        programme=programme,
        published_on=timezone.localdate(programme.created_at),
        reviewed_on=REVIEWED_ON,
        contact=contact if has_contact else None,
    )
