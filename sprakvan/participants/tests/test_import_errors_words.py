"""Import errors name the values in the coordinator's words, and every word named is accepted."""

import re
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Choices
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.participants.choices import Gender, Group, Source, Status, WishGender
from sprakvan.participants.import_values import YES_NO, lookup
from sprakvan.participants.importer import check_rows, read_rows
from sprakvan.participants.models import ImportBatch, Participant

pytestmark = pytest.mark.django_db
HEADER = "external_id;group;first_name;gender;wish_gender;is_family;accepts_family;source;status;registered_on"
GOOD = "A1;newcomer;Amina;woman;;nej;ja;;;2019-02-03"
COLUMNS = HEADER.split(";")
# The columns whose cells are a choice, and the labels an error there must offer.
CHOICES: dict[str, Any] = {
    "group": Group,
    "gender": Gender,
    "wish_gender": WishGender,
    "is_family": YES_NO,
    "accepts_family": YES_NO,
    "source": Source,
    "status": Status,
}


def labels_of(column: str) -> dict[Any, Any]:
    choices = CHOICES[column]
    return dict(choices) if isinstance(choices, dict) else dict(choices.choices)


def row_with(column: str, cell: str, external_id: str = "B1") -> str:
    cells = dict(zip(COLUMNS, GOOD.split(";"), strict=True))
    cells.update({"external_id": external_id, column: cell})
    return ";".join(cells[name] for name in COLUMNS)


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def column_name(column: str) -> str:
    return str(capfirst(Participant._meta.get_field(column).verbose_name))  # type: ignore[union-attr]


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


@pytest.mark.parametrize("language", ["sv", "ar"])
@pytest.mark.parametrize("column", list(CHOICES))
def test_a_bad_choice_is_reported_with_the_column_and_the_labels_in_the_users_language(
    programme: Programme, column: str, language: str
) -> None:
    with translation.override(language):
        checked = check_rows(
            programme, read_rows("x.csv", csv_bytes(GOOD, row_with(column, "martian")))
        )
        (error,) = checked.errors
        labels = [str(label) for label in labels_of(column).values()]
        name = column_name(column)

    assert (error.row, error.field) == (3, column)
    assert name in error.message
    for label in labels:
        assert label[:1].lower() + label[1:] in error.message
    # No stored value that is not also a word of a label in this language.
    label_words = set().union(*(words(label) for label in labels))
    internal = {str(value).casefold() for value in labels_of(column)} - label_words - {""}
    assert not words(error.message) & internal, error.message


def test_the_swedish_group_error_offers_nyanland_or_etablerad(programme: Programme) -> None:
    with translation.override("sv"):
        (error,) = check_rows(
            programme, read_rows("x.csv", csv_bytes(row_with("group", "martian")))
        ).errors
        expected = _("%(column)s must be %(choices)s") % {
            "column": column_name("group"),
            "choices": _("%(some)s or %(last)s")
            % {
                "some": str(Group.NEWCOMER.label).lower(),
                "last": str(Group.ESTABLISHED.label).lower(),
            },
        }

    assert error.message == expected
    assert "newcomer" not in error.message and "established" not in error.message


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_label_an_error_offers_is_accepted_by_the_import(
    programme: Programme, language: str
) -> None:
    rows = []
    for column in CHOICES:
        for number, (value, label) in enumerate(labels_of(column).items()):
            with translation.override(language):
                rows.append((column, value, row_with(column, str(label), f"{column}-{number}")))

    checked = check_rows(programme, read_rows("x.csv", csv_bytes(*(row for *_, row in rows))))

    assert checked.ok, [str(e) for e in checked.errors]
    for (column, value, _row), clean in zip(rows, checked.rows, strict=True):
        assert clean.values[column] == value


@pytest.mark.parametrize("choices", [Group, Gender, WishGender, Source, Status])
def test_no_label_in_any_language_means_two_values(choices: type[Choices]) -> None:
    table = lookup(dict(choices.choices))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in choices.choices:
                assert table[str(label).casefold()] == value, (language, label)


def test_an_upload_with_one_bad_value_per_column_shows_swedish_errors_and_imports_nothing(
    coordinator: User, client_for: Any
) -> None:
    client: Client = client_for(coordinator)
    bad = [row_with(column, "martian", f"B{n}") for n, column in enumerate(CHOICES)]
    client.post(
        reverse("participants:import"),
        {"file": SimpleUploadedFile("p.csv", csv_bytes(GOOD, *bad))},
        headers={"accept-language": "sv"},
    )
    batch = ImportBatch.objects.get()

    with translation.override("sv"):
        expected = [
            (column, column_name(column), [str(label) for label in labels_of(column).values()])
            for column in CHOICES
        ]
    page = client.get(
        reverse("participants:import_preview", args=[batch.pk]), headers={"accept-language": "sv"}
    ).content.decode()
    client.post(reverse("participants:import_confirm", args=[batch.pk]))

    for _column, name, labels in expected:
        assert escape(name) in page
        for label in labels:
            assert escape(label[:1].lower() + label[1:]) in page
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    assert not Participant.objects.exists()
