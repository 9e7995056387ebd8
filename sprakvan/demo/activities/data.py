"""What the Linköping demo runs: its organisations, venues and the plan of every activity."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from sprakvan.activities.models import ActivityType, HallBooking, LanguageLevel, StepPicture

from ..participants import BEFORE_START

START = datetime.date(2019, 1, 1)
# The weekly cafés ran before the IOP ("sammanlagt tre år" by the 2019 meeting): since the
# autumn of 2017, when the demo's first participants register. Invented: the source gives no date.
HISTORY_START = BEFORE_START
LEADER_1 = "ledare@demo.sprakvan.se"
LEADER_2 = "ledare2@demo.sprakvan.se"

# name -> kind; the partners demo uses the same names, so both find the same rows.
ORGANISATIONS = {
    "Röda Korset Linköping Södra": "civil_society",
    "Linköpings stadsbibliotek": "library",
    "Ekholmens bibliotek": "library",
    "Agorahuset": "other",
    "Tekniska Verken": "municipal_company",
    "Linköpings guideklubb": "civil_society",
    "Folkträdgården Tinnerö": "civil_society",
    "Linköpings kommun, fritid": "municipal_service",
}

# name, address, district, provider, outdoor, accessibility
VENUES = [
    (
        "Skäggetorps bibliotek",
        "Skäggetorps centrum",
        "Skäggetorp",
        "Linköpings stadsbibliotek",
        False,
        "Entré utan trappsteg, tillgänglig toalett.",
    ),
    (
        "Röda Korset, Repslagaregatan",
        "Repslagaregatan 7",
        "Innerstaden",
        "Röda Korset Linköping Södra",
        False,
        "Entré från gården, hiss till första våningen.",
    ),
    (
        "Lambohovs fritidsgård",
        "Slestadsgatan 10",
        "Lambohov",
        "Linköpings kommun, fritid",
        False,
        "Entré utan trappsteg.",
    ),
    (
        "Berga mötesplats",
        "Bergsvägen 20",
        "Berga",
        "Linköpings kommun, fritid",
        False,
        "Entré utan trappsteg, hörslinga.",
    ),
    (
        "Stadsbiblioteket",
        "Östgötagatan 5",
        "Innerstaden",
        "Linköpings stadsbibliotek",
        False,
        "Hiss, tillgänglig toalett, hörslinga.",
    ),
    (
        "Agorahuset",
        "Skäggetorps centrum",
        "Skäggetorp",
        "Agorahuset",
        False,
        "Entré utan trappsteg.",
    ),
    (
        "Ekholmens bibliotek",
        "Ekholmens centrum",
        "Ekholmen",
        "Ekholmens bibliotek",
        False,
        "Entré utan trappsteg.",
    ),
    (
        "Skäggetorpshallen",
        "Skäggetorps centrum",
        "Skäggetorp",
        "Linköpings kommun, fritid",
        False,
        "Omklädningsrum på bottenvåningen.",
    ),
    # The source: "där idrottshall bokas alt. befintliga, kommunala uteplaner används".
    (
        "Lambohovs sporthall",
        "Slestadsgatan 12",
        "Lambohov",
        "Linköpings kommun, fritid",
        False,
        "Entré utan trappsteg, omklädningsrum med tillgänglig dusch.",
    ),
    (
        "Utebasketplanen i Berga",
        "Berga centrum",
        "Berga",
        "Linköpings kommun, fritid",
        True,
        "Asfalterad plan, nås utan trappsteg från gångvägen.",
    ),
    (
        "Trädgårdsföreningen, stora grinden",
        "Drottninggatan",
        "Innerstaden",
        None,
        True,
        "Grusgångar, bänkar längs vägen.",
    ),
    (
        "Stora torget",
        "Stora torget",
        "Innerstaden",
        "Linköpings guideklubb",
        True,
        "Kullersten i gamla stan.",
    ),
    (
        "Folkträdgården Tinnerö",
        "Tinnerö eklandskap",
        "Ekholmen",
        "Folkträdgården Tinnerö",
        True,
        "Ojämn mark; upphöjda odlingsbäddar nås från rullstol.",
    ),
    (
        "Tekniska Verken",
        "Brogatan 1",
        "Innerstaden",
        "Tekniska Verken",
        False,
        "Entré utan trappsteg, besökare anmäler sig i receptionen.",
    ),
]


@dataclass
class Plan:
    title: str
    type: str
    venue: str
    leader: str
    rules: list[tuple[str, str, str]] = field(default_factory=list)  # rule, start, end
    host: str | None = None
    starts_on: datetime.date = START
    season: tuple[int, int] | None = None
    description: str = ""
    capacity: int | None = None
    hall_booking: tuple[str, str] | None = None
    attendance: tuple[int, int] = (10, 20)
    sport: str = ""
    picture_support: bool = False
    language_level: str = LanguageLevel.EASY
    # The picture sequence on its calendar page (bildstöd): picture, note in easy Swedish.
    picture_steps: tuple[tuple[str, str], ...] = ()


PLANS = [
    Plan(
        "Språkcafé Skäggetorp",
        ActivityType.LANGUAGE_CAFE,
        "Skäggetorps bibliotek",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", "18:00", "20:00")],
        description="Vi fikar och pratar svenska. Alla är välkomna.",
        starts_on=HISTORY_START,
    ),
    Plan(
        "Språkcafé Innerstaden",
        ActivityType.LANGUAGE_CAFE,
        "Röda Korset, Repslagaregatan",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=MO,TU,TH", "17:30", "19:30")],
        host="Röda Korset Linköping Södra",
        description="Språkcafé hos Röda Korset på Repslagaregatan.",
        starts_on=HISTORY_START,
    ),
    Plan(
        "Språkcafé Lambohov",
        ActivityType.LANGUAGE_CAFE,
        "Lambohovs fritidsgård",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=WE", "18:00", "20:00")],
        starts_on=HISTORY_START,
    ),
    Plan(
        "Språkcafé Berga",
        ActivityType.LANGUAGE_CAFE,
        "Berga mötesplats",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=TU", "18:00", "20:00")],
        starts_on=HISTORY_START,
    ),
    Plan(
        "Språkcafé på Stadsbiblioteket",
        ActivityType.LANGUAGE_CAFE,
        "Stadsbiblioteket",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=WE", "17:00", "19:00")],
        host="Linköpings stadsbibliotek",
        starts_on=HISTORY_START,
    ),
    Plan(
        "Morgoncafé på Agorahuset",
        ActivityType.LANGUAGE_CAFE,
        "Agorahuset",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=FR", "10:00", "12:00")],
        host="Agorahuset",
        description="Språkcafé på förmiddagen. Barn får följa med.",
        starts_on=HISTORY_START,
    ),
    Plan(
        "Språkcafé Ekholmens bibliotek",
        ActivityType.LANGUAGE_CAFE,
        "Ekholmens bibliotek",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=TH", "18:00", "20:00")],
        host="Ekholmens bibliotek",
        starts_on=HISTORY_START,
    ),
    Plan(
        "Walk and talk i Trädgårdsföreningen",
        ActivityType.WALK_AND_TALK,
        "Trädgårdsföreningen, stora grinden",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=SA", "11:00", "12:30")],
        attendance=(10, 14),
    ),
    Plan(
        "Innebandy i Skäggetorpshallen",
        ActivityType.SPORT,
        "Skäggetorpshallen",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=SU", "15:00", "17:00")],
        host="Linköpings kommun, fritid",
        capacity=24,
        hall_booking=("LK-HALL-2019-0412", HallBooking.CONFIRMED),
        description="Vi spelar innebandy. Klubbor finns att låna.",
        sport="innebandy",
    ),
    Plan(
        "Volleyboll i Lambohovs sporthall",
        ActivityType.SPORT,
        "Lambohovs sporthall",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=MO", "19:00", "20:30")],
        host="Linköpings kommun, fritid",
        capacity=18,
        hall_booking=("LK-HALL-2019-0587", HallBooking.CONFIRMED),
        description="Vi spelar volleyboll. Alla kan vara med, även nybörjare.",
        attendance=(10, 16),
        sport="volleyboll",
    ),
    # Outdoors on a municipal court, no booking: May to September only.
    Plan(
        "Basket på utebanan i Berga",
        ActivityType.SPORT,
        "Utebasketplanen i Berga",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=TH", "17:30", "19:00")],
        host="Linköpings kommun, fritid",
        season=(5, 9),
        description="Vi spelar basket ute. Bollar finns. Vid regn ses vi nästa vecka.",
        attendance=(10, 14),
        sport="basket",
    ),
    Plan(
        "Stadsvandring med Linköpings guideklubb",
        ActivityType.CITY_WALK,
        "Stora torget",
        LEADER_2,
        [("FREQ=MONTHLY;BYDAY=1SA", "13:00", "14:30")],
        host="Linköpings guideklubb",
        season=(4, 10),
        description="En guide visar Linköping. Lätt svenska och bilder.",
        language_level=LanguageLevel.EASY,
        picture_support=True,
        picture_steps=(
            (StepPicture.MEET, "Vid statyn på Stora torget."),
            (StepPicture.WALK, "Vi går långsamt. Vi pratar om det vi ser."),
            (StepPicture.LOOK, "Domkyrkan och slottet."),
            (StepPicture.FIKA, "Vi fikar tillsammans. Det är gratis."),
            (StepPicture.GOODBYE, "Vi slutar på Stora torget."),
        ),
    ),
    Plan(
        "Odla i Folkträdgården",
        ActivityType.GARDENING,
        "Folkträdgården Tinnerö",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=WE", "17:00", "19:00")],
        host="Folkträdgården Tinnerö",
        starts_on=datetime.date(2019, 5, 1),
        season=(5, 9),
        description="Vi odlar grönsaker och blommor tillsammans i Tinnerö.",
    ),
    # Pop-up cafés are one-off sessions (no rule): see POPUP_DAYS.
    Plan(
        "Popup-språkcafé på Tekniska Verken",
        ActivityType.POPUP_CAFE,
        "Tekniska Verken",
        LEADER_2,
        host="Tekniska Verken",
        description="Språkcafé i lunchrummet. Träffa dem som jobbar här.",
    ),
]
# (month, nth Tuesday) of the yearly pop-up cafés at Tekniska Verken, 11:30–13:00.
POPUP_DAYS = [(3, 2), (10, 2)]
NAMED_SHARE = (0.35, 0.7)
