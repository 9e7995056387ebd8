"""The demo's activity in preparation: the source's "next step" in Ryd (partssamtal 2019).

"Together with the project Arena Ryds Herrgård and the municipality's project leader, see
whether a language café can also be held at the manor house in Ryd. A dialogue with the library
in Ryd has also begun." So: a language café in Ryd, in preparation since September 2019
(invented: the source gives no date), two possible places, meant to start in January 2020
(invented), and no schedule, so no session changes the 2019 figures.
"""

from __future__ import annotations

import datetime

from sprakvan.activities.models import Activity, ActivityType, Venue
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation

TITLE = "Språkcafé i Ryd"
PREPARING_SINCE = datetime.date(2019, 9, 2)
START_MONTH = datetime.date(2020, 1, 1)
DESCRIPTION = "Vi fikar och pratar svenska tillsammans. Alla är välkomna."
# (venue, address, provider, the provider's kind)
PLACES = [
    ("Ryds Herrgård", "", "Arena Ryds Herrgård", "project"),
    ("Ryds bibliotek", "Ryds centrum", "Ryds bibliotek", "library"),
]


def load(programme: Programme) -> Activity:
    """Create the Ryd activity in preparation once; running it again changes nothing."""
    ryd = programme.districts.get(name="Ryd")
    venues = []
    for name, address, provider, kind in PLACES:
        organisation = Organisation.objects.get_or_create(
            programme=programme, name=provider, defaults={"kind": kind}
        )[0]
        venues.append(
            Venue.objects.get_or_create(
                programme=programme,
                name=name,
                defaults={"address": address, "district": ryd, "provider": organisation},
            )[0]
        )
    activity, created = Activity.objects.get_or_create(
        programme=programme,
        title=TITLE,
        defaults={
            "type": ActivityType.LANGUAGE_CAFE,
            "district": ryd,
            "description": DESCRIPTION,
            "preparing_since": PREPARING_SINCE,
            "start_month": START_MONTH,
        },
    )
    if created:
        activity.possible_venues.set(venues)
    return activity
