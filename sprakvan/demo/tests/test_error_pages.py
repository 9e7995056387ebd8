"""Error pages (400, 403, 404, 429, 500) in the site's layout and the reader's language,
each with a way back; the 500 page renders without a request."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import MembershipFactory
from sprakvan.core.models import Programme


def _raise(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug, on purpose")


# This module doubles as a URL map (pytest.mark.urls): the site's routes and one that fails.
urlpatterns = [path("fails-on-purpose/", _raise), path("", include("config.urls"))]


@pytest.fixture(autouse=True)
def _production(settings: Any) -> None:
    settings.DEBUG = False


def _in(language: str, client: Client | None = None) -> Client:
    client = client or Client()
    client.cookies["django_language"] = language
    return client


def _html(response: Any) -> str:
    return str(response.content.decode())


def _looks_like_the_site(html: str, language: str) -> None:
    """The page carries the layout (menu bar, main landmark) in the reader's language."""
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert 'class="site-header' in html and '<main id="main"' in html
    assert f'href="{reverse("core:home")}"' in html, "a way back to the start page"
    with translation.override(language):
        assert gettext("Back to the start page") in html


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_an_unknown_address_gets_the_not_found_page_in_the_readers_language(
    db: None, language: str
) -> None:
    response = _in(language).get("/no-such-programme/")
    assert response.status_code == 404
    html = _html(response)
    _looks_like_the_site(html, language)
    with translation.override(language):
        assert gettext("Page not found") in html
    assert "Not Found" not in html, "not Django's bare English page"


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_a_leader_on_a_coordinators_page_gets_the_forbidden_page(
    leader: User, client_for: Callable[[User], Client], language: str
) -> None:
    response = _in(language, client_for(leader)).get(reverse("participants:list"))
    assert response.status_code == 403
    html = _html(response)
    _looks_like_the_site(html, language)
    with translation.override(language):
        assert gettext("You cannot open this page") in html
        assert gettext("Your role in this programme does not give access to this page.") in html
    assert "403 Forbidden" not in html


def test_a_partner_viewer_saving_the_documents_texts_gets_the_forbidden_page(
    partner_viewer: User, client_for: Callable[[User], Client]
) -> None:
    response = _in("sv", client_for(partner_viewer)).post(reverse("reports:document"), {})
    assert response.status_code == 403
    with translation.override("sv"):
        assert gettext("You cannot open this page") in _html(response)


def test_the_forbidden_page_tells_someone_with_two_programmes_to_switch(
    leader: User, other_programme: Programme, client_for: Callable[[User], Client]
) -> None:
    hint = "If you work in another programme, choose it in the menu at the top."
    client = _in("sv", client_for(leader))
    with translation.override("sv"):
        assert gettext(hint) not in _html(client.get(reverse("participants:list")))
        MembershipFactory(user=leader, programme=other_programme, role="referrer")
        response = client.get(reverse("participants:list"))
        assert response.status_code == 403
        assert gettext(hint) in _html(response)


def test_the_forbidden_page_asks_a_visitor_who_is_not_logged_in_to_log_in(db: None) -> None:
    request = RequestFactory().get("/reports/")
    request.user = AnonymousUser()
    request.session = {}  # type: ignore[assignment]
    with translation.override("sv"):
        html = render_to_string("403.html", request=request)
        assert gettext("This page is for the programme's staff. Log in to see it.") in html
    assert f'href="{reverse("account_login")}?next=/reports/"' in html


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_a_request_for_a_foreign_host_gets_the_bad_request_page(db: None, language: str) -> None:
    response = _in(language).get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    html = _html(response)
    _looks_like_the_site(html, language)
    with translation.override(language):
        assert gettext("The request could not be read") in html


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_too_many_password_resets_get_the_too_many_tries_page(
    db: None, settings: Any, language: str
) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/m/ip"}
    client = _in(language)
    url = reverse("account_reset_password")
    assert client.post(url, {"email": "anyone@example.org"}).status_code == 302
    response = client.post(url, {"email": "anyone@example.org"})
    assert response.status_code == 429
    html = _html(response)
    _looks_like_the_site(html, language)
    with translation.override(language):
        assert gettext("Too many tries") in html


@pytest.mark.urls(__name__)
def test_a_server_error_gets_the_three_language_page_without_a_request_context(
    db: None,
) -> None:
    response = Client(raise_request_exception=False).get("/fails-on-purpose/")
    assert response.status_code == 500
    html = _html(response)
    assert "Något gick fel" in html and "Something went wrong" in html
    assert '<section class="mb-4" lang="ar" dir="rtl"' in html
    assert 'href="/"' in html, "a way back to the start page"
    assert "bootstrap" in html and "sprakvan" in html, "in the site's look"
    assert "a bug, on purpose" not in html, "nothing of the error leaks"
