"""The outreach funnel: pure counting, then the same counts from the database."""

import datetime
from collections.abc import Hashable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.models import OutreachEvent
from sprakvan.organisations.tests.factories import OutreachEventFactory
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners import figures
from sprakvan.partners.funnel import FunnelCounts, Outcome, best_for_established, funnel, total
from sprakvan.partners.tests.factories import LeadFactory

TODAY = datetime.date(2019, 12, 1)


def test_funnel_counts_leads_registrations_matches_and_active_pairs_per_key() -> None:
    outcomes = {
        1: Outcome("newcomer", matched=True, active=True),
        2: Outcome("established", matched=True, active=False),
        3: Outcome("newcomer", matched=False, active=False),
        4: Outcome("established", matched=False, active=False),
    }
    result = funnel(
        leads=[("fair", 1), ("fair", 2), ("fair", None), ("fair", None), ("day", None)],
        arrivals=[("fair", 1), ("fair", 3), ("day", 4)],
        outcomes=outcomes,
    )
    fair = result["fair"]
    assert (fair.leads, fair.registered, fair.matched, fair.active) == (4, 3, 2, 1)
    assert (fair.established_registered, fair.established_matched) == (1, 1)
    day = result["day"]
    assert (day.leads, day.registered, day.matched, day.established_registered) == (1, 1, 0, 1)


def test_funnel_ignores_participants_without_an_outcome_such_as_erased_people() -> None:
    result = funnel(leads=[("fair", 9)], arrivals=[("fair", 8)], outcomes={})
    assert result["fair"].leads == 1
    assert result["fair"].registered == 0


def test_total_adds_the_keys_up() -> None:
    summed = total(
        [FunnelCounts(leads=3, registered=2, matched=1), FunnelCounts(leads=1, active=1)]
    )
    assert (summed.leads, summed.registered, summed.matched, summed.active) == (4, 2, 1, 1)


def test_best_for_established_ranks_by_established_residents_and_skips_events_with_none() -> None:
    counts: dict[Hashable, FunnelCounts] = {
        "a": FunnelCounts(established_registered=1),
        "b": FunnelCounts(established_registered=4),
        "c": FunnelCounts(established_registered=0, registered=10),
        "d": FunnelCounts(established_registered=1, established_matched=1),
    }
    assert best_for_established(counts, top=3) == ["b", "d", "a"]


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("ab"), st.one_of(st.none(), st.integers(0, 20)))),
    st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 20))),
)
def test_funnel_never_widens_down_the_steps(
    leads: list[tuple[str, int | None]], arrivals: list[tuple[str, int]]
) -> None:
    outcomes = {
        i: Outcome("newcomer" if i % 2 else "established", matched=i % 3 == 0, active=i % 6 == 0)
        for i in range(21)
    }
    for counts in funnel(leads=leads, arrivals=arrivals, outcomes=outcomes).values():
        assert counts.registered >= counts.matched >= counts.active
        assert counts.registered >= counts.established_registered >= counts.established_matched


@pytest.fixture
def known_dataset(programme: Programme) -> OutreachEvent:
    """Bergadagen: 5 leads; 2 registered as leads, 1 more through the QR code; 2 of them
    (one established) in an active pair, 1 in a pair that ended after ten days."""
    event = OutreachEventFactory(programme=programme, name="Bergadagen")
    other_event = OutreachEventFactory(programme=programme, name="Stadsfesten")
    amal = ParticipantFactory(programme=programme, group="newcomer", registered_on=TODAY)
    eva = ParticipantFactory(programme=programme, group="established", registered_on=TODAY)
    qr = ParticipantFactory(programme=programme, group="newcomer", source_event=event)
    ParticipantFactory(programme=programme, source_event=other_event)
    LeadFactory(event=event, participant=amal)
    LeadFactory(event=event, participant=eva)
    LeadFactory.create_batch(3, event=event)
    friend = ParticipantFactory(programme=programme, group="established")
    Pair.objects.create(
        programme=programme, newcomer=amal, established=eva, state="active", started_on=TODAY
    )
    Pair.objects.create(
        programme=programme,
        newcomer=qr,
        established=friend,
        state="ended",
        started_on=datetime.date(2019, 4, 1),
        ended_on=datetime.date(2019, 4, 11),
        end_reason="moved_away",
    )
    return event


def test_event_funnel_from_the_database_counts_the_known_dataset(
    known_dataset: OutreachEvent, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_max_num_queries(5):
        counts = figures.event_funnels([known_dataset], today=TODAY)[known_dataset.pk]
    assert (counts.leads, counts.registered, counts.matched, counts.active) == (5, 3, 3, 2)
    assert (counts.established_registered, counts.established_matched) == (1, 1)


def test_a_pair_that_ran_a_month_counts_as_active_after_it_ended(
    known_dataset: OutreachEvent,
) -> None:
    Pair.objects.filter(state="ended").update(ended_on=datetime.date(2019, 5, 1))
    counts = figures.event_funnels([known_dataset], today=TODAY)[known_dataset.pk]
    assert counts.active == 3


def test_event_funnel_counts_a_lead_who_also_used_the_qr_code_once(
    known_dataset: OutreachEvent,
) -> None:
    lead = known_dataset.leads.exclude(participant=None).first()
    assert lead is not None and lead.participant is not None
    amal = lead.participant
    amal.source_event = known_dataset
    amal.save()
    counts = figures.event_funnels([known_dataset], today=TODAY)[known_dataset.pk]
    assert counts.registered == 3


def test_source_funnel_groups_registrations_by_source(programme: Programme) -> None:
    event = OutreachEventFactory(programme=programme, date=datetime.date(2019, 5, 1))
    ParticipantFactory.create_batch(2, programme=programme, source="self_registration")
    ParticipantFactory(programme=programme, source="fair", source_event=event)
    LeadFactory.create_batch(4, event=event)
    ParticipantFactory(programme=programme, source="fair", registered_on=datetime.date(2018, 5, 1))
    counts = figures.source_funnels(
        programme,
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2019, 12, 31),
        today=TODAY,
    )
    assert counts["self_registration"].registered == 2
    assert (counts["fair"].leads, counts["fair"].registered) == (4, 1)
