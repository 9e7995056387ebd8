"""The participant list opens on the people waiting, longest wait first; the duplicates button
is calm when there are none; the import offers its template and help, shows the preview in
the coordinator's words and says when a file changes nothing."""

import datetime
import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.participants.choices import Group
from sprakvan.participants.importer import COLUMNS, read_rows
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _names(response: object) -> list[str]:
    return [p.first_name for p in response.context["page"]]  # type: ignore[attr-defined]


@pytest.fixture
def people(programme: Programme) -> None:
    day = datetime.date
    ParticipantFactory(
        programme=programme, first_name="Left2017", status="left", registered_on=day(2017, 1, 5)
    )
    ParticipantFactory(programme=programme, first_name="Waiting2023", registered_on=day(2023, 5, 1))
    ParticipantFactory(programme=programme, first_name="Waiting2021", registered_on=day(2021, 2, 1))
    ParticipantFactory(
        programme=programme,
        first_name="Matched2018",
        status="matched",
        registered_on=day(2018, 1, 1),
    )


def test_the_list_opens_on_waiting_people_longest_wait_first(
    client_for: Callable[[User], Client], coordinator: User, people: None
) -> None:
    response = client_for(coordinator).get(reverse("participants:list"))

    assert _names(response) == ["Waiting2021", "Waiting2023"]
    assert response.context["form"]["status"].value() == "waiting"


def test_people_who_left_are_a_filter(
    client_for: Callable[[User], Client], coordinator: User, people: None
) -> None:
    client = client_for(coordinator)

    left = client.get(reverse("participants:list"), {"status": "left"})
    everyone = client.get(reverse("participants:list"), {"status": "all"})
    searched = client.get(reverse("participants:list"), {"q": "Left2017"})

    assert _names(left) == ["Left2017"]
    assert _names(everyone) == ["Left2017", "Matched2018", "Waiting2021", "Waiting2023"]
    assert _names(searched) == []  # a search keeps the default: waiting people


def test_the_duplicates_button_is_neutral_when_there_are_none(
    client_for: Callable[[User], Client], coordinator: User, programme: Programme
) -> None:
    client = client_for(coordinator)
    original = ParticipantFactory(programme=programme)

    calm = client.get(reverse("participants:list")).content.decode()
    ParticipantFactory(programme=programme, possible_duplicate_of=original)
    alarm = client.get(reverse("participants:list")).content.decode()

    assert 'btn-outline-secondary" href="/participants/duplicates/" data-duplicates="none"' in calm
    assert "btn-outline-danger" not in calm
    assert 'btn-outline-danger" href="/participants/duplicates/" data-duplicates="some"' in alarm


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_import_template_has_the_importers_columns(
    client_for: Callable[[User], Client], coordinator: User, language: str, extension: str
) -> None:
    client = client_for(coordinator)
    client.cookies["django_language"] = language

    response = client.get(reverse("participants:import_template", args=[extension]))
    content = response.content

    assert response.status_code == 200
    assert f"participants-import.{extension}" in response["Content-Disposition"]
    if extension == "xlsx":
        header = [c.value for c in next(load_workbook(io.BytesIO(content)).active.iter_rows())]
    else:
        header = content.decode("utf-8-sig").strip().split(",")
    assert ("förnamn" in header) == (language == "sv")
    # Whatever the language, the importer reads the template's header back as its own columns.
    row = ",".join(["x"] * len(header)).encode()
    assert list(read_rows("t.csv", ",".join(header).encode() + b"\n" + row)[0]) == COLUMNS


def test_an_unknown_template_format_is_404(
    client_for: Callable[[User], Client], coordinator: User
) -> None:
    response = client_for(coordinator).get(reverse("participants:import_template", args=["pdf"]))

    assert response.status_code == 404


def test_the_import_page_links_the_template_and_the_help_in_the_app(
    client_for: Callable[[User], Client], coordinator: User
) -> None:
    client = client_for(coordinator)

    upload = client.get(reverse("participants:import")).content.decode()
    help_page = client.get(reverse("participants:import_help"))

    assert reverse("participants:import_template", args=["xlsx"]) in upload
    assert reverse("participants:import_template", args=["csv"]) in upload
    assert reverse("participants:import_help") in upload
    assert "docs/import.md" not in upload
    assert [c["name"] for c in help_page.context["columns"]] == COLUMNS
    assert all(c["help"] and "%(" not in c["help"] for c in help_page.context["columns"])


CSV = (
    "external_id,group,first_name,last_name,gender,registered_on,district\n"
    "N1,nyanländ,Samira,Haddad,kvinna,2024-03-01,\n"
    "E1,etablerad,Karin,Berg,kvinna,2024-03-02,\n"
).encode()


def _upload(client: Client) -> str:
    response = client.post(
        reverse("participants:import"), {"file": SimpleUploadedFile("people.csv", CSV)}
    )
    return client.get(response["Location"]).content.decode()


def test_the_preview_speaks_the_coordinators_words_and_a_second_upload_changes_nothing(
    client_for: Callable[[User], Client], coordinator: User, programme: Programme
) -> None:
    client = client_for(coordinator)
    client.cookies["django_language"] = "sv"

    first = _upload(client)
    batch = ImportBatch.objects.get(programme=programme)
    client.post(reverse("participants:import_confirm", args=[batch.pk]))
    second = _upload(client)

    with translation.override("sv"):
        newcomer, established = str(Group.NEWCOMER.label), str(Group.ESTABLISHED.label)
        new_people = gettext("%(n)s new people will be registered.").replace("%(n)s", "2")
        nothing = gettext(
            "Every row is already in the register exactly as in the file: importing it again "
            "changes nothing."
        )
    assert f"<td>{newcomer}</td>" in first and f"<td>{established}</td>" in first
    assert ">newcomer<" not in first
    assert new_people in first
    assert nothing in second
    assert Participant.objects.filter(programme=programme).count() == 2
    assert "/confirm/" not in second  # no import button


def test_the_participants_history_speaks_in_sentences(
    client_for: Callable[[User], Client], coordinator: User, programme: Programme
) -> None:
    client = client_for(coordinator)
    client.cookies["django_language"] = "sv"
    client.post(
        reverse("participants:create"),
        {
            "group": "newcomer",
            "first_name": "Samira",
            "last_name": "Haddad",
            "gender": "woman",
            "registered_on": "2024-03-01",
            "source": "staff",
            "capacity": 1,
        },
    )
    samira = Participant.objects.get(first_name="Samira")

    html = client.get(reverse("participants:detail", args=[samira.pk])).content.decode()

    with translation.override("sv"):
        assert gettext("The participant was registered") in html
    assert "participants.participant.registered" not in html
    assert "<h1><bdi>Samira Haddad</bdi></h1>" in html
