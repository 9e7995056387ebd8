"""Signed agreements are never public under /media/: only the checked download view hands
them out, to the coordinator and the partner viewer of their programme."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.partners.models import Agreement
from sprakvan.partners.tests.factories import AgreementFactory

ClientFor = Callable[[User], Client]
SIGNED = b"%PDF-1.4 signed by both parties"


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def agreement(programme: Programme, media_root: Path) -> Agreement:
    agreement: Agreement = AgreementFactory(
        programme=programme, document=SimpleUploadedFile("iop.pdf", SIGNED)
    )
    return agreement


def download_url(agreement: Agreement) -> str:
    return reverse("partners:agreement_document", args=[agreement.pk])


def all_routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += all_routes(pattern.url_patterns, route)
        else:
            routes.append(route)
    return routes


def test_the_file_is_stored_under_media_root_but_its_address_is_the_checked_view(
    agreement: Agreement, media_root: Path
) -> None:
    assert agreement.document.name
    assert (media_root / agreement.document.name).read_bytes() == SIGNED
    assert agreement.document.url == download_url(agreement)


def test_no_route_serves_media_even_with_debug_on(
    settings: Any, client: Client, coordinator: User, agreement: Agreement
) -> None:
    import importlib

    import config.urls

    settings.DEBUG = True
    urls = importlib.reload(config.urls)
    try:
        assert not [r for r in all_routes(urls.urlpatterns) if "media" in r]
        client.force_login(coordinator)
        assert client.get(f"/media/{agreement.document.name}").status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
    assert not [r for r in all_routes(get_resolver().url_patterns) if "media" in r]


@pytest.mark.parametrize("persona", ["coordinator", "partner_viewer"])
def test_coordinator_and_partner_viewer_download_the_signed_agreement(
    request: pytest.FixtureRequest, client_for: ClientFor, agreement: Agreement, persona: str
) -> None:
    user = request.getfixturevalue(persona)

    response = client_for(user).get(download_url(agreement))

    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == SIGNED
    assert response["Content-Disposition"].startswith("attachment;")
    assert agreement.document.name
    assert Path(agreement.document.name).name in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="partners.agreement.document_downloaded")
    assert (event.object_id, event.actor, event.data) == (agreement.pk, user, {})


def test_nginx_sends_the_file_when_the_accel_prefix_is_set(
    settings: Any, client_for: ClientFor, coordinator: User, agreement: Agreement
) -> None:
    settings.PROTECTED_MEDIA_ACCEL_PREFIX = "/protected-media/"

    response = client_for(coordinator).get(download_url(agreement))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{agreement.document.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("persona", ["leader", "referrer"])
def test_other_roles_of_the_programme_get_403(
    request: pytest.FixtureRequest, client_for: ClientFor, agreement: Agreement, persona: str
) -> None:
    response = client_for(request.getfixturevalue(persona)).get(download_url(agreement))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="partners.agreement.document_downloaded")


def test_another_programmes_coordinator_gets_404(
    client_for: ClientFor, outsider: User, agreement: Agreement
) -> None:
    assert client_for(outsider).get(download_url(agreement)).status_code == 404


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login(
    client: Client, agreement: Agreement
) -> None:
    response = client.get(download_url(agreement))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_agreement_without_a_document_is_404(
    client_for: ClientFor, coordinator: User, programme: Programme, media_root: Path
) -> None:
    agreement = AgreementFactory(programme=programme)

    assert client_for(coordinator).get(download_url(agreement)).status_code == 404


@pytest.mark.parametrize(
    "name", ["../secret.txt", "agreements/../../secret.txt", "/etc/hostname", "link/secret.txt"]
)
def test_a_stored_name_with_a_path_trick_cannot_escape_media_root(
    client_for: ClientFor,
    coordinator: User,
    agreement: Agreement,
    media_root: Path,
    name: str,
) -> None:
    (media_root.parent / "secret.txt").write_bytes(b"not for download")
    (media_root / "link").symlink_to(media_root.parent)
    Agreement.objects.filter(pk=agreement.pk).update(document=name)

    response = client_for(coordinator).get(download_url(agreement))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="partners.agreement.document_downloaded")


def test_the_edit_form_links_the_current_document_through_the_checked_view(
    client_for: ClientFor, coordinator: User, agreement: Agreement
) -> None:
    html = (
        client_for(coordinator)
        .get(reverse("partners:agreement_edit", args=[agreement.pk]))
        .content.decode()
    )

    assert f'href="{download_url(agreement)}"' in html
    assert "/media/" not in html
