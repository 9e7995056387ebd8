"""The reports part of the Linköping demo: the 2020 delmål and the 2019 partner-dialogue texts
from the source document (docs: /work/shared/seed/partssamtal-2019.sv.txt)."""

from __future__ import annotations

import datetime
from typing import Any

from sprakvan.core.models import Programme
from sprakvan.reports.models import DocumentText, Goal, GoalKind, Measure

PERIOD_START = datetime.date(2019, 1, 1)
PERIOD_END = datetime.date(2019, 10, 31)

GOALS_2020: list[dict[str, Any]] = [
    {
        "order": 1,
        "title": "Öka antalet matchade språkvänner jämfört med 2019.",
        "kind": GoalKind.MORE_THAN_LAST_YEAR,
        "measure": Measure.NEW_PAIRS,
    },
    {
        "order": 2,
        "title": "Genomföra aktivitet på kontinuerlig basis även i stadsdelen Ryd.",
        "kind": GoalKind.MONTHLY_IN_DISTRICT,
        "district": "Ryd",
        "minimum_per_month": 2,
    },
    {
        "order": 3,
        "title": "Bibehålla antalet deltagare vid de aktiviteter som genomförs.",
        "kind": GoalKind.KEEP_LEVEL,
        "measure": Measure.AVERAGE_ATTENDANCE,
    },
]

PARTICIPANTS = """Hargita Horvat, Linköping Södra Röda Korskrets
Johanna Lensell Rebillon, Linköpings kommun
Madeleine Szente, Linköping Södra Röda Korskrets"""

BACKGROUND = """Insatsen Vi ses! Språkvänner i Linköping är ett samarbete mellan Linköpings kommun och Linköping Södra Röda Korskrets som har pågått i sammanlagt tre år. Sedan januari 2019 är det i form av ett IOP, idéburet offentligt partnerskap.

Syftet är att gemensamt verka för ett mer inkluderande Linköping genom mellanmänskliga möten i syfte att främja etablering i kommunen för nyanlända.

Projektet har under året fortsatt det arbete som har byggts upp tidigare år, och har täta kontakter och samarbeten med kommunala verksamheter som Råd och stöd, Frivilligcentrum, enheter inom Leanlink, samt med biblioteket i fråga om lokaler och marknadsföring för språkcaféer.

Även kommunala bolag har engagerat sig i att främja möten med hjälp av pop up-caféer: Sankt Kors, Tekniska Verken och Stångåstaden. Ett nära samarbete har byggts upp med det kommunala projektet Linkstep, som drivs av Stångåstaden med bas i Ryd."""

FUTURE = """När projektet initierades låg fokus mycket på att arbeta för att underlätta etablering i det svenska och linköpingska samhället för nyanlända. Det var i spåret efter flyktingvågen 2015.

Från att ha varit ett projekt där etablerade linköpingsbor har uppmanats göra en insats ligger nu istället fokus på värdet i det mellanmänskliga mötet. Anledningen till det är att Röda korsets projektledare ser en ökad polarisering och en uppdelning i ’vi’ och ’dem’, vilket inte gynnar projektet som sådant.

Kontakterna som finns med kommunala verksamheter kommer att fortsätta förvaltas, liksom samarbetet med andra aktörer från näringsliv och idéburen sektor.

Utveckling framåt är att i samarbete med projekt Arena Ryds Herrgård och tillsammans med kommunens projektledare se om någon språkcaféaktivitet även kan arrangeras i Herrgården i Ryd. I Ryd har även en dialog inletts med biblioteket."""

SUMMARY = """Partnerskapet fungerar bra i enlighet med vad som har överenskommits. Genom samarbete och samverkan mellan kommunen och civilsamhälle kan vi tillsammans uppnå resultat som ger större effekt än om parterna verkar var för sig, och partnerna upplever att detta efterföljs."""

SIGNATURES = """Johanna Lensell Rebillon för Linköpings kommun
Madeleine Szente, Linköping Södra Röda Korskrets"""


def load(programme: Programme, *, today: datetime.date) -> None:
    """Create or complete the goals and texts; running it again changes nothing."""
    districts = {d.name: d for d in programme.districts.all()}
    for spec in GOALS_2020:
        values = dict(spec)
        district_name = values.pop("district", None)
        order = values.pop("order")
        values["district"] = districts.get(district_name) if district_name else None
        Goal.objects.update_or_create(programme=programme, year=2020, order=order, defaults=values)
    DocumentText.objects.update_or_create(
        programme=programme,
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        defaults={
            "participants": PARTICIPANTS,
            "background": BACKGROUND,
            "future": FUTURE,
            "summary": SUMMARY,
            "signatures": SIGNATURES,
        },
    )
