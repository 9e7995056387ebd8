"""The accessibility statement: what it says about the programme, Digg's link and the dates;
the address without a programme; the footer's link to it on every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from sprakvan.accessibility.statement import DIGG_REPORT_URL, REVIEWED_ON
from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.core.tests.factories import ProgrammeFactory
from sprakvan.privacy.models import PrivacySettings

pytestmark = pytest.mark.django_db


def statement_url(programme: Programme) -> str:
    return reverse("accessibility_public:statement", args=[programme.slug])


def test_the_statement_names_the_programme_its_organisations_and_digg(
    client: Client, programme: Programme
) -> None:
    programme.organisations = "Röda Korset Linköping Södra, Linköpings kommun"
    programme.save()

    response = client.get(statement_url(programme))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<bdi>Vi ses! Språkvänner</bdi>" in html
    assert "<bdi>Röda Korset Linköping Södra, Linköpings kommun</bdi>" in html
    assert f'href="{DIGG_REPORT_URL}"' in html
    assert "https://www.digg.se/tdosanmalan" in html
    assert "EN 301 549" in html and "WCAG 2.1" in html


def test_the_statement_says_when_it_was_reviewed_and_when_the_site_was_published(
    client: Client, programme: Programme
) -> None:
    Programme.objects.filter(pk=programme.pk).update(
        created_at=datetime.datetime(2019, 2, 4, 10, 0, tzinfo=datetime.UTC)
    )

    html = client.get(statement_url(programme)).content.decode()

    assert REVIEWED_ON.isoformat() == "2026-11-30"
    assert '<time datetime="2026-11-30" dir="ltr">2026-11-30</time>' in html
    assert '<time datetime="2019-02-04" dir="ltr">2019-02-04</time>' in html


def test_the_statement_is_honest_about_what_is_not_accessible(
    client: Client, programme: Programme
) -> None:
    html = client.get(statement_url(programme)).content.decode()

    for sentence in [
        "These documents may not be accessible.",
        "Native speakers have not yet checked the texts in Dari, Tigrinya, Somali, Ukrainian "
        "and easy Swedish.",
        "Without a camera, you can type the address of the check-in page.",
        "This is called a self-assessment.",
    ]:
        assert sentence in html


def test_the_statement_gives_the_programmes_contact_when_it_has_one(
    client: Client, programme: Programme
) -> None:
    before = client.get(statement_url(programme)).content.decode()
    PrivacySettings.objects.create(
        programme=programme, contact_name="Kim Andersson", contact_phone="013-20 00 00"
    )

    after = client.get(statement_url(programme)).content.decode()

    assert "tel:013-200000" not in before
    assert "<bdi>Kim Andersson</bdi>" in after
    assert 'href="tel:013-200000"' in after


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_statement_reads_in_the_visitors_language(
    client: Client, programme: Programme, language: str
) -> None:
    client.post(reverse("set_language"), {"language": language})

    html = client.get(statement_url(programme)).content.decode()

    assert f'<html lang="{language}"' in html
    with override(language):
        assert gettext("How accessible is the website?") in html


def test_an_unknown_programme_has_no_statement(client: Client, db: None) -> None:
    assert client.get("/no-such-programme/tillganglighet/").status_code == 404


def test_the_address_without_a_programme_leads_to_the_only_active_programme(
    client: Client, programme: Programme
) -> None:
    ProgrammeFactory(slug="gone", archived_at=timezone.now())

    response = client.get(reverse("accessibility:statement"))

    assert response.status_code == 302
    assert response["Location"] == statement_url(programme)


def test_the_address_without_a_programme_lists_several_programmes(
    client: Client, programme: Programme, other_programme: Programme
) -> None:
    response = client.get(reverse("accessibility:statement"))
    html = response.content.decode()

    assert response.status_code == 200
    assert f'href="{statement_url(programme)}"' in html
    assert f'href="{statement_url(other_programme)}"' in html


def test_staff_go_to_their_own_programmes_statement(
    client_for: Any, outsider: User, programme: Programme, other_programme: Programme
) -> None:
    response = client_for(outsider).get(reverse("accessibility:statement"))

    assert response.status_code == 302
    assert response["Location"] == statement_url(other_programme)


def test_the_footer_links_to_the_statement_of_the_pages_programme(
    client: Client, programme: Programme, other_programme: Programme
) -> None:
    sign_up = client.get(reverse("participants_public:choose", args=[programme.slug]))
    front = client.get(reverse("core:home"))

    assert f'href="{statement_url(programme)}"' in sign_up.content.decode()
    assert f'href="{reverse("accessibility:statement")}"' in front.content.decode()


def test_the_footer_on_staff_pages_links_to_the_current_programmes_statement(
    client_for: Any, outsider: User, programme: Programme, other_programme: Programme
) -> None:
    html = client_for(outsider).get(reverse("accounts:staff_list")).content.decode()

    assert f'href="{statement_url(other_programme)}"' in html
    assert statement_url(programme) not in html
