"""manage.py propose_pairs and import_pairs: output, all-or-nothing, idempotence, statuses."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from sprakvan.matching.models import Pair
from sprakvan.participants.models import Participant

from .conftest import make_person

pytestmark = pytest.mark.django_db


def test_propose_pairs_json_lists_each_pair_with_ids_score_and_reasons(
    programme, newcomer, volunteer
):
    out = io.StringIO()

    call_command("propose_pairs", "--programme", programme.slug, "--json", stdout=out)

    rows = json.loads(out.getvalue())
    assert len(rows) == 1
    assert rows[0]["newcomer"] == "N1" and rows[0]["established"] == "E1"
    assert isinstance(rows[0]["score"], float) and rows[0]["score"] > 0
    assert "both in Skäggetorp" in rows[0]["reasons"]
    assert Pair.objects.count() == 0


def test_propose_pairs_json_uses_the_id_when_there_is_no_external_id(
    programme, newcomer, volunteer
):
    Participant.objects.filter(pk=volunteer.pk).update(external_id="")
    out = io.StringIO()

    call_command("propose_pairs", "--programme", programme.slug, "--json", stdout=out)

    assert json.loads(out.getvalue())[0]["established"] == volunteer.pk


def test_propose_pairs_refuses_an_unknown_programme(db):
    with pytest.raises(CommandError):
        call_command("propose_pairs", "--programme", "nowhere")


def write_csv(tmp_path, text, name="pairs.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def people(programme):
    found = {}
    for key, group in [
        ("N1", "newcomer"),
        ("N2", "newcomer"),
        ("E1", "established"),
        ("E2", "established"),
    ]:
        found[key] = make_person(programme, group, external_id=key)
    return found


GOOD = (
    "newcomer,established,started_on,ended_on,end_reason\n"
    "N1,E1,2018-05-01,,\n"
    "N2,E2,2018-03-01,2018-12-01,completed\n"
)


def test_import_pairs_creates_pairs_and_statuses_follow(programme, people, tmp_path):
    call_command(
        "import_pairs",
        write_csv(tmp_path, GOOD),
        "--programme",
        programme.slug,
        stdout=io.StringIO(),
    )

    active = Pair.objects.get(newcomer=people["N1"])
    ended = Pair.objects.get(newcomer=people["N2"])
    assert (active.state, active.started_on) == ("active", datetime.date(2018, 5, 1))
    assert (ended.state, ended.end_reason, ended.ended_on) == (
        "ended",
        "completed",
        datetime.date(2018, 12, 1),
    )
    statuses = dict(Participant.objects.values_list("external_id", "status"))
    assert statuses == {"N1": "matched", "E1": "matched", "N2": "left", "E2": "waiting"}


def test_import_pairs_twice_changes_nothing(programme, people, tmp_path):
    path = write_csv(tmp_path, GOOD)
    call_command("import_pairs", path, "--programme", programme.slug, stdout=io.StringIO())
    before = list(Pair.objects.order_by("id").values())
    out = io.StringIO()

    call_command("import_pairs", path, "--programme", programme.slug, stdout=out)

    assert list(Pair.objects.order_by("id").values()) == before
    assert "0 pairs created, 0 updated, 2 unchanged" in out.getvalue()


def test_import_pairs_updates_an_ending_given_later(programme, people, tmp_path):
    call_command(
        "import_pairs",
        write_csv(tmp_path, GOOD),
        "--programme",
        programme.slug,
        stdout=io.StringIO(),
    )
    later = GOOD.replace("N1,E1,2018-05-01,,", "N1,E1,2018-05-01,2019-02-01,moved_away")

    call_command(
        "import_pairs",
        write_csv(tmp_path, later),
        "--programme",
        programme.slug,
        stdout=io.StringIO(),
    )

    pair = Pair.objects.get(newcomer=people["N1"])
    assert (pair.state, pair.end_reason) == ("ended", "moved_away")
    assert Participant.objects.get(external_id="N1").status == "left"


def test_import_pairs_writes_nothing_when_one_row_is_wrong_and_names_row_and_field(
    programme, people, tmp_path
):
    bad = GOOD + "N9,E1,2018-05-01,,\nN2,E1,2018-13-01,,\n"
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_pairs",
            write_csv(tmp_path, bad),
            "--programme",
            programme.slug,
            stderr=err,
            stdout=io.StringIO(),
        )

    assert Pair.objects.count() == 0
    assert "Row 4, newcomer: no participant with the id N9" in err.getvalue()
    assert "Row 5, started_on" in err.getvalue()


def test_import_pairs_refuses_the_wrong_group_and_an_end_without_reason(
    programme, people, tmp_path
):
    bad = "newcomer,established,started_on,ended_on,end_reason\nE1,N1,2018-05-01,,\nN2,E2,2018-01-01,2018-02-01,\n"
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_pairs",
            write_csv(tmp_path, bad),
            "--programme",
            programme.slug,
            stderr=err,
            stdout=io.StringIO(),
        )

    assert "Row 2, newcomer: E1 is not in that group" in err.getvalue()
    assert "Row 3, end_reason" in err.getvalue()
    assert Pair.objects.count() == 0


def test_import_pairs_refuses_two_running_pairs_for_one_newcomer(programme, people, tmp_path):
    bad = "newcomer,established,started_on\nN1,E1,2018-05-01\nN1,E2,2018-06-01\n"
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_pairs",
            write_csv(tmp_path, bad),
            "--programme",
            programme.slug,
            stderr=err,
            stdout=io.StringIO(),
        )

    assert "Row 3, newcomer: already in a running pair in row 2" in err.getvalue()


def test_import_pairs_reads_xlsx_with_date_cells(programme, people, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["newcomer", "established", "started_on", "ended_on", "end_reason"])
    sheet.append(["N1", "E1", datetime.datetime(2018, 5, 1), None, None])  # noqa: DTZ001 - openpyxl refuses aware datetimes
    path = tmp_path / "pairs.xlsx"
    book.save(path)

    call_command("import_pairs", str(path), "--programme", programme.slug, stdout=io.StringIO())

    assert Pair.objects.get().started_on == datetime.date(2018, 5, 1)


def test_import_pairs_refuses_a_file_without_the_columns(programme, tmp_path):
    with pytest.raises(CommandError, match="started_on"):
        call_command(
            "import_pairs",
            write_csv(tmp_path, "newcomer;established\nN1;E1\n"),
            "--programme",
            programme.slug,
        )


def test_imported_running_pair_is_not_proposed_again(programme, people, tmp_path):
    from sprakvan.matching.services import propose_pairs

    call_command(
        "import_pairs",
        write_csv(tmp_path, GOOD),
        "--programme",
        programme.slug,
        stdout=io.StringIO(),
    )

    proposed = {
        (p.newcomer_id, p.established_id)
        for p in propose_pairs(programme, today=datetime.date(2019, 6, 1))
    }
    assert (people["N1"].pk, people["E1"].pk) not in proposed
    assert (people["N2"].pk, people["E2"].pk) not in proposed
