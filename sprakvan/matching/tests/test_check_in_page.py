"""The check-in answer page: no login, the person's language, GET changes nothing, POST records."""

import datetime
import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from sprakvan.core.models import Programme
from sprakvan.matching.models import CheckInAnswer, FollowUp, Pair
from sprakvan.matching.services import record_follow_up
from sprakvan.matching.services.check_ins import CHECK_IN_SALT, check_in_token
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.participants.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(programme: Programme) -> Pair:
    pair = PairFactory(
        programme=programme,
        started_on=datetime.date(2026, 3, 2),
        newcomer__first_name="Amal",
        newcomer__preferred_language="ar",
        established__first_name="Britt",
        established__preferred_language="sv",
    )
    FollowUp.objects.create(
        pair=pair, kind=FollowUp.Kind.ONE_MONTH, due_on=datetime.date(2026, 4, 2)
    )
    return pair


def _url(pair: Pair, person: Participant, *, months: int = 1, token: str = "") -> str:
    return reverse(
        "matching_public:check_in",
        args=[pair.programme.slug, token or check_in_token(pair, person, months=months)],
    )


def _nothing_recorded(pair: Pair) -> None:
    pair.refresh_from_db()
    assert pair.check_in_flag == Pair.Flag.NONE
    assert not CheckInAnswer.objects.exists()
    assert not pair.follow_ups.filter(recorded_on__isnull=False).exists()


def test_opening_the_link_shows_three_answers_in_arabic_and_changes_nothing(
    client: Client, pair: Pair
) -> None:
    response = client.get(_url(pair, pair.newcomer))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Britt" in html
    assert [v for v in ("meeting", "not_met", "stopped") if f'value="{v}"' in html] == [
        "meeting",
        "not_met",
        "stopped",
    ]
    _nothing_recorded(pair)


def test_not_met_fills_the_follow_up_and_flags_the_pair(client: Client, pair: Pair) -> None:
    response = client.post(
        _url(pair, pair.newcomer), {"answer": "not_met", "comment": "Britt har inte svarat."}
    )

    assert response.status_code == 200
    assert 'data-state="answered"' in response.content.decode()
    pair.refresh_from_db()
    assert pair.check_in_flag == Pair.Flag.NOT_MET
    follow_up = pair.follow_ups.get(kind=FollowUp.Kind.ONE_MONTH)
    assert (follow_up.met, follow_up.recorded_by) == (False, None)
    assert follow_up.recorded_on is not None
    answer = CheckInAnswer.objects.get()
    assert (answer.participant, answer.answer, answer.comment) == (
        pair.newcomer,
        "not_met",
        "Britt har inte svarat.",
    )


def test_a_second_answer_replaces_the_first_and_lifts_the_flag(client: Client, pair: Pair) -> None:
    client.post(_url(pair, pair.newcomer), {"answer": "not_met"})
    client.post(_url(pair, pair.newcomer), {"answer": "meeting", "comment": "Nu har vi setts!"})

    answer = CheckInAnswer.objects.get()
    assert (answer.answer, answer.comment) == ("meeting", "Nu har vi setts!")
    pair.refresh_from_db()
    assert pair.check_in_flag == Pair.Flag.NONE
    assert pair.follow_ups.get(kind=FollowUp.Kind.ONE_MONTH).met is True
    # The page remembers the answer when opened again.
    assert 'data-state="answered-before"' in client.get(_url(pair, pair.newcomer)).content.decode()


def test_one_of_them_stopping_flags_the_pair_whatever_the_other_says(
    client: Client, pair: Pair
) -> None:
    client.post(_url(pair, pair.newcomer, months=6), {"answer": "meeting"})
    client.post(_url(pair, pair.established, months=6), {"answer": "stopped"})

    pair.refresh_from_db()
    assert pair.check_in_flag == Pair.Flag.STOPPED
    # The six-month follow-up did not exist yet: the answer creates it, once.
    six = pair.follow_ups.get(kind=FollowUp.Kind.SIX_MONTHS)
    assert six.met is False
    assert CheckInAnswer.objects.filter(follow_up=six).count() == 2


def test_the_coordinators_own_follow_up_is_kept(
    client: Client, pair: Pair, coordinator: Any
) -> None:
    follow_up = pair.follow_ups.get(kind=FollowUp.Kind.ONE_MONTH)
    record_follow_up(
        follow_up,
        met=True,
        frequency="weekly",
        recorded_by=coordinator,
        on=datetime.date(2026, 4, 3),
    )
    client.post(_url(pair, pair.established), {"answer": "not_met"})

    follow_up.refresh_from_db()
    assert (follow_up.met, follow_up.frequency, follow_up.recorded_by) == (
        True,
        "weekly",
        coordinator,
    )
    pair.refresh_from_db()
    assert pair.check_in_flag == Pair.Flag.NOT_MET


def test_a_post_without_an_answer_records_nothing(client: Client, pair: Pair) -> None:
    response = client.post(_url(pair, pair.newcomer), {"answer": "maybe"})
    assert response.status_code == 400
    _nothing_recorded(pair)


def test_a_forged_link_is_refused_kindly(client: Client, pair: Pair) -> None:
    forged = signing.dumps({"p": pair.pk, "q": pair.newcomer_id, "m": 1}, salt="another.salt")
    for token in (forged, check_in_token(pair, pair.newcomer, months=1)[:-2] + "xx"):
        response = client.post(_url(pair, pair.newcomer, token=token), {"answer": "stopped"})
        assert response.status_code == 400
        assert 'data-state="invalid"' in response.content.decode()
    _nothing_recorded(pair)


def test_a_link_older_than_thirty_days_is_refused_in_the_persons_language(
    client: Client, pair: Pair
) -> None:
    class MonthOldSigner(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - 31 * 24 * 3600)

    old = MonthOldSigner(salt=CHECK_IN_SALT).sign_object(
        {"p": pair.pk, "q": pair.newcomer_id, "m": 1}
    )
    response = client.post(_url(pair, pair.newcomer, token=old), {"answer": "stopped"})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-state="expired"' in html and 'lang="ar"' in html
    _nothing_recorded(pair)


def test_a_link_to_another_programmes_pair_is_not_found(
    client: Client, pair: Pair, other_programme: Programme
) -> None:
    theirs = PairFactory(programme=other_programme)
    token = check_in_token(theirs, theirs.newcomer, months=1)
    response = client.post(_url(pair, pair.newcomer, token=token), {"answer": "stopped"})

    assert response.status_code == 404
    assert not CheckInAnswer.objects.exists()


def test_the_coordinator_sees_the_flag_and_the_answer(
    client: Client, client_for: Any, coordinator: Any, pair: Pair
) -> None:
    client.post(_url(pair, pair.established), {"answer": "not_met", "comment": "Ingen tid."})
    staff = client_for(coordinator)

    listed = staff.get(reverse("matching:pair_list"), {"attention": "on"}).content.decode()
    assert 'data-flag="not_met"' in listed and pair.newcomer.full_name in listed
    detail = staff.get(reverse("matching:pair_detail", args=[pair.pk])).content.decode()
    assert 'data-flag="not_met"' in detail
    assert 'data-answer="not_met"' in detail and "Ingen tid." in detail
