"""The matching pages through the test client: each workflow step, access, and the database."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sprakvan.core.audit_sentences import sentence_of
from sprakvan.core.concurrency import version_of
from sprakvan.matching.models import CallRecord, FollowUp, Pair, ProposalRun, Rejection
from sprakvan.matching.services import update_settings

from .conftest import make_person
from .factories import PairFactory

pytestmark = pytest.mark.django_db

POST_ONLY = [
    ("matching:proposal_accept", False),
    ("matching:proposal_reject", False),
    ("matching:proposal_run_start", False),
    ("matching:pair_call", True),
    ("matching:pair_pause", True),
    ("matching:pair_resume", True),
    ("matching:pair_end", True),
]


def ids(newcomer, volunteer):
    return {"newcomer": newcomer.pk, "established": volunteer.pk}


@pytest.mark.parametrize(("name", "with_pk"), POST_ONLY)
def test_changes_refuse_get(client_for, coordinator, active_pair, name, with_pk):
    url = reverse(name, args=[active_pair.pk] if with_pk else [])

    assert client_for(coordinator).get(url).status_code == 405


def test_follow_up_record_refuses_get(client_for, coordinator, active_pair):
    follow_up = active_pair.follow_ups.first()

    response = client_for(coordinator).get(
        reverse("matching:follow_up_record", args=[follow_up.pk])
    )

    assert response.status_code == 405


@pytest.mark.parametrize(("name", "with_pk"), POST_ONLY)
def test_changes_refuse_get_before_asking_who_you_are(
    client, client_for, leader, active_pair, name, with_pk
):
    url = reverse(name, args=[active_pair.pk] if with_pk else [])

    assert client.get(url).status_code == 405
    assert client_for(leader).get(url).status_code == 405


@pytest.mark.parametrize(
    "name",
    ["matching:proposals", "matching:pair_list", "matching:follow_ups", "matching:settings"],
)
def test_partner_viewer_and_leader_are_refused(client_for, partner_viewer, leader, name):
    assert client_for(partner_viewer).get(reverse(name)).status_code == 403
    assert client_for(leader).get(reverse(name)).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, programme):
    response = client.get(reverse("matching:pair_list"))

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    "name",
    ["matching:pair_detail", "matching:pair_call", "matching:pair_pause", "matching:pair_end"],
)
def test_another_programmes_pair_does_not_exist_for_an_outsider(
    client_for, outsider, active_pair, name
):
    client = client_for(outsider)
    response = (
        client.get(reverse(name, args=[active_pair.pk]))
        if name.endswith("detail")
        else client.post(reverse(name, args=[active_pair.pk]), {"pause-on": "2019-06-01"})
    )

    assert response.status_code == 404
    active_pair.refresh_from_db()
    assert active_pair.state == Pair.State.ACTIVE


def test_outsider_cannot_accept_a_proposal_of_another_programme(
    client_for, outsider, newcomer, volunteer
):
    response = client_for(outsider).post(
        reverse("matching:proposal_accept"), ids(newcomer, volunteer)
    )

    assert response.status_code == 404
    assert not Pair.objects.exists()


def test_outsider_cannot_record_another_programmes_follow_up(client_for, outsider, active_pair):
    follow_up = active_pair.follow_ups.first()

    response = client_for(outsider).post(
        reverse("matching:follow_up_record", args=[follow_up.pk]),
        {
            f"fu{follow_up.pk}-met": "yes",
            f"fu{follow_up.pk}-frequency": "weekly",
            f"fu{follow_up.pk}-on": "2019-07-01",
        },
    )

    assert response.status_code == 404


def test_proposal_page_shows_the_pair_and_why(
    client_for, coordinator, newcomer, volunteer, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("matching:proposals"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nadia" in html and "Erik" in html
    assert "both in Skäggetorp" in html
    assert "Tuesday morning" in html


def test_accepting_a_proposal_keeps_it_for_calling(client_for, coordinator, newcomer, volunteer):
    response = client_for(coordinator).post(
        reverse("matching:proposal_accept"), ids(newcomer, volunteer)
    )

    assert response.status_code == 302
    pair = Pair.objects.get()
    assert (pair.newcomer, pair.established, pair.state) == (newcomer, volunteer, "proposed")


def test_accepting_with_htmx_answers_with_the_row_only(
    client_for, coordinator, newcomer, volunteer
):
    response = client_for(coordinator).post(
        reverse("matching:proposal_accept"), ids(newcomer, volunteer), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<li class="list-group-item py-3" id="proposal-{newcomer.pk}"')
    assert "<html" not in html
    assert Pair.objects.filter(state="proposed").count() == 1


def test_accepting_a_taken_volunteer_says_why_and_saves_nothing(
    client_for, coordinator, proposed_pair, programme
):
    second = make_person(programme, "newcomer", external_id="N9")

    response = client_for(coordinator).post(
        reverse("matching:proposal_accept"), ids(second, proposed_pair.established), follow=True
    )

    assert "cannot be proposed" in response.content.decode()
    assert Pair.objects.count() == 1


def test_rejecting_a_proposal_removes_it_for_good(client_for, coordinator, newcomer, volunteer):
    client = client_for(coordinator)
    response = client.post(reverse("matching:proposal_reject"), ids(newcomer, volunteer))

    assert response.status_code == 302
    assert Rejection.objects.filter(newcomer=newcomer, established=volunteer).exists()
    assert "both in Skäggetorp" not in client.get(reverse("matching:proposals")).content.decode()


def test_candidates_page_lists_other_volunteers_with_scores(
    client_for, coordinator, programme, newcomer, volunteer
):
    other = make_person(programme, "established", first_name="Karin", external_id="E5")

    response = client_for(coordinator).get(
        reverse("matching:proposal_candidates"), {"newcomer": newcomer.pk, "current": volunteer.pk}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Karin" in html and "Erik" not in html
    assert "score" in html
    assert other.pk


def test_candidates_of_another_programmes_person_is_404(client_for, outsider, newcomer):
    response = client_for(outsider).get(
        reverse("matching:proposal_candidates"), {"newcomer": newcomer.pk}
    )

    assert response.status_code == 404


def test_swapping_in_a_candidate_accepts_that_pair(
    client_for, coordinator, programme, newcomer, volunteer
):
    other = make_person(programme, "established", first_name="Karin", external_id="E5")

    client_for(coordinator).post(reverse("matching:proposal_accept"), ids(newcomer, other))

    assert Pair.objects.get().established == other


def test_recording_both_calls_makes_the_pair_active(client_for, coordinator, proposed_pair):
    client = client_for(coordinator)
    url = reverse("matching:pair_call", args=[proposed_pair.pk])
    for side in ("newcomer", "established"):
        response = client.post(
            url,
            {
                "call-side": side,
                "call-outcome": "agrees",
                "call-called_on": "2019-06-03",
                "call-version": version_of(proposed_pair),
            },
        )
        assert response.status_code == 302

    proposed_pair.refresh_from_db()
    assert proposed_pair.state == "active"
    assert proposed_pair.started_on == datetime.date(2019, 6, 3)
    assert CallRecord.objects.filter(pair=proposed_pair).count() == 2


def test_an_invalid_call_form_shows_the_errors(client_for, coordinator, proposed_pair):
    response = client_for(coordinator).post(
        reverse("matching:pair_call", args=[proposed_pair.pk]), {"call-side": "newcomer"}
    )

    assert response.status_code == 400
    assert not CallRecord.objects.exists()


def test_a_declining_call_ends_the_pair(client_for, coordinator, proposed_pair):
    client_for(coordinator).post(
        reverse("matching:pair_call", args=[proposed_pair.pk]),
        {
            "call-side": "established",
            "call-outcome": "declines",
            "call-called_on": "2019-06-03",
            "call-version": version_of(proposed_pair),
        },
    )

    proposed_pair.refresh_from_db()
    assert (proposed_pair.state, proposed_pair.end_reason) == ("ended", "declined")


def test_pause_resume_and_end_through_the_pages(client_for, coordinator, active_pair, newcomer):
    client = client_for(coordinator)
    client.post(
        reverse("matching:pair_pause", args=[active_pair.pk]),
        {"pause-on": "2019-07-01", "pause-version": version_of(active_pair)},
    )
    active_pair.refresh_from_db()
    assert active_pair.state == "paused"

    client.post(
        reverse("matching:pair_resume", args=[active_pair.pk]),
        {"resume-on": "2019-08-01", "resume-version": version_of(active_pair)},
    )
    active_pair.refresh_from_db()
    assert active_pair.state == "active"

    client.post(
        reverse("matching:pair_end", args=[active_pair.pk]),
        {
            "end-reason": "moved_away",
            "end-on": "2019-09-01",
            "end-version": version_of(active_pair),
        },
    )
    active_pair.refresh_from_db()
    newcomer.refresh_from_db()
    assert (active_pair.state, active_pair.end_reason, active_pair.ended_on) == (
        "ended",
        "moved_away",
        datetime.date(2019, 9, 1),
    )
    assert newcomer.status == "left"


def test_a_refused_change_shows_a_message_and_changes_nothing(
    client_for, coordinator, proposed_pair
):
    response = client_for(coordinator).post(
        reverse("matching:pair_pause", args=[proposed_pair.pk]),
        {"pause-on": "2019-07-01", "pause-version": version_of(proposed_pair)},
        follow=True,
    )

    assert "Only an active pair can be paused" in response.content.decode()
    proposed_pair.refresh_from_db()
    assert proposed_pair.state == "proposed"


def test_pair_detail_shows_history_calls_and_follow_ups(client_for, coordinator, active_pair):
    response = client_for(coordinator).get(reverse("matching:pair_detail", args=[active_pair.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert sentence_of("matching.pair.confirmed") in html  # the history in words
    assert "Reached, agrees".lower() in html
    assert "One month" in html


def test_pair_list_filters_by_state_with_few_queries(
    client_for, coordinator, programme, django_assert_max_num_queries
):
    for _ in range(5):
        PairFactory(programme=programme)
    ended = PairFactory(
        programme=programme,
        state="ended",
        ended_on=datetime.date(2019, 5, 1),
        end_reason="completed",
    )
    client = client_for(coordinator)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("matching:pair_list"), {"state": "ended"})

    assert response.status_code == 200
    assert list(response.context["page"]) == [ended]


def test_pair_list_loads_only_the_columns_it_shows(client_for, coordinator, programme):
    client = client_for(coordinator)
    PairFactory(programme=programme)
    with CaptureQueriesContext(connection) as one_row:
        client.get(reverse("matching:pair_list"))
    for _ in range(20):
        PairFactory(programme=programme)
    with CaptureQueriesContext(connection) as many_rows:
        response = client.get(reverse("matching:pair_list"))

    pair = response.context["page"][0]
    assert {"phone", "email", "notes"} <= pair.newcomer.get_deferred_fields()
    assert {"phone", "email", "notes"} <= pair.established.get_deferred_fields()
    assert pair.newcomer.full_name in response.content.decode()
    # The columns it shows are loaded with the rows: no query per row.
    assert len(many_rows.captured_queries) == len(one_row.captured_queries)


def test_pair_list_shows_only_the_programmes_pairs(
    client_for, coordinator, programme, other_programme
):
    mine = PairFactory(programme=programme)
    PairFactory(programme=other_programme)

    response = client_for(coordinator).get(reverse("matching:pair_list"))

    assert list(response.context["page"]) == [mine]


def test_follow_up_page_records_whether_they_meet(client_for, coordinator, active_pair, programme):
    follow_up = active_pair.follow_ups.get(kind="one_month")
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=datetime.date(2019, 1, 1))
    client = client_for(coordinator)
    assert "Nadia" in client.get(reverse("matching:follow_ups")).content.decode()

    response = client.post(
        reverse("matching:follow_up_record", args=[follow_up.pk]),
        {f"fu{follow_up.pk}-met": "no", f"fu{follow_up.pk}-on": "2019-07-01"},
    )

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.met, follow_up.recorded_on) == (False, datetime.date(2019, 7, 1))
    html = client.get(reverse("matching:follow_ups")).content.decode()
    assert "Not meeting after one month" in html and "Nadia" in html


def test_follow_up_saying_they_meet_needs_how_often(client_for, coordinator, active_pair):
    follow_up = active_pair.follow_ups.get(kind="one_month")

    response = client_for(coordinator).post(
        reverse("matching:follow_up_record", args=[follow_up.pk]),
        {f"fu{follow_up.pk}-met": "yes", f"fu{follow_up.pk}-on": "2019-07-01"},
    )

    assert response.status_code == 400
    follow_up.refresh_from_db()
    assert follow_up.recorded_on is None


def test_settings_page_saves_the_weights(client_for, coordinator, programme):
    client = client_for(coordinator)
    form = client.get(reverse("matching:settings")).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["same_district"] = 7

    response = client.post(reverse("matching:settings"), data)

    assert response.status_code == 302
    assert programme.matching_settings.weights["same_district"] == 7


def test_large_pool_runs_in_the_background_and_shows_the_result(
    client_for, coordinator, programme, newcomer, volunteer, django_capture_on_commit_callbacks
):
    update_settings(programme, weights={}, changed_by=coordinator)
    programme.matching_settings.background_from = 0
    programme.matching_settings.save()
    client = client_for(coordinator)
    assert "Nadia" not in client.get(reverse("matching:proposals")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:proposal_run_start"))

    assert response.status_code == 302
    run = ProposalRun.objects.get()
    assert (run.state, run.percent) == ("done", 100)
    assert [p["newcomer_id"] for p in run.proposals] == [newcomer.pk]
    html = client.get(reverse("matching:proposals")).content.decode()
    assert "Nadia" in html and "both in Skäggetorp" in html
    status = client.get(
        reverse("matching:proposal_run_status", args=[run.pk]), HTTP_HX_REQUEST="true"
    )
    assert status["HX-Refresh"] == "true"


def test_a_queued_background_run_shows_its_progress_and_refreshes_without_js(
    client_for, coordinator, programme, newcomer, volunteer
):
    update_settings(programme, weights={}, changed_by=coordinator)
    programme.matching_settings.background_from = 0
    programme.matching_settings.save()
    ProposalRun.objects.create(programme=programme, today=datetime.date(2019, 6, 1))

    html = client_for(coordinator).get(reverse("matching:proposals")).content.decode()

    assert '<meta http-equiv="refresh" content="5">' in html
    assert "<progress" in html
    assert 'hx-trigger="every 2s"' in html
