"""Issue 15: on Arabic pages every Latin name reads right, because it stands in its own
direction: inside a <bdi> element or between Unicode isolates (FSI/LRI/RLI … PDI), also where
it sits inside a translated sentence or an attribute a screen reader speaks."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.activities.models import Attendance
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory, VenueFactory
from sprakvan.activities.views import attendance, reminders
from sprakvan.core import bidi
from sprakvan.core.models import Programme
from sprakvan.core.templatetags.bidi import isolated
from sprakvan.matching.services.check_ins import check_in_token
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

OPENERS = "\u2066\u2067\u2068"  # LEFT-TO-RIGHT, RIGHT-TO-LEFT and FIRST STRONG ISOLATE
POP = "\u2069"
SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class _Names(HTMLParser):
    """Every place in the page's title, the body's text and spoken attributes where one of
    `names` stands, and whether it stands isolated there."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.names = names
        self.in_body = False
        self.in_title = False
        self.bdi_depth = 0
        self.found: list[tuple[str, bool, str]] = []  # (name, isolated, where)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        if tag == "title":
            self.in_title = True
        if tag == "bdi":
            self.bdi_depth += 1
        if self.in_body:
            for attribute, value in attrs:
                if attribute in SPOKEN_ATTRIBUTES and value:
                    self._look(value, inside_bdi=False, where=f"<{tag} {attribute}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "bdi":
            self.bdi_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_body or self.in_title:
            self._look(data, inside_bdi=self.bdi_depth > 0, where=data.strip()[:80])

    def _look(self, text: str, *, inside_bdi: bool, where: str) -> None:
        for name in self.names:  # a Latin word, even where Arabic letters join it (وBritt)
            for match in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text):
                before = text[: match.start()]
                open_isolates = sum(before.count(c) for c in OPENERS) - before.count(POP)
                self.found.append((name, inside_bdi or open_isolates > 0, where))


def _occurrences(html: str, names: list[str]) -> list[tuple[str, bool, str]]:
    parser = _Names(names)
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_checker_finds_a_bare_name_and_accepts_isolated_ones() -> None:
    """The checker itself: a name bare in the title, a sentence or an attribute fails, wrapped
    passes."""
    html = (
        "<html><head><title>Olof</title></head><body><p>مرحبا Olof!</p><p><bdi>Olof</bdi></p>"
        '<p>\u2068Olof\u2069</p><img alt="Olof"></body></html>'
    )
    assert _occurrences(html, ["Olof"]) == [
        ("Olof", False, "Olof"),  # the bare title
        ("Olof", False, "مرحبا Olof!"),
        ("Olof", True, "Olof"),
        ("Olof", True, "\u2068Olof\u2069"),
        ("Olof", False, "<img alt>"),
    ]


def test_the_messages_after_an_action_isolate_names_with_cores_helper() -> None:
    """One isolating helper: activities' messages use core's, as every app's do, and the
    `|isolate` filter is core's too."""
    assert attendance.named is reminders.named is bidi.named
    assert isolated is bidi.isolated


@pytest.fixture
def people(programme: Programme) -> dict[str, Participant]:
    skaggetorp = programme.districts.get(name="Skäggetorp")
    ali = ParticipantFactory(
        programme=programme, first_name="Ali", last_name="Tesfay", district=skaggetorp
    )
    olof = ParticipantFactory(
        programme=programme, group="established", first_name="Olof", last_name="Larsson"
    )
    pair = PairFactory(
        programme=programme,
        newcomer__first_name="Yonas",
        newcomer__last_name="Berhane",
        newcomer__preferred_language="ar",
        newcomer__status="matched",
        established__first_name="Britt",
        established__last_name="Ekholm",
        established__status="matched",
        started_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    return {"ali": ali, "olof": olof, "yonas": pair.newcomer, "britt": pair.established}


@pytest.fixture
def session_with_ali(programme: Programme, leader: User, people: dict[str, Participant]):
    district = programme.districts.get(name="Skäggetorp")
    venue = VenueFactory(programme=programme, name="Ekholmens bibliotek", district=district)
    activity = ActivityFactory(
        programme=programme, title="Språkcafé Ekholmen", venue=venue, district=district
    )
    activity.leaders.add(leader)
    today = timezone.localdate()
    earlier = SessionFactory(activity=activity, date=today - datetime.timedelta(days=7))
    Attendance.objects.create(session=earlier, participant=people["ali"])
    return SessionFactory(activity=activity, date=today)


def _arabic(client: Client) -> Client:
    client.cookies["django_language"] = "ar"
    return client


def _assert_isolated(client: Client, url: str, must_show: list[str], names: list[str]) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert 'lang="ar" dir="rtl"' in html
    found = _occurrences(html, names)
    shown = {name for name, _isolated, _where in found}
    assert set(must_show) <= shown, (url, shown)
    bare = [(name, where) for name, isolated, where in found if not isolated]
    assert bare == [], url


NAMES = ["Ali", "Tesfay", "Olof", "Larsson", "Yonas", "Berhane", "Britt", "Ekholm"]


def test_a_participants_page_in_arabic_isolates_their_name(
    client_for, coordinator: User, people: dict[str, Participant]
) -> None:
    url = reverse("participants:detail", args=[people["ali"].pk])
    _assert_isolated(_arabic(client_for(coordinator)), url, ["Ali", "Tesfay"], NAMES)


def test_a_pairs_page_in_arabic_isolates_both_names(
    client_for, coordinator: User, people: dict[str, Participant]
) -> None:
    pair = people["yonas"].pairs_as_newcomer.get()
    url = reverse("matching:pair_detail", args=[pair.pk])
    _assert_isolated(_arabic(client_for(coordinator)), url, ["Yonas", "Britt"], NAMES)


@pytest.mark.parametrize("who", ["coordinator", "leader"])
def test_a_sessions_attendance_page_in_arabic_isolates_every_name(
    request: pytest.FixtureRequest, client_for, who: str, session_with_ali
) -> None:
    user = request.getfixturevalue(who)
    url = reverse("activities:session_attendance", args=[session_with_ali.pk])
    _assert_isolated(_arabic(client_for(user)), url, ["Ali"], NAMES)


def test_the_check_in_page_in_arabic_isolates_both_first_names(
    client: Client, programme: Programme, people: dict[str, Participant]
) -> None:
    yonas = people["yonas"]
    pair = yonas.pairs_as_newcomer.get()
    url = reverse(
        "matching_public:check_in", args=[programme.slug, check_in_token(pair, yonas, months=1)]
    )
    _assert_isolated(client, url, ["Yonas", "Britt"], NAMES)


def test_the_proposal_candidates_in_arabic_isolate_every_name(
    client_for, coordinator: User, people: dict[str, Participant]
) -> None:
    url = reverse("matching:proposal_candidates") + f"?newcomer={people['ali'].pk}"
    _assert_isolated(_arabic(client_for(coordinator)), url, ["Ali", "Olof"], NAMES)
