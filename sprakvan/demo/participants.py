"""The Linköping demo programme: districts, staff and a deterministic set of participants.

Registrations 2019-01-01 – 2019-10-31 are exactly the source document's: 199 newcomers
(89 women, 110 men) and 89 established (65 women, 24 men). Others come before and after.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from sprakvan.core.models import District, Programme
from sprakvan.core.services import set_neighbours
from sprakvan.participants.choices import INTERESTS, SLOT_COUNT, Channel, Gender, Group, Source
from sprakvan.participants.models import (
    INTEREST_SLUGS,
    LANGUAGE_CODES,
    Consent,
    ConsentPurpose,
    Participant,
    mask_of,
)

SLUG = "linkoping"
NAME = "Vi ses! Språkvänner i Linköping"
ORGANISATIONS = "Röda Korset Linköping Södra och Linköpings kommun (IOP)"
DISTRICTS = [
    "Skäggetorp",
    "Innerstaden",
    "Lambohov",
    "Berga",
    "Ekholmen",
    "Ryd",
    "Johannelund",
    "Tannefors",
    "Vasastaden",
    "Gottfridsberg",
    "Valla",
    "Hjulsbro",
]
NEIGHBOURS = [
    ("Innerstaden", "Vasastaden"),
    ("Innerstaden", "Tannefors"),
    ("Innerstaden", "Johannelund"),
    ("Vasastaden", "Gottfridsberg"),
    ("Vasastaden", "Valla"),
    ("Gottfridsberg", "Skäggetorp"),
    ("Ryd", "Valla"),
    ("Ryd", "Lambohov"),
    ("Lambohov", "Ekholmen"),
    ("Ekholmen", "Berga"),
    ("Ekholmen", "Hjulsbro"),
    ("Berga", "Tannefors"),
    ("Johannelund", "Tannefors"),
]
# Where people live: newcomers more often in Skäggetorp, Ryd, Berga, Lambohov, Ekholmen.
NEWCOMER_DISTRICT_WEIGHTS = [22, 8, 10, 12, 9, 13, 4, 4, 4, 5, 5, 4]
ESTABLISHED_DISTRICT_WEIGHTS = [6, 18, 7, 6, 7, 8, 9, 8, 11, 10, 6, 4]

PERIOD_START = datetime.date(2019, 1, 1)
PERIOD_END = datetime.date(2019, 10, 31)
# (group, gender) -> how many registered in the source period.
SOURCE_TABLE = {
    (Group.NEWCOMER, Gender.WOMAN): 89,
    (Group.NEWCOMER, Gender.MAN): 110,
    (Group.ESTABLISHED, Gender.WOMAN): 65,
    (Group.ESTABLISHED, Gender.MAN): 24,
}
BEFORE_START = datetime.date(2017, 9, 1)

NEWCOMER_FIRST = {
    Gender.WOMAN: [
        "Amina",
        "Fatima",
        "Hodan",
        "Lina",
        "Maryam",
        "Nour",
        "Rahel",
        "Sara",
        "Zahra",
        "Yasmin",
        "Olena",
        "Hewan",
        "Samira",
        "Layla",
        "Asha",
        "Dunya",
    ],
    Gender.MAN: [
        "Ahmad",
        "Ali",
        "Omar",
        "Yonas",
        "Hassan",
        "Mohammed",
        "Abdi",
        "Karim",
        "Mustafa",
        "Samir",
        "Dawit",
        "Reza",
        "Bilal",
        "Andrii",
        "Yusuf",
        "Hamid",
    ],
}
ESTABLISHED_FIRST = {
    Gender.WOMAN: [
        "Anna",
        "Eva",
        "Karin",
        "Maria",
        "Birgitta",
        "Kerstin",
        "Ingrid",
        "Lena",
        "Sofia",
        "Emma",
        "Elin",
        "Margareta",
        "Ulla",
        "Helena",
        "Johanna",
        "Agneta",
    ],
    Gender.MAN: [
        "Lars",
        "Anders",
        "Johan",
        "Per",
        "Erik",
        "Karl",
        "Nils",
        "Olof",
        "Mikael",
        "Gunnar",
        "Sven",
        "Björn",
    ],
}
NEUTRAL_FIRST = ["Alex", "Kim", "Robin", "Sam", "Noor", "Charlie"]
NEWCOMER_LAST = [
    "Hussein",
    "Ahmadi",
    "Mohamed",
    "Tesfay",
    "Haile",
    "Rahimi",
    "Abdullahi",
    "Karimi",
    "Osman",
    "Hassan",
    "Kovalenko",
    "Yousef",
    "Nazari",
    "Ali",
    "Gebre",
]
ESTABLISHED_LAST = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindqvist",
    "Berg",
]
NEWCOMER_LANGUAGES = [
    ("ar", 40),
    ("fa", 20),
    ("ti", 12),
    ("so", 12),
    ("uk", 6),
    ("ps", 4),
    ("ku", 4),
    ("am", 2),
]
ESTABLISHED_LANGUAGES = [("en", 70), ("de", 8), ("fr", 8), ("es", 8), ("ar", 3), ("fa", 3)]
POPULAR_INTERESTS = ["fika", "walking", "cooking", "football", "music", "children", "sports"]


@dataclass
class Row:
    external_id: str
    group: str
    gender: str
    registered_on: datetime.date


def _spread(
    rng: random.Random, n: int, start: datetime.date, end: datetime.date
) -> list[datetime.date]:
    days = (end - start).days
    return sorted(start + datetime.timedelta(days=rng.randint(0, days)) for _ in range(n))


def planned_rows(today: datetime.date) -> list[Row]:
    """Who registers when. The same list every time for the same `today`."""
    rows: list[Row] = []
    rng = random.Random(2019)
    for (group, gender), count in SOURCE_TABLE.items():
        prefix = "N" if group == Group.NEWCOMER else "E"
        sex = "W" if gender == Gender.WOMAN else "M"
        for i, day in enumerate(_spread(rng, count, PERIOD_START, PERIOD_END)):
            rows.append(Row(f"demo-2019-{prefix}{sex}{i + 1:03d}", group, gender, day))
    # Before 2019: the people behind the pairs that started in earlier years.
    genders = [Gender.WOMAN] * 10 + [Gender.MAN] * 8 + [Gender.ANOTHER, Gender.UNDISCLOSED]
    for i, day in enumerate(_spread(rng, 40, BEFORE_START, PERIOD_START - datetime.timedelta(1))):
        rows.append(Row(f"demo-pre-N{i + 1:03d}", Group.NEWCOMER, rng.choice(genders), day))
    for i, day in enumerate(_spread(rng, 24, BEFORE_START, PERIOD_START - datetime.timedelta(1))):
        rows.append(Row(f"demo-pre-E{i + 1:03d}", Group.ESTABLISHED, rng.choice(genders), day))
    # After the source period, month by month up to today: a steady flow.
    month = datetime.date(2019, 11, 1)
    while month <= today:
        month_rng = random.Random(month.toordinal())
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        last = min(next_month - datetime.timedelta(days=1), today)
        for group, count, tag in [(Group.NEWCOMER, 7, "N"), (Group.ESTABLISHED, 3, "E")]:
            for i, day in enumerate(_spread(month_rng, count, month, last)):
                rows.append(
                    Row(
                        f"demo-{month:%Y%m}-{tag}{i + 1:02d}", group, month_rng.choice(genders), day
                    )
                )
        month = next_month
    return rows


def _weighted(rng: random.Random, pairs: list[tuple[str, int]], k: int) -> list[str]:
    codes = [code for code, _w in pairs]
    weights = [w for _c, w in pairs]
    chosen: set[str] = set()
    while len(chosen) < k:
        chosen.add(rng.choices(codes, weights)[0])
    return sorted(chosen)


def _participant(programme: Programme, districts: list[District], row: Row) -> Participant:
    rng = random.Random(row.external_id)
    newcomer = row.group == Group.NEWCOMER
    names = NEWCOMER_FIRST if newcomer else ESTABLISHED_FIRST
    first = rng.choice(names.get(Gender(row.gender), NEUTRAL_FIRST))
    last = rng.choice(NEWCOMER_LAST if newcomer else ESTABLISHED_LAST)
    weights = NEWCOMER_DISTRICT_WEIGHTS if newcomer else ESTABLISHED_DISTRICT_WEIGHTS
    languages = _weighted(rng, NEWCOMER_LANGUAGES if newcomer else ESTABLISHED_LANGUAGES, 1)
    if newcomer and rng.random() < 0.4:
        languages.append("en")
    interests = set(rng.sample(POPULAR_INTERESTS, 2)) | set(rng.sample(list(INTERESTS), 1))
    # Evenings and weekends are popular; every person has at least one slot.
    slots = {rng.choice([2, 5, 8, 11, 14, 17, 20])} | {
        s for s in range(SLOT_COUNT) if rng.random() < (0.25 if s % 3 == 2 or s >= 15 else 0.08)
    }
    age = rng.randint(19, 62) if newcomer else rng.randint(22, 78)
    number = 700000 + int.from_bytes(row.external_id.encode(), "little") % 9_000_000
    return Participant(
        programme=programme,
        external_id=row.external_id,
        group=row.group,
        first_name=first,
        last_name=last,
        phone=f"+467{number:08d}"[:12],
        email=f"{first.lower()}.{row.external_id.lower()}@example.org"
        if rng.random() < 0.6
        else "",
        gender=row.gender,
        birth_year=row.registered_on.year - age,
        district=rng.choices(districts, weights)[0],
        languages=mask_of(languages, LANGUAGE_CODES),
        swedish_level=rng.choice([1, 1, 2, 2, 3, 3, 4]) if newcomer else None,
        interests=mask_of(interests, INTEREST_SLUGS),
        availability=sum(1 << s for s in slots),
        wish_gender="woman" if row.gender == Gender.WOMAN and rng.random() < 0.3 else "",
        is_family=newcomer and rng.random() < 0.06,
        accepts_family=not newcomer and rng.random() < 0.3,
        capacity=(rng.choice([1, 1, 1, 1, 2, 2, 3]) if not newcomer else 1),
        source=rng.choice(
            [Source.SELF_REGISTRATION] * 5 + [Source.REFERRAL, Source.FAIR, Source.STAFF]
        ),
        registered_on=row.registered_on,
        status_changed_on=row.registered_on,
        preferred_language=rng.choice(["sv", "ar", "en"]) if newcomer else "sv",
    )


@transaction.atomic
def load(today: datetime.date) -> Programme:
    programme, _created = Programme.objects.get_or_create(
        slug=SLUG, defaults={"name": NAME, "city": "Linköping", "organisations": ORGANISATIONS}
    )
    for name in DISTRICTS:
        District.objects.get_or_create(programme=programme, name=name)
    set_neighbours(programme, NEIGHBOURS)
    by_name = {d.name: d for d in programme.districts.all()}
    districts = [by_name[name] for name in DISTRICTS]
    existing = set(
        Participant.objects.filter(programme=programme).values_list("external_id", flat=True)
    )
    new = [
        _participant(programme, districts, row)
        for row in planned_rows(today)
        if row.external_id not in existing
    ]
    created = Participant.objects.bulk_create(new, batch_size=500)
    # Everyone registered; most agreed to SMS (one in eight did not), and three in four of
    # those with an e-mail address to e-mail.
    Consent.objects.bulk_create(
        [
            Consent(
                participant=p,
                purpose=purpose,
                channel=channel,
                text_version="2019-01",
                given_at=datetime.datetime.combine(
                    p.registered_on, datetime.time(12), datetime.UTC
                ),
            )
            for p in created
            for purpose, channel in [
                (ConsentPurpose.REGISTRATION, ""),
                *([(ConsentPurpose.MESSAGES, Channel.SMS)] if p.pk % 8 else []),
                *([(ConsentPurpose.MESSAGES, Channel.EMAIL)] if p.email and p.pk % 4 else []),
            ]
        ],
        batch_size=500,
    )
    return programme
