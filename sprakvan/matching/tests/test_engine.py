"""Tests of the pure matching engine: optimality, hard constraints, waiting, explanations."""

import datetime as dt
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprakvan.matching.engine import (
    COMPONENTS,
    GENDERS,
    Person,
    Pool,
    Weights,
    assign,
    assign_greedy,
    candidates_for,
    greedy,
    propose,
    score_matrix,
)

TODAY = dt.date(2025, 6, 1)
NEIGHBOURS = [(0, 1), (1, 2)]
TUESDAY_EVENING = 1 * 3 + 2
# Scores are the number of shared interests: constructed cases read off directly.
INTERESTS_ONLY = Weights(
    same_district=0,
    neighbouring_district=0,
    availability_overlap=0,
    shared_interests=1.0,
    interests_cap=64,
    bridge_language=0,
    age_difference=0,
    waiting_time=0,
)


def interests(*indices: int) -> int:
    return sum(1 << index for index in indices)


def allowed(newcomer: Person, volunteer: Person, forbidden: set[tuple[int, int]]) -> bool:
    """The hard constraints, written out independently of the engine."""

    def age_wish_met(person: Person, other_birth_year: int) -> bool:
        if not person.wish_age_min and not person.wish_age_max:
            return True
        if not other_birth_year:
            return False
        age = TODAY.year - other_birth_year
        return (not person.wish_age_min or age >= person.wish_age_min) and (
            not person.wish_age_max or age <= person.wish_age_max
        )

    return (
        (newcomer.id, volunteer.id) not in forbidden
        and (not newcomer.wish_gender or volunteer.gender == newcomer.wish_gender)
        and (not volunteer.wish_gender or newcomer.gender == volunteer.wish_gender)
        and (not newcomer.is_family or volunteer.accepts_family)
        and bool(newcomer.availability & volunteer.availability)
        and age_wish_met(newcomer, volunteer.birth_year)
        and age_wish_met(volunteer, newcomer.birth_year)
    )


def brute_force(milli: np.ndarray, capacity: list[int]) -> tuple[int, float]:
    """(most pairs, highest total score in points among those) by trying every assignment."""
    best = (0, 0.0)
    options = [[None, *np.flatnonzero(np.isfinite(row)).tolist()] for row in milli]
    for choice in itertools.product(*options):
        taken = [j for j in choice if j is not None]
        if any(taken.count(j) > capacity[j] for j in set(taken)):
            continue
        total = sum(float(milli[i, j]) for i, j in enumerate(choice) if j is not None)
        best = max(best, (len(taken), total / 1000))
    return best


@st.composite
def people(draw: st.DrawFn, *, first_id: int, volunteers: bool) -> list[Person]:
    count = draw(st.integers(0, 4 if volunteers else 5))
    found = []
    for offset in range(count):
        wish_age = draw(st.sampled_from([(0, 0), (0, 0), (20, 40), (35, 0), (0, 30)]))
        registered = draw(st.none() | st.integers(0, 500))
        found.append(
            Person(
                id=first_id + offset,
                district=draw(st.integers(-1, 3)),
                availability=draw(st.integers(0, 0b1111)) << 17 | draw(st.integers(0, 3)),
                interests=draw(st.integers(0, 31)),
                languages=draw(st.integers(0, 7)),
                swedish_level=draw(st.integers(0, 5)),
                birth_year=draw(st.sampled_from([0, 1950, 1970, 1985, 1995, 2003])),
                gender=draw(st.sampled_from(GENDERS)),
                wish_gender=draw(st.sampled_from(["", "", "woman", "man"])),
                wish_age_min=wish_age[0],
                wish_age_max=wish_age[1],
                is_family=not volunteers and draw(st.booleans()),
                accepts_family=volunteers and draw(st.booleans()),
                capacity=draw(st.integers(1, 2)) if volunteers else 1,
                registered_on=None if registered is None else TODAY - dt.timedelta(registered),
            )
        )
    return found


@st.composite
def markets(draw: st.DrawFn) -> tuple[list[Person], list[Person], set[tuple[int, int]]]:
    newcomers = draw(people(first_id=1, volunteers=False))
    volunteers = draw(people(first_id=100, volunteers=True))
    pairs = [(n.id, v.id) for n in newcomers for v in volunteers]
    forbidden = draw(st.sets(st.sampled_from(pairs))) if pairs else set()
    return newcomers, volunteers, forbidden


SMALL_POOLS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize("method", ["dense", "sparse", "pruned"])
@SMALL_POOLS
@given(market=markets())
def test_proposal_has_most_pairs_then_highest_total_as_brute_force(market, method):
    newcomers, volunteers, forbidden = market
    result = score_matrix(
        Pool.from_people(newcomers),
        Pool.from_people(volunteers),
        neighbours=NEIGHBOURS,
        forbidden=forbidden,
        today=TODAY,
    )
    proposals = assign(result, method=method)

    pairs, total = brute_force(result.milli, [v.capacity for v in volunteers])
    assert len(proposals) == pairs
    assert sum(p.score for p in proposals) == pytest.approx(total, abs=1e-6)


@SMALL_POOLS
@given(market=markets())
def test_proposal_never_breaks_a_hard_constraint(market):
    newcomers, volunteers, forbidden = market
    by_id = {person.id: person for person in [*newcomers, *volunteers]}

    proposals = propose(
        Pool.from_people(newcomers),
        Pool.from_people(volunteers),
        neighbours=NEIGHBOURS,
        forbidden=forbidden,
        today=TODAY,
    )

    for proposal in proposals:
        assert allowed(by_id[proposal.newcomer_id], by_id[proposal.established_id], forbidden)
    paired_newcomers = [p.newcomer_id for p in proposals]
    assert len(paired_newcomers) == len(set(paired_newcomers))
    for volunteer in volunteers:
        load = sum(p.established_id == volunteer.id for p in proposals)
        assert load <= volunteer.capacity


@SMALL_POOLS
@given(market=markets())
def test_score_matrix_marks_exactly_the_pairs_the_hard_constraints_rule_out(market):
    newcomers, volunteers, forbidden = market

    result = score_matrix(
        Pool.from_people(newcomers),
        Pool.from_people(volunteers),
        neighbours=NEIGHBOURS,
        forbidden=forbidden,
        today=TODAY,
    )

    expected = [[allowed(n, v, forbidden) for v in volunteers] for n in newcomers]
    assert result.feasible.tolist() == expected


@SMALL_POOLS
@given(market=markets())
def test_components_of_a_feasible_pair_add_up_to_its_score(market):
    newcomers, volunteers, forbidden = market
    result = score_matrix(
        Pool.from_people(newcomers),
        Pool.from_people(volunteers),
        neighbours=NEIGHBOURS,
        forbidden=forbidden,
        today=TODAY,
    )

    for i, j in zip(*np.nonzero(result.feasible), strict=True):
        components = result.components(i, j)
        assert set(components) == set(COMPONENTS)
        assert min(components.values()) >= 0
        assert sum(components.values()) == pytest.approx(result.score(i, j), abs=1e-9)


def test_greedy_best_pair_first_leaves_a_newcomer_out_where_the_optimum_pairs_both():
    # Anna–Xavier is the best single pair, but Bilal can only meet Xavier.
    newcomers = Pool.from_people(
        [
            Person(1, availability=0b11, interests=interests(0, 1, 2, 3, 4, 5, 6, 7)),
            Person(2, availability=0b01, interests=interests(0, 1, 2, 3)),
        ]
    )
    volunteers = Pool.from_people(
        [
            Person(10, availability=0b01, interests=interests(0, 1, 2, 3, 4)),
            Person(11, availability=0b10, interests=interests(5, 6, 7)),
        ]
    )

    baseline = greedy(newcomers, volunteers, weights=INTERESTS_ONLY, today=TODAY)
    ours = propose(newcomers, volunteers, weights=INTERESTS_ONLY, today=TODAY)

    assert [(p.newcomer_id, p.established_id) for p in baseline] == [(1, 10)]
    assert [(p.newcomer_id, p.established_id) for p in ours] == [(1, 11), (2, 10)]
    assert sum(p.score for p in ours) == 3 + 4


def test_greedy_best_pair_first_scores_lower_where_the_optimum_swaps_partners():
    newcomers = Pool.from_people(
        [
            Person(1, availability=1, interests=interests(0, 1, 2, 3, 4, 5, 6, 7)),
            Person(2, availability=1, interests=interests(0, 1, 2, 3)),
        ]
    )
    volunteers = Pool.from_people(
        [
            Person(10, availability=1, interests=interests(0, 1, 2, 3, 4)),
            Person(11, availability=1, interests=interests(5, 6, 7)),
        ]
    )
    result = score_matrix(newcomers, volunteers, weights=INTERESTS_ONLY, today=TODAY)

    baseline = assign_greedy(result)
    ours = assign(result)

    assert sum(p.score for p in baseline) == 5 + 0
    assert sum(p.score for p in ours) == 3 + 4
    assert (len(ours), sum(p.score for p in ours)) == brute_force(result.milli, [1, 1])


@pytest.mark.parametrize("method", ["dense", "sparse", "pruned"])
def test_one_more_pair_outweighs_a_higher_total_score(method):
    # Anna–Xavier alone scores 10; Anna–Yusuf plus Bilal–Xavier score 1 + 1 but pair both.
    newcomers = Pool.from_people(
        [
            Person(1, availability=0b11, interests=interests(*range(10))),
            Person(2, availability=0b01, interests=interests(0)),
        ]
    )
    volunteers = Pool.from_people(
        [
            Person(10, availability=0b01, interests=interests(*range(10))),
            Person(11, availability=0b10, interests=interests(9)),
        ]
    )
    result = score_matrix(newcomers, volunteers, weights=INTERESTS_ONLY, today=TODAY)

    ours = assign(result, method=method)

    assert [(p.newcomer_id, p.established_id, p.score) for p in ours] == [
        (1, 11, 1.0),
        (2, 10, 1.0),
    ]


@pytest.mark.parametrize("long_waiter_first", [True, False])
def test_newcomer_who_waited_longest_gets_the_scarce_volunteer(long_waiter_first):
    def newcomer(person_id: int, waited_days: int) -> Person:
        return Person(
            person_id,
            district=0,
            availability=1,
            birth_year=1990,
            registered_on=TODAY - dt.timedelta(waited_days),
        )

    waiters = [newcomer(1, 200), newcomer(2, 20)]
    if not long_waiter_first:
        waiters.reverse()
    volunteer = Person(10, district=0, availability=1, birth_year=1990)

    proposals = propose(Pool.from_people(waiters), Pool.from_people([volunteer]), today=TODAY)

    assert [(p.newcomer_id, p.established_id) for p in proposals] == [(1, 10)]


def test_waiting_a_year_does_not_outweigh_a_much_better_local_match():
    volunteer = Person(
        10,
        district=2,
        availability=interests(2, 5, 8),
        interests=interests(0, 1, 2),
        languages=1,
        birth_year=1990,
    )
    fresh = Person(
        1,
        district=2,
        availability=interests(2, 5, 8),
        interests=interests(0, 1, 2),
        languages=1,
        swedish_level=1,
        birth_year=1991,
        registered_on=TODAY,
    )
    year_long_waiter = Person(
        2, district=7, availability=interests(2), registered_on=TODAY - dt.timedelta(365)
    )

    proposals = propose(
        Pool.from_people([year_long_waiter, fresh]), Pool.from_people([volunteer]), today=TODAY
    )

    assert [p.newcomer_id for p in proposals] == [1]


def test_explanation_names_district_slot_interest_language_age_and_waiting():
    newcomer = Person(
        1,
        district=3,
        availability=1 << TUESDAY_EVENING | 1 << 0,
        interests=interests(4, 9),
        languages=interests(2, 5),
        swedish_level=2,
        birth_year=1992,
        registered_on=TODAY - dt.timedelta(94),
    )
    volunteer = Person(
        10,
        district=3,
        availability=1 << TUESDAY_EVENING | 1 << 20,
        interests=interests(4, 11),
        languages=interests(0, 2),
        birth_year=1989,
        registered_on=TODAY,
    )

    [proposal] = propose(Pool.from_people([newcomer]), Pool.from_people([volunteer]), today=TODAY)

    assert [(reason.code, dict(reason.params)) for reason in proposal.reasons] == [
        ("same_district", {"district": 3}),
        ("shared_slot", {"slot": TUESDAY_EVENING, "weekday": 1, "part": 2}),
        ("shared_interest", {"interest": 4}),
        ("bridge_language", {"language": 2}),
        ("age_close", {"years": 3}),
        ("waited", {"side": "newcomer", "days": 94}),
    ]
    assert proposal.components["same_district"] == 3.0
    assert proposal.components["bridge_language"] == pytest.approx(2.0 * 4 / 5)
    assert proposal.components["waiting_time"] == pytest.approx(0.5 * 94 / 30, abs=1e-3)


def test_neighbouring_districts_earn_less_than_the_same_district():
    newcomers = Pool.from_people([Person(1, district=0, availability=1)])
    volunteers = Pool.from_people(
        [
            Person(10, district=0, availability=1),
            Person(11, district=1, availability=1),
            Person(12, district=2, availability=1),
        ]
    )

    result = score_matrix(newcomers, volunteers, neighbours=NEIGHBOURS, today=TODAY)

    assert result.scores[0].tolist() == [3.5, 2.0, 0.5]
    assert result.reasons(0, 1)[0].code == "neighbouring_district"


def test_forbidden_pair_is_never_proposed_even_when_it_is_the_only_one():
    newcomers = Pool.from_people([Person(1, availability=1)])
    volunteers = Pool.from_people([Person(10, availability=1)])

    proposals = propose(newcomers, volunteers, forbidden={(1, 10)}, today=TODAY)

    assert proposals == []


def test_candidates_for_a_newcomer_are_feasible_best_first_and_leave_out_excluded():
    newcomers = Pool.from_people([Person(1, availability=1, interests=interests(0, 1, 2))])
    volunteers = Pool.from_people(
        [
            Person(10, availability=1, interests=interests(0)),
            Person(11, availability=1, interests=interests(0, 1, 2)),
            Person(12, availability=2, interests=interests(0, 1, 2)),
            Person(13, availability=1, interests=interests(0, 1)),
            Person(14, availability=1, interests=interests(0, 1, 2)),
        ]
    )

    found = candidates_for(
        newcomers, volunteers, newcomer_id=1, weights=INTERESTS_ONLY, exclude={14}, today=TODAY
    )

    assert [(c.established_id, c.score) for c in found] == [(11, 3.0), (13, 2.0), (10, 1.0)]


def test_candidates_for_a_volunteer_respect_the_limit():
    newcomers = Pool.from_people(
        [Person(i, availability=1, interests=interests(*range(i))) for i in range(1, 6)]
    )
    volunteers = Pool.from_people([Person(10, availability=1, interests=interests(0, 1, 2, 3))])

    found = candidates_for(
        newcomers, volunteers, established_id=10, weights=INTERESTS_ONLY, limit=2, today=TODAY
    )

    assert [c.newcomer_id for c in found] == [4, 5]


def test_volunteer_takes_as_many_newcomers_as_their_capacity():
    newcomers = Pool.from_people([Person(i, availability=1) for i in range(1, 5)])
    volunteers = Pool.from_people([Person(10, availability=1, capacity=3)])

    proposals = propose(newcomers, volunteers, today=TODAY)

    assert len(proposals) == 3
    assert {p.established_id for p in proposals} == {10}


def test_pool_rejects_an_unknown_gender():
    with pytest.raises(ValueError, match="gender"):
        Pool.from_people([Person(1, gender="robot")])
