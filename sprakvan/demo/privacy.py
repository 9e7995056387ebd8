"""The demo's privacy settings: whom participants ask, and a person to try the own page with."""

import datetime

from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.participants.models import Participant
from sprakvan.privacy.models import PrivacySettings


def load(programme: Programme, *, today: datetime.date) -> None:
    PrivacySettings.objects.update_or_create(
        programme=programme,
        defaults={
            "contact_name": "Samordnaren, Röda Korset Linköping Södra",
            "contact_phone": "013-20 60 00",
            "contact_email": "sprakvan@demo.sprakvan.se",
        },
    )


def sample_participant(programme: Programme) -> Participant | None:
    """A newcomer with a phone in an active pair: the own page shows the most for them."""
    pair = (
        Pair.objects.filter(
            state=Pair.State.ACTIVE, newcomer__programme=programme, newcomer__erased_at__isnull=True
        )
        .exclude(newcomer__phone="")
        .select_related("newcomer")
        .order_by("newcomer__registered_on", "newcomer_id")
        .first()
    )
    return pair.newcomer if pair else None
