"""The demo's pop-up cafés (issue 14): Sankt Kors, Stångåstaden and Tekniska Verken hosted in
2019, with the employees counted apart and participants from attendance; idempotent."""

import datetime

import pytest

from sprakvan.activities.models import Attendance, Session, WalkInCount
from sprakvan.core.models import Programme
from sprakvan.demo import accounts as staff_demo
from sprakvan.demo import activities as activities_demo
from sprakvan.demo import participants as participants_demo
from sprakvan.demo import partners as partners_demo
from sprakvan.demo.partners import popups as demo
from sprakvan.partners.models import PopUpCafe
from sprakvan.partners.popups import hosts_between, popups_between

TODAY = datetime.date(2019, 11, 15)
JAN, OCT = datetime.date(2019, 1, 1), datetime.date(2019, 10, 31)


@pytest.fixture
def linkoping(db: None) -> Programme:
    programme = participants_demo.load(TODAY)
    staff_demo.load(programme)
    partners_demo.load(programme, today=TODAY)
    activities_demo.load(programme, today=TODAY)
    demo.load(programme, today=TODAY)
    return programme


def test_the_three_hosts_of_the_source_held_popups_in_2019(linkoping: Programme) -> None:
    rows = popups_between(linkoping, JAN, OCT)
    assert set(hosts_between(linkoping, JAN, OCT)) == {
        "Sankt Kors",
        "Stångåstaden",
        "Tekniska Verken",
    }
    assert len(rows) == 6
    assert all(row.host_employees is not None and row.host_employees >= 12 for row in rows)
    assert all(10 <= row.participants <= 20 for row in rows)


def test_loading_the_popups_and_the_activities_again_changes_nothing(linkoping: Programme) -> None:
    def counts() -> tuple[int, ...]:
        return (
            PopUpCafe.objects.count(),
            Session.objects.count(),
            Attendance.objects.count(),
            WalkInCount.objects.count(),
        )

    before = counts()
    activities_demo.load(linkoping, today=TODAY)
    demo.load(linkoping, today=TODAY)
    assert counts() == before
