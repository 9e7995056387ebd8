"""The demo pairs agree with the source document and with the rules."""

import datetime

import pytest
from django.db.models import Count, F, Q

from sprakvan.core.models import AuditEvent
from sprakvan.demo import accounts as staff_demo
from sprakvan.demo import matching as demo
from sprakvan.demo import participants as participants_demo
from sprakvan.matching.models import FollowUp, Pair
from sprakvan.matching.services import propose_pairs
from sprakvan.participants.models import Participant

TODAY = datetime.date(2026, 11, 26)
START, END = datetime.date(2019, 1, 1), datetime.date(2019, 10, 31)


@pytest.fixture
def demo_programme(db):
    """The demo, loaded twice: the second load must change nothing."""
    programme = participants_demo.load(TODAY)
    staff_demo.load(programme)
    demo.load(programme, today=TODAY)
    before = list(Pair.objects.filter(programme=programme).order_by("id").values())
    demo.load(programme, today=TODAY)
    assert list(Pair.objects.filter(programme=programme).order_by("id").values()) == before
    return programme


@pytest.mark.django_db
def test_demo_pairs_match_the_source_document_and_the_rules(demo_programme):
    pairs = Pair.objects.filter(programme=demo_programme)

    assert pairs.started_between(START, END).count() == 71
    assert pairs.active_during(START, END).count() == 83
    assert pairs.active_during(START, END).filter(started_on__lt=START).count() == 12

    # Capacity and one friend at a time hold; started pairs keep the hard rules.
    pairs = Pair.objects.filter(programme=demo_programme)
    over = (
        pairs.open()
        .values("established", "established__capacity")
        .annotate(n=Count("id"))
        .filter(n__gt=F("established__capacity"))
    )
    assert not over.exists()
    assert not pairs.open().values("newcomer").annotate(n=Count("id")).filter(n__gt=1).exists()
    for pair in pairs.filter(started_on__isnull=False).select_related("newcomer", "established"):
        assert pair.newcomer.availability & pair.established.availability
        assert pair.reasons and pair.score  # every demo pair says why
        wish = pair.newcomer.wish_gender
        assert not wish or wish == pair.established.gender

    # Statuses follow the pairs.
    people = Participant.objects.filter(programme=demo_programme)
    in_active = people.filter(
        Q(pairs_as_newcomer__state="active") | Q(pairs_as_established__state="active")
    ).distinct()
    assert set(in_active.values_list("status", flat=True)) == {"matched"}
    matched_without = people.filter(status="matched").exclude(pk__in=in_active.values("pk"))
    assert not matched_without.exists()

    # A live waiting list, declined proposals and recorded follow-ups.
    proposals = propose_pairs(demo_programme, today=TODAY)

    assert len(proposals) >= 20
    assert Pair.objects.filter(
        programme=demo_programme, state="ended", end_reason="declined"
    ).exists()
    assert Pair.objects.filter(programme=demo_programme, follow_ups__met=True).exists()


@pytest.mark.django_db
def test_demo_pairs_are_lived_through_the_matching_services_on_their_own_days(demo_programme):
    pairs = Pair.objects.filter(programme=demo_programme)
    proposed = AuditEvent.objects.filter(action="matching.pair.proposed", programme=demo_programme)
    confirmed = AuditEvent.objects.filter(action="matching.pair.confirmed")

    assert proposed.count() == pairs.count()
    assert confirmed.count() == pairs.filter(started_on__isnull=False).count()
    assert not proposed.exclude(actor=None).exists()
    # Calls and follow-ups carry the days they happened on, not the day the demo was loaded.
    for pair in pairs.filter(started_on__isnull=False)[:50]:
        assert pair.started_on and pair.proposed_on and pair.proposed_on < pair.started_on
        assert set(pair.calls.values_list("called_on", flat=True)) == {pair.started_on}
    recorded = FollowUp.objects.filter(pair__programme=demo_programme, recorded_on__isnull=False)
    assert recorded.exists()
    for follow_up in recorded[:50]:
        assert follow_up.recorded_at is not None
        assert follow_up.recorded_at.date() == follow_up.recorded_on
