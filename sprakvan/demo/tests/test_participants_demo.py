"""The Linköping demo programme: the source document's registrations, and idempotence."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count

from sprakvan.demo.participants import PERIOD_END, PERIOD_START, planned_rows
from sprakvan.participants.models import Participant

pytestmark = pytest.mark.django_db


def test_the_plan_has_exactly_the_source_document_s_registrations() -> None:
    rows = [
        r
        for r in planned_rows(datetime.date(2026, 11, 26))
        if PERIOD_START <= r.registered_on <= PERIOD_END
    ]
    counts = {(r.group, r.gender): 0 for r in rows}
    for r in rows:
        counts[(r.group, r.gender)] += 1

    assert counts == {
        ("newcomer", "woman"): 89,
        ("newcomer", "man"): 110,
        ("established", "woman"): 65,
        ("established", "man"): 24,
    }


def test_load_demo_registers_199_newcomers_and_89_established_in_2019_and_changes_nothing_twice() -> (
    None
):
    call_command("load_demo")
    first = Participant.objects.count()
    call_command("load_demo")

    assert Participant.objects.count() == first
    period = (
        Participant.objects.filter(programme__slug="linkoping", possible_duplicate_of=None)
        .registered_between(PERIOD_START, PERIOD_END)
        .values("group", "gender")
        .annotate(n=Count("pk"))
    )
    counts = {(row["group"], row["gender"]): row["n"] for row in period}
    assert counts == {
        ("newcomer", "woman"): 89,
        ("newcomer", "man"): 110,
        ("established", "woman"): 65,
        ("established", "man"): 24,
    }
    assert Participant.objects.filter(registered_on__lt=PERIOD_START).exists()
    assert Participant.objects.filter(registered_on__gt=PERIOD_END).exists()
