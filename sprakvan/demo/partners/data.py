"""The partners demo's data: organisations, referrers, fairs, lead names, the IOP, the budget."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sprakvan.organisations.models import OrganisationKind, OutreachKind
from sprakvan.partners.models import ContributionCovers, ContributionForm

K = OrganisationKind
# (name, kind, what they do for the programme)
ORGANISATIONS = [
    ("Linköpings kommun", K.MUNICIPAL_SERVICE, ["funding", "marketing"]),
    ("Råd och stöd", K.MUNICIPAL_SERVICE, ["premises", "marketing"]),
    ("Frivilligcentrum", K.MUNICIPAL_SERVICE, ["marketing"]),
    ("Leanlink", K.MUNICIPAL_SERVICE, ["premises", "marketing"]),
    ("Arbetsmarknadscentrum", K.MUNICIPAL_SERVICE, ["referrals"]),
    ("Linköpings kommun, fritid", K.MUNICIPAL_SERVICE, ["premises"]),
    ("Linköpings stadsbibliotek", K.LIBRARY, ["premises", "marketing"]),
    ("Ekholmens bibliotek", K.LIBRARY, ["premises", "marketing"]),
    ("Sankt Kors", K.MUNICIPAL_COMPANY, ["popup"]),
    ("Tekniska Verken", K.MUNICIPAL_COMPANY, ["popup"]),
    ("Stångåstaden", K.MUNICIPAL_COMPANY, ["popup", "premises"]),
    ("Linkstep", K.PROJECT, ["premises", "marketing"]),
    ("Arena Ryds Herrgård", K.PROJECT, ["premises"]),
    ("Linköpings guideklubb", K.CIVIL_SOCIETY, ["guiding"]),
    ("Röda Korset Linköping Södra", K.CIVIL_SOCIETY, ["premises", "referrals", "funding"]),
    ("Internationella kvinnoföreningen", K.CIVIL_SOCIETY, ["referrals", "marketing"]),
    ("Agorahuset", K.OTHER, ["premises"]),
    ("Folkträdgården Tinnerö", K.CIVIL_SOCIETY, ["premises"]),
]
NOTES = {
    "Linkstep": "Stångåstadens projekt i Ryd.",
    "Arena Ryds Herrgård": "Nästa steg: språkcafé på Herrgården i Ryd.",
}
REFERRERS = [
    ("Arbetsmarknadscentrum", 5),
    ("Röda Korset Linköping Södra", 3),
    ("Internationella kvinnoföreningen", 2),
]


@dataclass(frozen=True)
class Fair:
    name: str
    date: datetime.date
    kind: str
    place: str
    district: str | None
    co_organiser: str | None
    # How strongly the fair draws established residents (the scarce side), relative.
    established_pull: int


FAIRS = [
    Fair(
        "Internationella kvinnodagen i Berga",
        datetime.date(2019, 3, 8),
        OutreachKind.FAIR,
        "Berga centrum",
        "Berga",
        "Internationella kvinnoföreningen",
        1,
    ),
    Fair(
        "Engagemangsdag",
        datetime.date(2019, 4, 6),
        OutreachKind.FAIR,
        "Stadsbiblioteket",
        "Innerstaden",
        "Frivilligcentrum",
        4,
    ),
    Fair(
        "Välfärdsmässan",
        datetime.date(2019, 4, 24),
        OutreachKind.FAIR,
        "Konsert & Kongress",
        "Innerstaden",
        "Frivilligcentrum",
        3,
    ),
    Fair(
        "Bergadagen",
        datetime.date(2019, 5, 25),
        OutreachKind.DISTRICT_DAY,
        "Berga torg",
        "Berga",
        None,
        1,
    ),
    Fair(
        "Johannelundsdagen",
        datetime.date(2019, 6, 1),
        OutreachKind.DISTRICT_DAY,
        "Johannelunds centrum",
        "Johannelund",
        None,
        2,
    ),
    Fair(
        "Skäggetorpsdagen",
        datetime.date(2019, 6, 8),
        OutreachKind.DISTRICT_DAY,
        "Skäggetorp centrum",
        "Skäggetorp",
        None,
        1,
    ),
    Fair(
        "Stadsfesten",
        datetime.date(2019, 8, 24),
        OutreachKind.FAIR,
        "Stora torget",
        "Innerstaden",
        None,
        2,
    ),
    Fair(
        "PRO-dagen",
        datetime.date(2019, 9, 18),
        OutreachKind.FAIR,
        "Folkets park",
        "Innerstaden",
        "Frivilligcentrum",
        5,
    ),
    Fair(
        "Näringslivsdagen",
        datetime.date(2019, 10, 10),
        OutreachKind.FAIR,
        "Linköping Konsert & Kongress",
        "Innerstaden",
        None,
        3,
    ),
]
# A fair's visitors register within this many days, or not because of the fair.
REGISTERS_WITHIN = 75
LEAD_NAMES = [
    "Amal",
    "Jonas",
    "Hiba",
    "Kerstin",
    "Yusuf",
    "Ebba",
    "Nasrin",
    "Leila",
    "Tomas",
    "Aziz",
    "Greta",
    "Rania",
    "Ola",
    "Selam",
    "Ingela",
    "Faisal",
]
INTERESTS = [
    "fika",
    "promenader",
    "fotboll",
    "matlagning",
    "musik",
    "träffas med barnen",
    "trädgård",
    "prata svenska",
    "",
]

AGREEMENT_TITLE = "Vi ses! Språkvänner i Linköping"
AGREEMENT_START = datetime.date(2019, 1, 1)
AGREEMENT_END = datetime.date(2021, 12, 31)
MUNICIPALITY = "Linköpings kommun"
RED_CROSS = "Röda Korset Linköping Södra"
C = ContributionCovers
# Per year: (party, covers, cash or in kind, amount). The Red Cross lines add up to 477 600.
CONTRIBUTIONS = [
    (MUNICIPALITY, C.PROJECT_LEADER, ContributionForm.CASH, 600_000),
    (RED_CROSS, C.OVERHEAD, ContributionForm.IN_KIND, 177_600),
    (RED_CROSS, C.PREMISES, ContributionForm.IN_KIND, 240_000),
    (RED_CROSS, C.TRAVEL, ContributionForm.CASH, 60_000),
]
BUDGET_2019 = [
    ("Projektledare, lön inkl. sociala avgifter", 600_000),
    ("Overhead och administration", 177_600),
    ("Lokaler", 240_000),
    ("Resor för projektpersonal", 60_000),
]
