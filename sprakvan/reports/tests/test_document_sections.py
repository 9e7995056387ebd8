"""The document, complete (issue 14): every section of the source has its place, each with the
coordinator's text and the parts made from the data, in the source's order, and as a workbook."""

import datetime
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from openpyxl import load_workbook
from pypdf import PdfReader

from sprakvan.accounts.models import User
from sprakvan.activities.models import Activity, Schedule, Session, Venue
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.partners.models import PopUpCafe
from sprakvan.reports.document import activities as parts
from sprakvan.reports.document import build_content, document_tables
from sprakvan.reports.models import DocumentText
from sprakvan.reports.statistics import Period
from sprakvan.reports.tests.fetch import fetch_document

from .conftest import World

D = datetime.date
PERIOD = Period(D(2019, 1, 1), D(2019, 10, 31))
QUERY = "?start=2019-01-01&end=2019-10-31"
TODAY = D(2020, 1, 15)


def _sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def _activity(world: World, **values: object) -> Activity:
    return Activity.objects.create(programme=world.programme, **values)


def _sessions(activity: Activity, *days: datetime.date, status: str = "planned") -> None:
    for day in days:
        Session.objects.create(
            programme=activity.programme,
            activity=activity,
            date=day,
            start_time=datetime.time(18),
            end_time=datetime.time(20),
            status=status,
        )


def _venue(world: World, name: str, *, outdoor: bool = False) -> Venue:
    return Venue.objects.create(programme=world.programme, name=name, is_outdoor=outdoor)


def _organisation(world: World, name: str, kind: str = "civil_society") -> Organisation:
    return Organisation.objects.create(programme=world.programme, name=name, kind=kind)


def _lines(world: World) -> list[str]:
    with translation.override("sv"):
        return parts.activity_lines(world.programme, PERIOD, today=TODAY)


def test_the_sports_are_named_indoors_and_outdoors(world: World) -> None:
    hall = _venue(world, "Skäggetorpshallen")
    court = _venue(world, "Ryds utebana", outdoor=True)
    floorball = _activity(world, type="sport", title="Innebandy", sport="Innebandy", venue=hall)
    volleyball = _activity(world, type="sport", title="Volley", sport="volleyboll", venue=hall)
    basketball = _activity(world, type="sport", title="Basket", sport="basket", venue=court)
    _sessions(floorball, D(2019, 3, 3), D(2019, 3, 10))
    _sessions(volleyball, D(2019, 3, 4))
    _sessions(basketball, D(2019, 6, 1))
    _sessions(basketball, D(2019, 6, 8), status="cancelled")  # not held: no mention needed
    (line,) = [line for line in _lines(world) if line.startswith(_sv("Sport: %(parts)s.")[:6])]
    indoor, outdoor = line.split("), ")
    assert "innebandy" in indoor and "volleyboll" in indoor and "Skäggetorpshallen" in indoor
    assert "basket" in outdoor and "Ryds utebana" in outdoor
    with translation.override("sv"):
        assert gettext("in a sports hall") in indoor
        assert gettext("on an outdoor court") in outdoor


def test_city_walks_name_their_guides_easy_swedish_and_picture_support(world: World) -> None:
    guides = _organisation(world, "Linköpings guideklubb")
    walk = _activity(
        world,
        type="city_walk",
        title="Stadsvandring",
        host_organisation=guides,
        language_level="easy",
        picture_support=True,
    )
    garden = _activity(
        world, type="gardening", title="Odla", venue=_venue(world, "Folkträdgården Tinnerö")
    )
    _sessions(walk, D(2019, 4, 6), D(2019, 5, 4), D(2019, 11, 2))  # November: after the period
    _sessions(garden, D(2019, 5, 8))
    lines = _lines(world)
    with translation.override("sv"):
        walk_line = next(line for line in lines if "Linköpings guideklubb" in line)
        assert gettext("in easy Swedish") in walk_line
        assert gettext("with picture support") in walk_line
        assert walk_line.endswith(ngettext("%(n)d time", "%(n)d times", 2) % {"n": 2} + ".")
    assert any("Folkträdgården Tinnerö" in line for line in lines)
    # The weekly cafés have their own table: no sentence for them.
    assert not any("Språkcafé Ryd" in line for line in lines)


def test_pop_ups_are_counted_from_their_bookings_with_their_hosts(world: World) -> None:
    host = _organisation(world, "Tekniska Verken", kind="municipal_company")
    other = _organisation(world, "Sankt Kors", kind="municipal_company")
    for organisation, day in ((host, D(2019, 3, 12)), (other, D(2019, 10, 8))):
        activity = _activity(
            world, type="popup_cafe", title=f"Pop-up {organisation}", host_organisation=organisation
        )
        _sessions(activity, day)
        PopUpCafe.objects.create(
            programme=world.programme, session=activity.sessions.get(), host=organisation
        )
    line = next(line for line in _lines(world) if "Tekniska Verken" in line)
    assert "Sankt Kors" in line
    with translation.override("sv"):
        assert ngettext("%(n)d time", "%(n)d times", 2) % {"n": 2} in line


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([10, 12, 14, 15, 16, 18, 19, 20, 13, 11], (10, 20)),
        ([7, 8, 9, 11, 12], (5, 15)),
        ([0, 0, 3], (1, 5)),  # sessions with nobody recorded do not count
        ([0, 0], None),
        ([12] * 9 + [60], (10, 15)),  # one crowded fair day does not stretch the range
    ],
)
def test_how_many_come_each_time_is_the_middle_of_the_sessions(
    counts: list[int], expected: tuple[int, int] | None
) -> None:
    assert parts.typical_range(counts) == expected


def test_the_activities_in_brief_count_districts_and_participants_each_time(world: World) -> None:
    """The fixture has two café sessions in Ryd with 2 named + 5 walk-ins each."""
    with translation.override("sv"):
        text = parts.in_brief(world.programme, PERIOD, today=TODAY)
        expected = (
            gettext("The activities took place in %(n)d district and had %(low)d–%(high)d "
                    "participants each time.")
            % {"n": 1, "low": 5, "high": 10}
        )  # fmt: skip
    assert text == expected


def test_the_weekly_cafes_come_most_often_first_then_in_the_order_they_were_set_up(
    world: World,
) -> None:
    for name, rule in (
        ("Lambohov", "FREQ=WEEKLY;BYDAY=WE"),
        ("Skäggetorp", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH"),
        ("Berga", "FREQ=WEEKLY;BYDAY=TU"),
        ("Agorahuset", "FREQ=WEEKLY;BYDAY=FR"),
    ):
        cafe = _activity(world, type="language_cafe", title=name, venue=_venue(world, name))
        start = datetime.time(10 if name == "Agorahuset" else 18)
        Schedule.objects.create(
            activity=cafe,
            rule=rule,
            start_time=start,
            end_time=datetime.time(start.hour + 2),
            starts_on=D(2018, 1, 1),
        )
    with translation.override("sv"):
        weekly = parts.weekly_places(world.programme, PERIOD)
        morning = gettext("%(n)d morning a week") % {"n": 1}
    assert [w.place for w in weekly] == ["Skäggetorp", "Lambohov", "Berga", "Agorahuset"]
    assert weekly[-1].frequency == morning


def test_fairs_name_their_co_organisers_and_referrers_make_a_sentence(world: World) -> None:
    centre = _organisation(world, "Frivilligcentrum", kind="municipal_service")
    OutreachEvent.objects.create(
        programme=world.programme, name="Kvinnodagen i Berga", date=D(2019, 3, 8),
        co_organiser=centre,
    )  # fmt: skip
    OutreachEvent.objects.create(
        programme=world.programme, name="Julmarknad", date=D(2019, 12, 1)
    )  # after the period
    with translation.override("sv"):
        fairs = parts.fairs(world.programme, PERIOD)
        together = gettext("together with %(organisation)s") % {"organisation": "Frivilligcentrum"}
        sentence = parts.referrers(
            {"Röda Korset": {"newcomer": 2}, "Arbetsmarknadscentrum": {"newcomer": 5}, "IKF": {}}
        )
        expected = gettext("Participants were referred by %(organisations)s.") % {
            "organisations": gettext("%(first)s and %(last)s")
            % {"first": "Arbetsmarknadscentrum, Röda Korset", "last": "IKF"}
        }
    assert [f.split(",")[0] for f in fairs] == ["Kvinnodagen i Berga", "Bergadagen"]
    assert fairs[0].endswith(together)
    assert sentence == expected
    assert parts.referrers({}) == ""


def test_the_future_lists_what_was_in_preparation_at_the_periods_end(world: World) -> None:
    ryd = world.programme.districts.get(name="Ryd")
    arena = _organisation(world, "Arena Ryds Herrgård", kind="project")
    manor = Venue.objects.create(
        programme=world.programme, name="Ryds Herrgård", district=ryd, provider=arena
    )
    library = Venue.objects.create(programme=world.programme, name="Ryds bibliotek", district=ryd)
    prepared = _activity(
        world,
        type="language_cafe",
        title="Språkcafé i Ryd",
        district=ryd,
        preparing_since=D(2019, 9, 1),
        start_month=D(2020, 3, 1),
    )
    prepared.possible_venues.set([manor, library])
    later = _activity(
        world, type="sport", title="Basket i Ryd", district=ryd, preparing_since=D(2019, 11, 5)
    )
    with translation.override("sv"):
        steps = parts.next_steps(world.programme, PERIOD)
    assert len(steps) == 1, "what was prepared after the period's end is not in its future"
    assert steps[0].startswith("Språkcafé i Ryd")
    assert "Ryds Herrgård" in steps[0] and "Ryds bibliotek" in steps[0]
    assert "Arena Ryds Herrgård" in steps[0] and "2020" in steps[0]
    assert later.title not in steps[0]


def _every_text(world: World) -> DocumentText:
    return DocumentText.objects.create(
        programme=world.programme,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        background="Bakgrundstext.",
        activities="Aktivitetstext.",
        results="Resultattext.",
        future="Framtidstext.",
        finances="Ekonomitext.",
        summary="Sammanfattningstext.",
    )


def test_the_pdf_holds_every_section_of_the_source_in_its_order_with_its_text(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    _every_text(world)
    response = fetch_document(client_for(coordinator), "pdf", QUERY)
    reader = PdfReader(io.BytesIO(response.content))
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    titles = [_sv(t) for t in ("Background", "Activities", "Results", "Future", "Finances")]
    titles.append(_sv("Summary"))
    positions = [lines.index(title) for title in titles]
    assert positions == sorted(positions), "the source's order"
    for title, text in zip(
        titles,
        ["Bakgrundstext.", "Aktivitetstext.", "Resultattext.", "Framtidstext.", "Ekonomitext."],
        strict=False,
    ):
        assert lines.index(text) == lines.index(title) + 1, f"{title}: the text comes first"
    assert "Sammanfattningstext." in lines


def test_the_text_form_has_every_section_beside_what_the_data_adds(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    page = client.get(reverse("reports:document") + QUERY)
    html = page.content.decode()
    for name in ("background", "activities", "results", "future", "finances", "summary"):
        assert f'name="{name}"' in html
    assert "Bergadagen" in html, "the fairs shown beside the activities text"
    values = {
        "meeting_date": "2019-11-20",
        "participants": "",
        "background": "",
        "activities": "Våra aktiviteter.",
        "results": "Om resultaten.",
        "future": "",
        "finances": "Om pengarna.",
        "summary": "",
        "signatures": "",
    }
    response = client.post(reverse("reports:document") + QUERY, values)
    assert response.status_code == 302
    text = DocumentText.objects.get(programme=world.programme)
    assert (text.activities, text.results, text.finances) == (
        "Våra aktiviteter.",
        "Om resultaten.",
        "Om pengarna.",
    )
    assert text.meeting_date == D(2019, 11, 20)


def test_the_workbook_has_a_sheet_for_every_table_of_the_document(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    cafe = Activity.objects.get(title="Språkcafé Ryd")
    Schedule.objects.create(
        activity=cafe,
        rule="FREQ=WEEKLY;BYDAY=TU",
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        starts_on=D(2019, 2, 1),
    )
    response = client_for(coordinator).get(
        reverse("reports:document_download", args=["xlsx"]) + QUERY
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    content = build_content(world.programme, PERIOD, today=TODAY, suppressed=False)
    tables = document_tables(content)
    assert len(book.sheetnames) == len(tables) == len(set(book.sheetnames))
    with translation.override("sv"):
        weekly = gettext("Districts with weekly language cafés")
    assert any(weekly.startswith(name) for name in book.sheetnames)
    slugs = [t.slug for t in tables]
    assert {"weekly-cafes", "fairs", "results", "registrations"} <= set(slugs)
    # Every table of the document body appears, each once.
    assert len(slugs) == len(set(slugs))
