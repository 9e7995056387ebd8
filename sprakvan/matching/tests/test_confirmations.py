"""Asking before rejecting a proposal or ending a pair, and saying what changed afterwards."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from sprakvan.core.bidi import named
from sprakvan.core.concurrency import version_of
from sprakvan.matching.models import Pair, Rejection

from .conftest import make_person
from .factories import PairFactory

pytestmark = pytest.mark.django_db


def ids(newcomer, volunteer):
    return {"newcomer": newcomer.pk, "established": volunteer.pk}


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_reject_question_says_what_happens_and_changes_nothing(
    client_for, coordinator, newcomer, volunteer
):
    response = client_for(coordinator).get(
        reverse("matching:proposal_reject_confirm"), ids(newcomer, volunteer)
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert _("Reject this proposal?") in body
    assert f"<bdi>{newcomer.full_name}</bdi>" in body
    assert f"<bdi>{volunteer.full_name}</bdi>" in body
    assert f'action="{reverse("matching:proposal_reject")}"' in body
    assert f'href="{reverse("matching:proposals")}"' in body
    assert not Rejection.objects.exists()


def test_rejecting_after_the_question_names_both_people(
    client_for, coordinator, newcomer, volunteer
):
    response = client_for(coordinator).post(
        reverse("matching:proposal_reject"), ids(newcomer, volunteer)
    )

    assert Rejection.objects.filter(newcomer=newcomer, established=volunteer).exists()
    assert texts(response) == [
        named(
            _("%(newcomer)s and %(established)s will not be proposed to each other again."),
            newcomer=newcomer.full_name,
            established=volunteer.full_name,
        )
    ]


def test_the_proposal_list_asks_before_rejecting(client_for, coordinator, newcomer, volunteer):
    body = client_for(coordinator).get(reverse("matching:proposals")).content.decode()

    question = reverse("matching:proposal_reject_confirm")
    assert f'href="{question}?newcomer={newcomer.pk}&amp;established={volunteer.pk}"' in body
    assert f'hx-post="{reverse("matching:proposal_reject")}"' not in body


def test_the_end_question_shows_the_form_and_leaves_the_pair_active(
    client_for, coordinator, active_pair
):
    response = client_for(coordinator).get(
        reverse("matching:pair_end_confirm", args=[active_pair.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert _("End this pair?") in body
    assert 'name="end-reason"' in body and 'name="end-version"' in body
    assert f'action="{reverse("matching:pair_end", args=[active_pair.pk])}"' in body
    active_pair.refresh_from_db()
    assert active_pair.state == Pair.State.ACTIVE


def test_the_pair_page_links_to_the_end_question_instead_of_ending_at_once(
    client_for, coordinator, active_pair
):
    body = (
        client_for(coordinator)
        .get(reverse("matching:pair_detail", args=[active_pair.pk]))
        .content.decode()
    )

    assert reverse("matching:pair_end_confirm", args=[active_pair.pk]) in body
    assert f'action="{reverse("matching:pair_end", args=[active_pair.pk])}"' not in body


def test_ending_a_pair_says_which_pair_ended_and_what_the_newcomer_is_now(
    client_for, coordinator, active_pair
):
    response = client_for(coordinator).post(
        reverse("matching:pair_end", args=[active_pair.pk]),
        {
            "end-reason": "moved_away",
            "end-on": "2019-09-01",
            "end-version": version_of(active_pair),
        },
    )

    active_pair.refresh_from_db()
    assert active_pair.state == Pair.State.ENDED
    newcomer = active_pair.newcomer
    assert texts(response) == [
        named(
            _("The pair %(pair)s has ended; %(newcomer)s is now: %(status)s."),
            pair=f"{newcomer.full_name} – {active_pair.established.full_name}",
            newcomer=newcomer.full_name,
            status=newcomer.get_status_display().lower(),
        )
    ]


def test_a_refused_end_shows_the_question_again_with_the_errors(
    client_for, coordinator, active_pair
):
    response = client_for(coordinator).post(
        reverse("matching:pair_end", args=[active_pair.pk]),
        {"end-reason": "", "end-on": "", "end-version": version_of(active_pair)},
    )

    assert response.status_code == 400
    assert _("End this pair?") in response.content.decode()
    active_pair.refresh_from_db()
    assert active_pair.state == Pair.State.ACTIVE


def test_the_end_question_of_an_ended_pair_goes_back_to_the_pair(client_for, coordinator):
    pair = PairFactory(
        programme=coordinator.memberships.first().programme,
        state=Pair.State.ENDED,
        end_reason="moved_away",
        ended_on=datetime.date(2019, 9, 1),
    )

    response = client_for(coordinator).get(reverse("matching:pair_end_confirm", args=[pair.pk]))

    assert response.status_code == 302
    assert response.url == reverse("matching:pair_detail", args=[pair.pk])


def test_htmx_gets_the_question_as_a_dialog_without_the_page(client_for, coordinator, active_pair):
    response = client_for(coordinator).get(
        reverse("matching:pair_end_confirm", args=[active_pair.pk]), headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<dialog class="confirm-dialog"')
    assert "<html" not in body
    assert 'formmethod="dialog"' in body


def test_pausing_names_the_pair(client_for, coordinator, active_pair):
    response = client_for(coordinator).post(
        reverse("matching:pair_pause", args=[active_pair.pk]),
        {"pause-on": "2019-07-01", "pause-version": version_of(active_pair)},
    )

    pair = f"{active_pair.newcomer.full_name} – {active_pair.established.full_name}"
    assert texts(response) == [named(_("The pair %(pair)s is paused."), pair=pair)]


def test_the_second_yes_says_the_pair_is_now_active(client_for, coordinator, proposed_pair):
    client = client_for(coordinator)
    for side in ("newcomer", "established"):
        proposed_pair.refresh_from_db()
        response = client.post(
            reverse("matching:pair_call", args=[proposed_pair.pk]),
            {
                "call-side": side,
                "call-outcome": "agrees",
                "call-called_on": "2019-06-01",
                "call-version": version_of(proposed_pair),
            },
        )

    pair = f"{proposed_pair.newcomer.full_name} – {proposed_pair.established.full_name}"
    assert texts(response)[-1] == named(_("The pair %(pair)s is now active."), pair=pair)


def test_the_pair_page_title_names_the_pair(client_for, coordinator, active_pair):
    body = (
        client_for(coordinator)
        .get(reverse("matching:pair_detail", args=[active_pair.pk]))
        .content.decode()
    )

    title = body.split("<title>")[1].split("</title>")[0]
    assert active_pair.newcomer.full_name in title
    assert active_pair.established.full_name in title


def test_follow_up_forms_are_not_filled_with_a_date(client_for, coordinator, active_pair):
    body = (
        client_for(coordinator)
        .get(reverse("matching:pair_detail", args=[active_pair.pk]))
        .content.decode()
    )

    follow_up = active_pair.follow_ups.first()
    field = body.split(f'name="fu{follow_up.pk}-on"')[1].split(">")[0]
    assert "value=" not in field


def test_the_pair_list_finds_pairs_by_either_name(client_for, coordinator, programme):
    samira = make_person(programme, "newcomer", first_name="Samira", last_name="Haddad")
    karin = make_person(programme, "established", first_name="Karin", last_name="Berg")
    other = make_person(programme, "newcomer", first_name="Olof", last_name="Lind")
    PairFactory(programme=programme, newcomer=samira, established=karin)
    PairFactory(
        programme=programme,
        newcomer=other,
        established=make_person(programme, "established", first_name="Ali", last_name="Tesfay"),
    )
    client = client_for(coordinator)

    by_newcomer = client.get(reverse("matching:pair_list"), {"name": "samira"}).content.decode()
    by_volunteer = client.get(reverse("matching:pair_list"), {"name": "Berg"}).content.decode()

    for body in (by_newcomer, by_volunteer):
        assert "Samira Haddad" in body and "Olof Lind" not in body
