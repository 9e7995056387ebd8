"""The life of a pair through the services: proposing, calls, pauses, endings, follow-ups."""

import datetime

import pytest
from django.utils import timezone

from sprakvan.core.models import AuditEvent
from sprakvan.matching import services
from sprakvan.matching.models import CallRecord, FollowUp, Pair, Rejection
from sprakvan.matching.pools import load_market

from .conftest import TODAY, make_person

pytestmark = pytest.mark.django_db


def test_propose_pairs_pairs_the_waiting_newcomer_with_the_free_volunteer(
    programme, newcomer, volunteer
):
    proposals = services.propose_pairs(programme, today=TODAY)

    assert [(p.newcomer_id, p.established_id) for p in proposals] == [(newcomer.pk, volunteer.pk)]
    codes = {r.code for r in proposals[0].reasons}
    assert {"same_district", "shared_slot", "waited"} <= codes
    assert Pair.objects.count() == 0  # nothing is saved


def test_propose_pairs_gives_a_volunteer_no_more_friends_than_their_capacity(
    programme, district, volunteer
):
    for i in range(3):
        make_person(programme, "newcomer", external_id=f"N{i + 10}")

    proposals = services.propose_pairs(programme, today=TODAY)

    assert len(proposals) == 1


def test_propose_pairs_counts_open_pairs_against_capacity(programme, proposed_pair, district):
    make_person(programme, "newcomer", external_id="N2")

    assert services.propose_pairs(programme, today=TODAY) == []


def test_propose_pairs_never_breaks_a_gender_wish(programme, district, volunteer):
    make_person(programme, "newcomer", wish_gender="woman")

    assert services.propose_pairs(programme, today=TODAY) == []


def test_rejected_proposal_is_not_proposed_again(programme, newcomer, volunteer, coordinator):
    services.reject_proposal(
        programme, newcomer=newcomer, established=volunteer, rejected_by=coordinator, today=TODAY
    )

    assert services.propose_pairs(programme, today=TODAY) == []
    assert Rejection.objects.filter(newcomer=newcomer, established=volunteer).exists()


def test_accept_proposal_keeps_the_pair_for_calling_with_its_reasons(proposed_pair, newcomer):
    assert proposed_pair.state == Pair.State.PROPOSED
    assert proposed_pair.started_on is None
    assert proposed_pair.score > 0
    assert any(r["code"] == "same_district" for r in proposed_pair.reasons)
    newcomer.refresh_from_db()
    assert newcomer.status == "waiting"
    assert AuditEvent.objects.filter(action="matching.pair.proposed").count() == 1


def test_accept_proposal_refuses_a_newcomer_already_in_a_pair(
    programme, proposed_pair, newcomer, coordinator
):
    other = make_person(programme, "established", gender="man", external_id="E2")

    with pytest.raises(services.MatchingError):
        services.accept_proposal(
            programme, newcomer=newcomer, established=other, accepted_by=coordinator, today=TODAY
        )


def test_accept_proposal_refuses_a_pair_with_no_common_time(programme, district, coordinator):
    newcomer = make_person(programme, "newcomer", availability=1)
    volunteer = make_person(programme, "established", availability=2)

    with pytest.raises(services.MatchingError):
        services.accept_proposal(
            programme,
            newcomer=newcomer,
            established=volunteer,
            accepted_by=coordinator,
            today=TODAY,
        )


def test_both_agreeing_makes_the_pair_active_from_the_later_call(
    proposed_pair, newcomer, volunteer, coordinator
):
    services.record_call(
        proposed_pair,
        side="newcomer",
        outcome="no_answer",
        called_on=TODAY,
        recorded_by=coordinator,
    )
    services.record_call(
        proposed_pair, side="newcomer", outcome="agrees", called_on=TODAY, recorded_by=coordinator
    )
    proposed_pair.refresh_from_db()
    assert proposed_pair.state == Pair.State.PROPOSED

    later = TODAY + datetime.timedelta(days=2)
    services.record_call(
        proposed_pair,
        side="established",
        outcome="agrees",
        called_on=later,
        recorded_by=coordinator,
    )

    proposed_pair.refresh_from_db()
    newcomer.refresh_from_db()
    volunteer.refresh_from_db()
    assert proposed_pair.state == Pair.State.ACTIVE
    assert proposed_pair.started_on == later
    assert (newcomer.status, volunteer.status) == ("matched", "matched")
    assert sorted(proposed_pair.follow_ups.values_list("kind", "due_on")) == [
        ("one_month", later + datetime.timedelta(days=30)),
        ("six_months", datetime.date(2019, 12, 3)),
    ]


def test_a_decline_ends_the_pair_and_puts_the_other_side_first_in_line(
    programme, proposed_pair, newcomer, volunteer, coordinator
):
    services.record_call(
        proposed_pair,
        side="established",
        outcome="declines",
        called_on=TODAY,
        recorded_by=coordinator,
    )

    proposed_pair.refresh_from_db()
    newcomer.refresh_from_db()
    assert proposed_pair.state == Pair.State.ENDED
    assert proposed_pair.end_reason == Pair.EndReason.DECLINED
    assert proposed_pair.started_on is None
    assert newcomer.status == "waiting"
    market = load_market(programme, today=TODAY)
    assert newcomer.pk in market.first_in_line
    # The first-in-line newcomer gets the most waiting credit the weights allow.
    fresh = make_person(programme, "newcomer", registered_on=TODAY)
    market = load_market(programme, today=TODAY)
    ordinals = dict(
        zip(market.newcomers.ids.tolist(), market.newcomers.registered_on.tolist(), strict=True)
    )
    assert ordinals[newcomer.pk] <= (TODAY - datetime.timedelta(days=365)).toordinal()
    assert ordinals[fresh.pk] == TODAY.toordinal()


def test_the_declined_pair_is_never_proposed_again(programme, proposed_pair, coordinator):
    services.record_call(
        proposed_pair, side="newcomer", outcome="declines", called_on=TODAY, recorded_by=coordinator
    )

    assert services.propose_pairs(programme, today=TODAY) == []


def test_calls_are_refused_once_the_pair_is_active(active_pair, coordinator):
    with pytest.raises(services.MatchingError):
        services.record_call(
            active_pair, side="newcomer", outcome="agrees", called_on=TODAY, recorded_by=coordinator
        )
    assert CallRecord.objects.count() == 2


def test_pause_and_resume_move_both_statuses(active_pair, newcomer, volunteer, coordinator):
    services.pause_pair(active_pair, on=TODAY, paused_by=coordinator)
    newcomer.refresh_from_db()
    volunteer.refresh_from_db()
    assert (active_pair.state, newcomer.status, volunteer.status) == ("paused", "paused", "paused")

    services.resume_pair(active_pair, on=TODAY, resumed_by=coordinator)
    newcomer.refresh_from_db()
    volunteer.refresh_from_db()
    assert (active_pair.state, newcomer.status, volunteer.status) == (
        "active",
        "matched",
        "matched",
    )


def test_pausing_a_proposed_pair_is_refused(proposed_pair, coordinator):
    with pytest.raises(services.MatchingError):
        services.pause_pair(proposed_pair, on=TODAY, paused_by=coordinator)


def test_a_completed_pair_lets_the_newcomer_leave_and_the_volunteer_wait(
    active_pair, newcomer, volunteer, coordinator
):
    services.end_pair(active_pair, reason="completed", on=TODAY, ended_by=coordinator)

    newcomer.refresh_from_db()
    volunteer.refresh_from_db()
    assert active_pair.state == Pair.State.ENDED
    assert active_pair.ended_on == TODAY
    assert (newcomer.status, volunteer.status) == ("left", "waiting")


def test_no_contact_sends_the_newcomer_back_to_waiting(active_pair, newcomer, coordinator):
    services.end_pair(active_pair, reason="no_contact", on=TODAY, ended_by=coordinator)

    newcomer.refresh_from_db()
    assert newcomer.status == "waiting"


def test_a_volunteer_with_another_active_pair_stays_matched(
    programme, active_pair, volunteer, coordinator
):
    volunteer.capacity = 2
    volunteer.save()
    second_newcomer = make_person(programme, "newcomer", external_id="N2")
    second = services.accept_proposal(
        programme,
        newcomer=second_newcomer,
        established=volunteer,
        accepted_by=coordinator,
        today=TODAY,
    )
    for side in ("newcomer", "established"):
        services.record_call(
            second, side=side, outcome="agrees", called_on=TODAY, recorded_by=coordinator
        )

    services.end_pair(active_pair, reason="moved_away", on=TODAY, ended_by=coordinator)

    volunteer.refresh_from_db()
    assert volunteer.status == "matched"


def test_ending_an_ended_pair_is_refused(active_pair, coordinator):
    services.end_pair(active_pair, reason="completed", on=TODAY, ended_by=coordinator)

    with pytest.raises(services.MatchingError):
        services.end_pair(active_pair, reason="completed", on=TODAY, ended_by=coordinator)


def test_swap_candidate_withdraws_the_old_proposal_and_keeps_the_new(
    programme, proposed_pair, newcomer, coordinator
):
    other = make_person(programme, "established", gender="woman", external_id="E2")

    new = services.swap_candidate(
        proposed_pair, established=other, swapped_by=coordinator, today=TODAY
    )

    proposed_pair.refresh_from_db()
    assert proposed_pair.state == Pair.State.ENDED
    assert (new.newcomer, new.established, new.state) == (newcomer, other, Pair.State.PROPOSED)


def test_due_follow_ups_and_the_pairs_not_meeting(programme, active_pair, coordinator):
    month_later = TODAY + datetime.timedelta(days=31)
    assert list(services.due_follow_ups(programme, today=TODAY)) == []
    due = list(services.due_follow_ups(programme, today=month_later))
    assert [f.kind for f in due] == ["one_month"]

    services.record_follow_up(
        due[0], met=False, frequency="", recorded_by=coordinator, on=month_later
    )

    assert list(services.due_follow_ups(programme, today=month_later)) == []
    assert list(services.not_meeting(programme)) == [active_pair]
    assert FollowUp.objects.get(kind="one_month").recorded_by == coordinator


def test_candidates_lists_the_best_partners_of_one_newcomer(
    programme, newcomer, volunteer, district
):
    ryd = programme.districts.get(name="Ryd")
    far = make_person(programme, "established", gender="woman", district=ryd, external_id="E3")

    found = services.candidates(programme, today=TODAY, newcomer=newcomer)

    assert [p.established_id for p in found] == [volunteer.pk, far.pk]
    assert found[0].score > found[1].score


def test_started_between_and_active_during_follow_the_definitions(programme):
    from .factories import PairFactory

    inside = PairFactory(programme=programme, started_on=datetime.date(2019, 2, 1))
    before_still = PairFactory(
        programme=programme,
        started_on=datetime.date(2018, 5, 1),
        ended_on=datetime.date(2019, 1, 1),
        state="ended",
        end_reason="completed",
    )
    PairFactory(
        programme=programme,
        started_on=datetime.date(2018, 5, 1),
        ended_on=datetime.date(2018, 12, 31),
        state="ended",
        end_reason="completed",
    )
    PairFactory(programme=programme, state="proposed", started_on=None)
    start, end = datetime.date(2019, 1, 1), datetime.date(2019, 10, 31)

    assert list(Pair.objects.started_between(start, end)) == [inside]
    assert set(Pair.objects.active_during(start, end)) == {inside, before_still}


def test_update_settings_changes_the_weights_the_engine_uses(programme, coordinator):
    services.update_settings(programme, weights={"same_district": 9.0}, changed_by=coordinator)

    market = load_market(programme, today=TODAY)
    assert market.weights.same_district == 9.0


def test_swedish_is_not_a_bridge_language_but_english_is(programme, newcomer, volunteer):
    from sprakvan.participants.models import LANGUAGE_CODES, mask_of

    for person in (newcomer, volunteer):
        person.languages = mask_of(["sv"], LANGUAGE_CODES)
        person.save()
    reasons = services.propose_pairs(programme, today=TODAY)[0].reasons
    assert "bridge_language" not in {r.code for r in reasons}

    for person in (newcomer, volunteer):
        person.languages = mask_of(["sv", "en"], LANGUAGE_CODES)
        person.save()
    reasons = services.propose_pairs(programme, today=TODAY)[0].reasons
    assert [r.params for r in reasons if r.code == "bridge_language"] == [{"language": "en"}]


def test_a_volunteer_waits_from_their_last_pair_not_from_registration(
    programme, active_pair, volunteer, coordinator
):
    ended_on = TODAY + datetime.timedelta(days=40)
    services.end_pair(active_pair, reason="completed", on=ended_on, ended_by=coordinator)
    later = ended_on + datetime.timedelta(days=10)

    market = load_market(programme, today=later)

    waited = dict(
        zip(market.volunteers.ids.tolist(), market.volunteers.registered_on.tolist(), strict=True)
    )
    assert waited[volunteer.pk] == ended_on.toordinal()


def test_record_follow_up_written_down_at_a_past_moment_keeps_that_moment(active_pair, coordinator):
    follow_up = active_pair.follow_ups.get(kind="one_month")
    then = datetime.datetime(2019, 7, 3, 12, tzinfo=datetime.UTC)

    services.record_follow_up(
        follow_up,
        met=True,
        frequency="weekly",
        recorded_by=coordinator,
        on=datetime.date(2019, 7, 3),
        now=then,
    )

    follow_up.refresh_from_db()
    assert (follow_up.recorded_on, follow_up.recorded_at) == (datetime.date(2019, 7, 3), then)


def test_record_follow_up_without_a_moment_is_written_down_now(active_pair, coordinator):
    follow_up = active_pair.follow_ups.get(kind="one_month")
    before = timezone.now()

    services.record_follow_up(follow_up, met=False, frequency="", recorded_by=coordinator, on=TODAY)

    follow_up.refresh_from_db()
    assert follow_up.recorded_at is not None and follow_up.recorded_at >= before


def test_a_pair_lived_through_as_history_without_a_user_keeps_its_days(
    programme, newcomer, volunteer
):
    proposed_on, started_on, ended_on = (
        datetime.date(2019, 4, 1),
        datetime.date(2019, 4, 5),
        datetime.date(2019, 5, 20),
    )

    pair = services.accept_proposal(
        programme, newcomer=newcomer, established=volunteer, accepted_by=None, today=proposed_on
    )
    for side in ("newcomer", "established"):
        services.record_call(
            pair, side=side, outcome="agrees", called_on=started_on, recorded_by=None
        )
    services.end_pair(pair, reason="completed", on=ended_on, ended_by=None)

    pair.refresh_from_db()
    newcomer.refresh_from_db()
    assert (pair.proposed_on, pair.started_on, pair.ended_on) == (proposed_on, started_on, ended_on)
    assert pair.created_by is None
    assert (newcomer.status, newcomer.status_changed_on) == ("left", ended_on)
    events = AuditEvent.objects.filter(object_type="matching.pair", object_id=pair.pk)
    assert events.count() == 5 and not events.exclude(actor=None).exists()
