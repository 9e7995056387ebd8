"""Programmes are archived, never deleted; users are deactivated; erasing a person leaves the
audit log as it is."""

from typing import Any

import pytest
from django.contrib.admin.sites import site
from django.db.models import ProtectedError
from django.test import Client, RequestFactory
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import UserFactory
from sprakvan.core.audit import log_action
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.privacy.services import erase_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db: None) -> User:
    return UserFactory(email="ada@example.org", first_name="Ada", is_superuser=True, is_staff=True)


def _archive(client: Client, programme: Programme) -> Any:
    return client.post(reverse("accounts:programme_archive", args=[programme.pk]))


def test_the_platform_admin_archives_a_programme_from_the_list(
    client_for: Any, admin_user: User, programme: Programme
) -> None:
    client: Client = client_for(admin_user)
    listing = client.get(reverse("accounts:programme_list")).content.decode()
    assert reverse("accounts:programme_archive", args=[programme.pk]) in listing

    response = _archive(client, programme)

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.archived_at is not None
    event = AuditEvent.objects.get(action="core.programme.archived")
    assert (event.actor, event.object_id) == (admin_user, programme.pk)


def test_archiving_twice_keeps_the_first_date_and_logs_once(
    client_for: Any, admin_user: User, programme: Programme
) -> None:
    client: Client = client_for(admin_user)
    _archive(client, programme)
    programme.refresh_from_db()
    first = programme.archived_at

    _archive(client, programme)

    programme.refresh_from_db()
    assert programme.archived_at == first
    assert AuditEvent.objects.filter(action="core.programme.archived").count() == 1


def test_archiving_needs_a_post_from_the_platform_admin(
    client_for: Any, admin_user: User, coordinator: User, programme: Programme
) -> None:
    get = client_for(admin_user).get(reverse("accounts:programme_archive", args=[programme.pk]))
    by_coordinator = _archive(client_for(coordinator), programme)

    assert (get.status_code, by_coordinator.status_code) == (405, 403)
    programme.refresh_from_db()
    assert programme.archived_at is None


def test_an_archived_programmes_staff_pages_are_closed_to_its_members(
    client_for: Any, admin_user: User, coordinator: User, programme: Programme
) -> None:
    log_action("participants.participant.viewed", programme=programme, actor=coordinator)
    _archive(client_for(admin_user), programme)
    client: Client = client_for(coordinator)

    for name in ("participants:list", "reports:dashboard", "accounts:audit_log"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert "is archived" in response.content.decode()

    kept = AuditEvent.objects.filter(programme=programme)
    assert kept.filter(action="participants.participant.viewed").count() == 1
    assert kept.filter(action="access.denied").count() == 3


def test_the_platform_admin_still_reads_an_archived_programmes_log(
    client_for: Any, admin_user: User, coordinator: User, programme: Programme
) -> None:
    viewed = log_action("participants.participant.viewed", programme=programme, actor=coordinator)
    client: Client = client_for(admin_user)
    _archive(client, programme)

    response = client.get(reverse("accounts:platform_audit_log"), {"programme": programme.pk})

    assert viewed in list(response.context["page"])


def test_an_archived_programme_leaves_the_public_pages(
    client: Client, client_for: Any, admin_user: User, programme: Programme
) -> None:
    _archive(client_for(admin_user), programme)

    assert programme not in list(client.get("/").context["programmes"])
    assert client.get(reverse("core:programme_page", args=[programme.slug])).status_code == 404


def test_the_django_admin_offers_no_delete_of_programmes_or_audit_events(
    client_for: Any, admin_user: User, programme: Programme
) -> None:
    event = log_action("access.denied", programme=programme, actor=admin_user)
    client: Client = client_for(admin_user)
    request = RequestFactory().get("/")
    request.user = admin_user

    assert not site._registry[Programme].has_delete_permission(request, programme)
    assert not site._registry[AuditEvent].has_delete_permission(request, event)
    assert not site._registry[AuditEvent].has_change_permission(request, event)
    delete_url = reverse("admin:core_programme_delete", args=[programme.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_deleting_a_programme_or_a_user_with_events_is_refused_so_no_cascade_reaches_the_log(
    programme: Programme, coordinator: User
) -> None:
    log_action("participants.participant.viewed", programme=programme, actor=coordinator)

    with pytest.raises(ProtectedError):
        programme.delete()
    with pytest.raises(ProtectedError):
        coordinator.delete()

    assert AuditEvent.objects.get().actor == coordinator


def test_erasing_a_person_leaves_their_log_entries_as_they_were(
    client_for: Any, coordinator: User, programme: Programme
) -> None:
    person = ParticipantFactory(programme=programme, first_name="Amina")
    client_for(coordinator).get(reverse("participants:detail", args=[person.pk]))
    before = list(AuditEvent.objects.order_by("id").values())
    assert [row["action"] for row in before] == ["participants.participant.viewed"]

    erase_participant(person, requested_by=coordinator, how="phone")

    after = list(AuditEvent.objects.order_by("id").values())
    assert after[:1] == before
    assert len(after) == 2
    assert AuditEvent.objects.filter(
        action="privacy.participant.erased", object_id=person.pk
    ).exists()
