"""Easy Swedish (sv-x-easy) is easy to read: every public page and every message of 30 words or
more has a LIX of at most 30 (issue 16). LIX counts words per sentence and the share of words
longer than six letters; a heading, a label or a list item is a sentence of its own."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve

from sprakvan.core.languages import is_public_route
from sprakvan.core.readability import lix
from sprakvan.messaging.defaults import DEFAULTS, EXAMPLES
from sprakvan.messaging.rendering import render_text

from .authorization import Matrix, Role
from .conftest import own_pages, pages_for

EASY = "sv-x-easy"
MOST = 30
SHORTEST = 30  # words: LIX says little about a shorter text


class MainText(HTMLParser):
    """The text a reader reads in <main>, a line per element: scripts, styles and the hidden
    honeypot field are left out."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []  # the open elements
        self.main_at: int | None = None  # depth of <main>
        self.hidden_at: int | None = None  # depth of the element being skipped
        self.lines: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        self.open.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if tag == "main":
            self.main_at = len(self.open)
        if self.hidden_at is None and (tag in {"script", "style"} or "hp-field" in classes):
            self.hidden_at = len(self.open)
        self.lines.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or tag not in self.open:
            return
        while self.open and self.open.pop() != tag:
            pass
        depth = len(self.open)
        if self.hidden_at is not None and depth < self.hidden_at:
            self.hidden_at = None
        if self.main_at is not None and depth < self.main_at:
            self.main_at = None
        self.lines.append("\n")

    def handle_data(self, data: str) -> None:
        if self.main_at is not None and self.hidden_at is None:
            self.lines.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return "".join(parser.lines)


def pages(matrix: Matrix) -> list[tuple[Client, str, str]]:
    visitor, participant = Client(), Client()
    for client, session in ((visitor, ""), (participant, matrix.participant_session)):
        client.cookies["django_language"] = EASY
        if session:
            client.cookies["sessionid"] = session
    found = [
        (visitor, name, address)
        for name, address in pages_for(Role.ANONYMOUS, matrix.own)
        if is_public_route(resolve(urlsplit(address).path), visitor=True)
    ]
    return found + [(participant, name, address) for name, address in own_pages(matrix.own)]


@pytest.mark.django_db
def test_every_public_page_in_easy_swedish_has_a_lix_of_at_most_30(matrix: Matrix) -> None:
    measured, too_hard = 0, {}
    for client, name, address in pages(matrix):
        response = client.get(address)
        if "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        assert f'lang="{EASY}"' in html, name
        score = lix(MainText.of(html))
        if score.words < SHORTEST:
            continue
        measured += 1
        if score.index > MOST:
            too_hard[name] = round(score.index, 1)

    assert measured > 10
    assert too_hard == {}


@pytest.mark.parametrize("kind", list(DEFAULTS))
def test_every_message_in_easy_swedish_has_a_lix_of_at_most_30(kind: str) -> None:
    subject, body = DEFAULTS[kind][EASY]
    for cancelled in (False, True):
        values = EXAMPLES[EASY] | {"cancelled": cancelled}
        text = render_text(subject=subject, body=body, context=values).text
        score = lix(text)
        if score.words >= SHORTEST:
            assert score.index <= MOST, text
