"""Lost updates through the pages: Alice and Cecilia (both coordinators of Vi ses) open the same
edit form; Alice saves first. Cecilia's save is refused with the values Alice saved, her own
input stays in the form, and the database keeps Alice's save. Leo leads the activity."""

import datetime
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import MembershipFactory, UserFactory
from sprakvan.activities.models import Activity, Session
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.matching.models import Pair
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import BudgetLine, Contribution
from sprakvan.partners.tests.factories import BudgetLineFactory, ContributionFactory

if TYPE_CHECKING:
    # The test client's response type; django-stubs declares it, Django has no such class.
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], Client]
CONFLICT = "Someone else saved changes to this"


@pytest.fixture
def cecilia(programme: Programme) -> User:
    user = UserFactory(email="cecilia@example.org", first_name="Cecilia")
    MembershipFactory(user=user, programme=programme, role="coordinator")
    return user


@pytest.fixture
def alice_client(client_for: ClientFor, coordinator: User) -> Client:
    return client_for(coordinator)


@pytest.fixture
def cecilia_client(client_for: ClientFor, cecilia: User) -> Client:
    return client_for(cecilia)


def as_loaded(response: "TestResponse", name: str = "form") -> dict[str, Any]:
    """What the browser sends back when nothing is changed: every field as the page shows it."""
    form = response.context[name]
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = value
    return data


def in_words(value: Any) -> str:
    with translation.override("en"):
        return str(formats.localize(value))


def test_the_second_save_of_a_participant_gets_a_conflict_and_keeps_what_was_typed(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    amina = ParticipantFactory(programme=programme, first_name="Amina", notes="")
    url = reverse("participants:edit", args=[amina.pk])
    alices, cecilias = as_loaded(alice_client.get(url)), as_loaded(cecilia_client.get(url))

    first = alice_client.post(url, {**alices, "first_name": "Aminah"})
    second = cecilia_client.post(url, {**cecilias, "notes": "Prefers evenings"})

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert CONFLICT + " participant" in html
    assert "First name: Aminah" in html
    assert "Prefers evenings</textarea>" in html
    amina.refresh_from_db()
    assert (amina.first_name, amina.notes) == ("Aminah", "")
    assert AuditEvent.objects.filter(action="participants.participant.changed").count() == 1


def test_saving_again_after_the_conflict_replaces_what_is_saved_knowingly(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    amina = ParticipantFactory(programme=programme, first_name="Amina")
    url = reverse("participants:edit", args=[amina.pk])
    alices, cecilias = as_loaded(alice_client.get(url)), as_loaded(cecilia_client.get(url))
    alice_client.post(url, {**alices, "first_name": "Aminah"})
    refused = cecilia_client.post(url, {**cecilias, "notes": "Prefers evenings"})

    again = cecilia_client.post(url, as_loaded(refused))

    assert again.status_code == 302
    amina.refresh_from_db()
    # Cecilia's form still held the old first name: saving again writes what she sees.
    assert (amina.first_name, amina.notes) == ("Amina", "Prefers evenings")


def test_a_status_change_meanwhile_does_not_block_an_edit_of_the_intake(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    amina = ParticipantFactory(programme=programme, first_name="Amina", status="waiting")
    url = reverse("participants:edit", args=[amina.pk])
    cecilias = as_loaded(cecilia_client.get(url))
    alice_client.post(reverse("participants:status", args=[amina.pk]), {"status": "paused"})

    response = cecilia_client.post(url, {**cecilias, "notes": "Prefers evenings"})

    assert response.status_code == 302
    amina.refresh_from_db()
    assert (amina.status, amina.notes) == ("paused", "Prefers evenings")


def test_an_edit_without_the_version_of_the_page_is_refused(
    alice_client: Client, programme: Programme
) -> None:
    amina = ParticipantFactory(programme=programme, first_name="Amina")
    url = reverse("participants:edit", args=[amina.pk])
    data = as_loaded(alice_client.get(url))
    del data["version"]

    response = alice_client.post(url, {**data, "first_name": "Aminah"})

    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    amina.refresh_from_db()
    assert amina.first_name == "Amina"


def test_ending_a_pair_that_was_paused_meanwhile_gets_a_conflict(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    pair = PairFactory(programme=programme)
    page = reverse("matching:pair_detail", args=[pair.pk])
    alices = as_loaded(alice_client.get(page), "pause_form")
    cecilias = as_loaded(cecilia_client.get(page), "end_form")

    first = alice_client.post(
        reverse("matching:pair_pause", args=[pair.pk]), {**alices, "pause-on": "2019-07-01"}
    )
    second = cecilia_client.post(
        reverse("matching:pair_end", args=[pair.pk]),
        {**cecilias, "end-reason": "moved_away", "end-on": "2019-09-14"},
    )

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert CONFLICT + " pair" in html
    assert "State: Paused" in html
    assert f"Paused: {in_words(datetime.date(2019, 7, 1))}" in html
    assert 'value="2019-09-14"' in html
    pair.refresh_from_db()
    assert (pair.state, pair.ended_on) == (Pair.State.PAUSED, None)


def test_the_second_save_of_an_activity_gets_a_conflict_and_keeps_what_was_typed(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    activity = ActivityFactory(programme=programme, title="Språkcafé Ryd", capacity=20)
    url = reverse("activities:activity_edit", args=[activity.pk])
    alices, cecilias = as_loaded(alice_client.get(url)), as_loaded(cecilia_client.get(url))

    first = alice_client.post(url, {**alices, "title": "Språkcafé Ryd (biblioteket)"})
    second = cecilia_client.post(url, {**cecilias, "capacity": "35"})

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert CONFLICT + " activity" in html
    assert "Title: Språkcafé Ryd (biblioteket)" in html
    assert 'value="35"' in html
    activity = Activity.objects.get(pk=activity.pk)
    assert (activity.title, activity.capacity) == ("Språkcafé Ryd (biblioteket)", 20)


def test_moving_a_session_that_was_moved_meanwhile_gets_a_conflict(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    session = SessionFactory(activity__programme=programme, date=datetime.date(2026, 3, 9))
    url = reverse("activities:session_move", args=[session.pk])
    alices, cecilias = as_loaded(alice_client.get(url)), as_loaded(cecilia_client.get(url))

    first = alice_client.post(url, {**alices, "date": "2026-03-10"})
    second = cecilia_client.post(url, {**cecilias, "date": "2026-03-11", "note": "Sal 2"})

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert CONFLICT + " session" in html
    assert f"Date: {in_words(datetime.date(2026, 3, 10))}" in html
    assert 'value="2026-03-11"' in html and 'value="Sal 2"' in html
    session.refresh_from_db()
    assert (session.date, session.note) == (datetime.date(2026, 3, 10), "")


def _page_version(response: "TestResponse", action: str) -> str:
    """The hidden version inside the form that posts to `action` on the attendance page."""
    html = response.content.decode()
    form = re.search(rf'action="{re.escape(action)}".*?</form>', html, re.S)
    assert form, f"no form posting to {action}"
    found = re.search(r'name="version" value="([^"]+)"', form.group(0))
    assert found
    return found.group(1)


def test_cancelling_a_session_cancelled_meanwhile_gets_a_conflict(
    client_for: ClientFor, alice_client: Client, leader: User, programme: Programme
) -> None:
    session = SessionFactory(activity__programme=programme)
    session.activity.leaders.add(leader)
    leo_client = client_for(leader)
    # The version travels in the question asked before cancelling (issue 15).
    page = reverse("activities:session_cancel_confirm", args=[session.pk])
    cancel = reverse("activities:session_cancel", args=[session.pk])
    alices = _page_version(alice_client.get(page), cancel)
    leos = _page_version(leo_client.get(page), cancel)

    first = alice_client.post(cancel, {"note": "Sjuk ledare", "version": alices})
    second = leo_client.post(cancel, {"note": "Lokalen är stängd", "version": leos})

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert CONFLICT + " session" in html
    assert "Status: Cancelled" in html and "Sjuk ledare" in html
    assert 'value="Lokalen är stängd"' in html
    session.refresh_from_db()
    assert (session.status, session.note) == (Session.Status.CANCELLED, "Sjuk ledare")


def test_restoring_a_session_changed_meanwhile_gets_a_conflict_and_a_plain_restore_works(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    session = SessionFactory(activity__programme=programme, status="cancelled", note="Snöstorm")
    page = reverse("activities:session_attendance", args=[session.pk])
    restore = reverse("activities:session_restore", args=[session.pk])
    alices = _page_version(alice_client.get(page), restore)
    cecilias = _page_version(cecilia_client.get(page), restore)

    first = alice_client.post(restore, {"version": alices})
    second = cecilia_client.post(restore, {"version": cecilias})

    assert first.status_code == 302
    assert second.status_code == 409
    assert "Status: Planned" in second.content.decode()
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED


def test_the_second_save_of_a_contribution_gets_a_conflict_and_keeps_what_was_typed(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    contribution = ContributionFactory(agreement__programme=programme, amount=600_000)
    contribution.agreement.parties.add(contribution.party)
    url = reverse("partners:contribution_edit", args=[contribution.pk])
    alices, cecilias = as_loaded(alice_client.get(url)), as_loaded(cecilia_client.get(url))

    first = alice_client.post(url, {**alices, "amount": "477600"})
    second = cecilia_client.post(url, {**cecilias, "amount": "550000"})

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert CONFLICT + " contribution" in html
    assert f"Amount (kr): {in_words(477_600)}" in html
    assert 'value="550000"' in html
    assert Contribution.objects.get(pk=contribution.pk).amount == 477_600


def test_the_second_save_of_a_budget_line_gets_a_conflict_and_keeps_what_was_typed(
    alice_client: Client, cecilia_client: Client, programme: Programme
) -> None:
    line = BudgetLineFactory(programme=programme, name="Lokaler", amount=240_000)
    url = reverse("partners:budget_line_edit", args=[line.pk])
    alices, cecilias = as_loaded(alice_client.get(url)), as_loaded(cecilia_client.get(url))

    first = alice_client.post(url, {**alices, "name": "Lokaler och fika"})
    second = cecilia_client.post(url, {**cecilias, "amount": "260000"})

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert CONFLICT + " budget line" in html
    assert "Lokaler och fika" in html
    assert 'value="260000"' in html
    line = BudgetLine.objects.get(pk=line.pk)
    assert (line.name, line.amount) == ("Lokaler och fika", 240_000)


def test_another_programmes_coordinator_still_gets_404_on_the_edit_forms(
    client_for: ClientFor, outsider: User, programme: Programme
) -> None:
    amina = ParticipantFactory(programme=programme)

    response = client_for(outsider).post(reverse("participants:edit", args=[amina.pk]), {})

    assert response.status_code == 404
    assert Participant.objects.get(pk=amina.pk).first_name == amina.first_name
