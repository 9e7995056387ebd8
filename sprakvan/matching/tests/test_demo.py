"""The demo pairs agree with the source document and with the rules."""

import datetime

import pytest
from django.db.models import Count, Q

from sprakvan.accounts import demo as staff_demo
from sprakvan.matching import demo
from sprakvan.matching.models import Pair
from sprakvan.matching.services import propose_pairs
from sprakvan.participants import demo as participants_demo
from sprakvan.participants.models import Participant

TODAY = datetime.date(2026, 11, 26)
START, END = datetime.date(2019, 1, 1), datetime.date(2019, 10, 31)


@pytest.fixture(scope="module")
def demo_programme(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        programme = participants_demo.load(TODAY)
        staff_demo.load(programme)
        demo.load(programme, today=TODAY)
        yield programme
        Pair.objects.filter(programme=programme).delete()
        programme.delete()


@pytest.mark.django_db
def test_demo_has_71_new_and_83_active_pairs_in_jan_to_oct_2019(demo_programme):
    pairs = Pair.objects.filter(programme=demo_programme)

    assert pairs.started_between(START, END).count() == 71
    assert pairs.active_during(START, END).count() == 83
    assert pairs.active_during(START, END).filter(started_on__lt=START).count() == 12


@pytest.mark.django_db
def test_demo_loaded_again_changes_nothing(demo_programme):
    before = Pair.objects.filter(programme=demo_programme).count()

    demo.load(demo_programme, today=TODAY)

    assert Pair.objects.filter(programme=demo_programme).count() == before


@pytest.mark.django_db
def test_demo_respects_capacity_and_one_friend_at_a_time(demo_programme):
    pairs = Pair.objects.filter(programme=demo_programme)
    over = (
        pairs.open()
        .values("established", "established__capacity")
        .annotate(n=Count("id"))
        .filter(n__gt=models_capacity())
    )
    assert not over.exists()
    assert not pairs.open().values("newcomer").annotate(n=Count("id")).filter(n__gt=1).exists()
    for pair in pairs.filter(started_on__isnull=False).select_related("newcomer", "established"):
        assert pair.newcomer.availability & pair.established.availability
        wish = pair.newcomer.wish_gender
        assert not wish or wish == pair.established.gender


def models_capacity():
    from django.db.models import F

    return F("established__capacity")


@pytest.mark.django_db
def test_demo_statuses_follow_the_pairs(demo_programme):
    people = Participant.objects.filter(programme=demo_programme)
    in_active = people.filter(
        Q(pairs_as_newcomer__state="active") | Q(pairs_as_established__state="active")
    ).distinct()
    assert set(in_active.values_list("status", flat=True)) == {"matched"}
    matched_without = people.filter(status="matched").exclude(pk__in=in_active.values("pk"))
    assert not matched_without.exists()


@pytest.mark.django_db
def test_demo_has_a_live_waiting_list_to_propose_from(demo_programme):
    proposals = propose_pairs(demo_programme, today=TODAY)

    assert len(proposals) >= 20
    assert Pair.objects.filter(programme=demo_programme, state="ended", end_reason="declined").exists()
    assert Pair.objects.filter(programme=demo_programme, follow_ups__met=True).exists()
