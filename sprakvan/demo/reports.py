"""The reports part of the Linköping demo: the 2020 delmål and the 2019 partner-dialogue texts
from the source document (docs: /work/shared/seed/partssamtal-2019.sv.txt).

The document generates the lists itself (the activities, the weekly cafés, the fairs, the
referrers, the results table, the money, the goals and the Ryd café in preparation), so these
texts say only what the data cannot; they keep the source's words where it has them.
"""

from __future__ import annotations

import datetime
from typing import Any

from sprakvan.core.models import Programme
from sprakvan.reports.models import DocumentText, Goal, GoalKind, Measure

PERIOD_START = datetime.date(2019, 1, 1)
PERIOD_END = datetime.date(2019, 10, 31)
# Invented: the source names the meeting's participants but not its date.
MEETING_DATE = datetime.date(2019, 11, 20)

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

ACTIVITIES = """Utöver matchningen av språkvänspar genomför projektet aktiviteter där nyanlända och etablerade linköpingsbor möts i grupp. Aktiviteterna arrangeras i samarbete med kommunala verksamheter och bolag, biblioteken och föreningar."""

RESULTS = """Av de 83 språkvänspar som var aktiva under januari–oktober 2019 bildades 71 under perioden. De övriga 12 paren matchades tidigare år och har fortsatt att träffas under 2019."""

FUTURE = """När projektet initierades låg fokus mycket på att arbeta för att underlätta etablering i det svenska och linköpingska samhället för nyanlända. Det var i spåret efter flyktingvågen 2015.

Från att ha varit ett projekt där etablerade linköpingsbor har uppmanats göra en insats ligger nu istället fokus på värdet i det mellanmänskliga mötet. Anledningen till det är att Röda korsets projektledare ser en ökad polarisering och en uppdelning i ’vi’ och ’dem’, vilket inte gynnar projektet som sådant.

Kontakterna som finns med kommunala verksamheter kommer att fortsätta förvaltas, liksom samarbetet med andra aktörer från näringsliv och idéburen sektor."""

FINANCES = """Via partnerskapet finansierar Linköpings kommun tjänsten som projektledare, och Röda korset går in i projektet med OH-kostnader, kostnader för lokaler samt resor för projektmedarbetarna."""

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
            "meeting_date": MEETING_DATE,
            "participants": PARTICIPANTS,
            "background": BACKGROUND,
            "activities": ACTIVITIES,
            "results": RESULTS,
            "future": FUTURE,
            "finances": FINANCES,
            "summary": SUMMARY,
            "signatures": SIGNATURES,
        },
    )
