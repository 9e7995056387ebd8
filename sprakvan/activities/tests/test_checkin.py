"""QR check-in: a signed, expiring link with only a session id; phone number or name."""

import datetime
import time

import pytest
import time_machine
from django.urls import reverse

from sprakvan.activities import checkin
from sprakvan.activities.models import Attendance

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def _url(session, token: str | None = None) -> str:
    return reverse(
        "activities_public:checkin",
        args=[session.programme.slug, token or checkin.make_token(session.pk)],
    )


def test_the_token_holds_the_session_id_and_nothing_personal(session):
    token = checkin.make_token(session.pk)
    assert token.split(":")[0] == str(session.pk)
    assert checkin.read_token(token) == session.pk


def test_a_tampered_link_is_refused(client, session):
    token = checkin.make_token(session.pk)
    forged = f"{session.pk + 1}:{token.split(':', 1)[1]}"
    response = client.get(_url(session, forged))
    assert response.status_code == 400
    assert 'data-state="invalid"' in response.content.decode()


def test_an_expired_link_is_refused(client, session):
    long_ago = time.time() - checkin.MAX_AGE.total_seconds() - 60
    with time_machine.travel(long_ago, tick=False):
        old_token = checkin.make_token(session.pk)
    response = client.post(_url(session, old_token), {"who": "+46701234567"})
    assert response.status_code == 410
    assert 'data-state="expired"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_participant_checks_in_with_their_phone_number(client, session, regulars):
    response = client.post(_url(session), {"who": "070-123 45 67"})
    assert response.status_code == 200
    assert 'data-state="checked_in"' in response.content.decode()
    attendance = Attendance.objects.get(session=session)
    assert attendance.participant == regulars[0] and attendance.via == Attendance.Via.QR


def test_checking_in_twice_records_one_attendance(client, session, regulars):
    client.post(_url(session), {"who": "Omar Haddad"})
    client.post(_url(session), {"who": "omar  haddad"})
    assert Attendance.objects.filter(session=session, participant=regulars[1]).count() == 1


def test_an_unknown_person_is_asked_to_tell_the_leader(client, session, regulars):
    response = client.post(_url(session), {"who": "Nobody Known"})
    assert 'data-state="not_found"' in response.content.decode()
    assert not Attendance.objects.filter(session=session).exists()


def test_check_in_is_open_on_the_day_of_the_session_only(client, activity, today, regulars):
    tomorrow = SessionFactory(activity=activity, date=today + datetime.timedelta(days=1))
    response = client.post(_url(tomorrow), {"who": "+46701234567"})
    assert 'data-state="not_today"' in response.content.decode()
    assert not Attendance.objects.filter(session=tomorrow).exists()


def test_a_link_for_another_programme_is_404(client, session, other_programme):
    url = reverse(
        "activities_public:checkin", args=[other_programme.slug, checkin.make_token(session.pk)]
    )
    assert client.get(url).status_code == 404


def test_the_qr_code_is_an_svg_for_the_leader(client_for, leader, session):
    response = client_for(leader).get(reverse("activities:session_qr", args=[session.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
