"""SLOW (loads the whole demo, about half a minute or more): the demo programme reproduces the
source document's table "Utfall jan–okt 2019" exactly, and its goals and texts are there."""

import datetime

import pytest
from django.core.management import call_command

from sprakvan.core.models import Programme
from sprakvan.reports.models import DocumentText, Goal
from sprakvan.reports.queries import report
from sprakvan.reports.statistics import Period

SOURCE_PERIOD = Period(datetime.date(2019, 1, 1), datetime.date(2019, 10, 31))


@pytest.mark.django_db(transaction=False)
def test_slow_demo_gives_the_source_documents_results_table() -> None:
    call_command("load_demo")
    programme = Programme.objects.get(slug="linkoping")
    current, _previous = report(programme, SOURCE_PERIOD, today=datetime.date(2026, 1, 1))
    newcomers = current.registrations["newcomer"]
    established = current.registrations["established"]
    assert (newcomers["total"], newcomers["woman"], newcomers["man"]) == (199, 89, 110)
    assert (established["total"], established["woman"], established["man"]) == (89, 65, 24)
    assert current.pairs is not None
    assert (current.pairs.new, current.pairs.active) == (71, 83)
    assert Goal.objects.filter(programme=programme, year=2020).count() == 3
    text = DocumentText.objects.get(
        programme=programme, period_start=SOURCE_PERIOD.start, period_end=SOURCE_PERIOD.end
    )
    assert "idéburet offentligt partnerskap" in text.background
