"""The public pages speak every language of `LANGUAGES`; staff pages speak sv/en/ar (issue 16).

The coverage test opens every public page (the authorization matrix's pages a visitor gets, and
the own page signed in) in each public-only language and records every string the page asked
gettext for: each one our Swedish catalogue translates must be in that language's catalogue
too — otherwise the page would show it in Swedish (Django falls back to LANGUAGE_CODE)."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import trans_real

from sprakvan.core.languages import is_public_route
from sprakvan.participants.models import Participant

from .authorization import Matrix, Role
from .conftest import own_pages, pages_for

pytestmark = pytest.mark.django_db
PUBLIC_ONLY = [code for code, _name in settings.LANGUAGES if code not in settings.STAFF_LANGUAGES]


def catalogue(code: str) -> set[str]:
    """The msgids our catalogue of this language translates (plural entries by singular)."""
    path = Path(settings.LOCALE_PATHS[0]) / translation.to_locale(code) / "LC_MESSAGES"
    with open(path / "django.mo", "rb") as file:
        keys = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return {key if isinstance(key, str) else key[0] for key in keys if key}


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Every msgid looked up while the test runs (Django's translation object, not ours)."""
    seen: set[str] = set()
    real_gettext = trans_real.DjangoTranslation.gettext
    real_ngettext = trans_real.DjangoTranslation.ngettext

    def gettext_(self: Any, message: str) -> str:
        seen.add(message)
        return real_gettext(self, message)

    def ngettext_(self: Any, singular: str, plural: str, number: int) -> str:
        seen.add(singular)
        return real_ngettext(self, singular, plural, number)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext_)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", ngettext_)
    yield seen


def _client(language: str, session: str = "") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


@pytest.mark.parametrize("language", PUBLIC_ONLY)
def test_every_string_of_every_public_page_is_in_the_languages_catalogue(
    matrix: Matrix, language: str, asked: set[str]
) -> None:
    visitor, participant = _client(language), _client(language, matrix.participant_session)
    pages = [
        (visitor, (name, address))
        for name, address in pages_for(Role.ANONYMOUS, matrix.own)
        if is_public_route(resolve(urlsplit(address).path), visitor=True)
    ]
    pages += [(participant, page) for page in own_pages(matrix.own)]
    assert len(pages) > 15, "the walk found the public pages"
    missing: dict[str, str] = {}
    for client, (name, address) in pages:
        asked.clear()
        response = client.get(address)
        assert response.status_code == 200, name
        if "text/html" in response["Content-Type"]:
            assert f'lang="{language}"' in response.content.decode(), name
        for msgid in asked & catalogue("sv") - catalogue(language):
            missing.setdefault(msgid, name)

    assert missing == {}


def test_a_staff_page_speaks_swedish_to_a_staff_user_whose_cookie_says_tigrinya(
    matrix: Matrix, settings: Any
) -> None:
    settings.LANGUAGE_CODE = "sv"
    client = _client("ti", matrix.sessions[Role.COORDINATOR])

    staff_page = client.get(reverse("participants:list")).content.decode()
    public_page = client.get(reverse("activities_public:calendar", args=["vi-ses"]))

    assert '<html lang="sv" dir="ltr">' in staff_page
    assert staff_page.count('<button type="submit" name="language"') == len(
        settings.STAFF_LANGUAGES
    )
    assert '<html lang="ti" dir="ltr">' in public_page.content.decode()


def test_the_public_language_buttons_name_each_language_in_its_own_script(matrix: Matrix) -> None:
    page = _client("fa-af").get(reverse("participants_public:choose", args=["vi-ses"]))
    html = page.content.decode()

    assert '<html lang="fa-af" dir="rtl">' in html
    for code, name in [
        ("sv", "svenska"),
        ("sv-x-easy", "Lätt svenska"),
        ("fa-af", "دری"),
        ("ti", "ትግርኛ"),
        ("so", "Soomaali"),
        ("uk", "Українська"),
    ]:
        assert f'value="{code}" lang="{code}"' in html, code
        assert f">{name}</button>" in html, code
    # No select box and no "Change" button: one press chooses.
    assert "<select" not in html.split("</header>")[0]
    assert 'aria-current="true">دری</button>' in html


def test_the_language_chosen_on_the_public_site_becomes_the_language_of_messages(
    matrix: Matrix,
) -> None:
    client = Client()
    address = reverse("participants_public:register", args=["vi-ses", "nyanland"])
    chosen = client.post(reverse("set_language"), {"language": "fa-af", "next": address})
    form = client.get(chosen["Location"])
    # Dari on the page is spoken Persian ("fa") to matching: ticked, no new language bit.
    assert form.context["form"]["languages"].value() == ["fa"]

    response = client.post(
        address,
        {
            "first_name": "Zahra",
            "last_name": "Ahmadi",
            "phone": "070-123 45 67",
            "gender": "woman",
            "birth_year": "1990",
            "swedish_level": "2",
            "languages": ["fa"],
            "wish_gender": "",
            "heard_about": "friend",
            "consent": "on",
            "consent_sms": "on",
            "website": "",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    person = Participant.objects.get(first_name="Zahra")
    assert person.preferred_language == "fa-af"
    assert "fa" in person.language_codes
