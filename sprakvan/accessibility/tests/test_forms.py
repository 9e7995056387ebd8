"""Which addresses the report form takes as "the page it concerns": only our own site's."""

from __future__ import annotations

import pytest

from sprakvan.accessibility.forms import ReportForm, page_on_our_site

HOST = "sprakvan.example"


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("", ""),
        ("  ", ""),
        ("/vi-ses/anmalan/", "/vi-ses/anmalan/"),
        (" /vi-ses/kalender/ ", "/vi-ses/kalender/"),
        ("https://sprakvan.example/vi-ses/anmalan/?via=abc#x", "/vi-ses/anmalan/"),
        ("http://SPRAKVAN.example/vi-ses/", "/vi-ses/"),
        ("/vi-ses/?sida=https://evil.example", "/vi-ses/"),
    ],
)
def test_a_page_of_our_own_site_is_taken_as_its_path(value: str, path: str) -> None:
    assert page_on_our_site(value, host=HOST) == path


@pytest.mark.parametrize(
    "value",
    [
        "https://evil.example",
        "https://evil.example/vi-ses/",
        "https://sprakvan.example.evil.example/",
        "//evil.example/vi-ses/",
        "/\\evil.example",
        "javascript:alert(1)",
        "ftp://sprakvan.example/x",
        "vi-ses/anmalan/",
        "/vi ses/",
        "/vi-ses/\nSet-Cookie: x",
        "/" + "a" * 300,
    ],
)
def test_anything_else_is_refused(value: str) -> None:
    assert page_on_our_site(value, host=HOST) is None


@pytest.mark.parametrize(
    ("contact", "valid"),
    [
        ("", True),
        ("kim@example.org", True),
        ("070-123 45 67", True),
        ("+46 (0)13 20 00 00", True),
        ("ring mig", False),
        ("12345", False),
        ("kim@", False),
    ],
)
def test_the_contact_is_an_email_address_or_a_phone_number(contact: str, valid: bool) -> None:
    form = ReportForm({"description": "Det går inte.", "contact": contact}, host=HOST)

    assert form.is_valid() is valid, form.errors
