"""Taking attendance: ticks (once, however often sent), search, walk-ins, new people, and who
may see which session."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from sprakvan.activities import services
from sprakvan.activities.models import Attendance, Session, WalkInCount
from sprakvan.core.concurrency import version_of
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def _tick(client, session: Session, participant: Participant, present: str = "1", **headers):
    return client.post(
        reverse("activities:attendance_tick", args=[session.pk]),
        {"participant": participant.pk, "present": present},
        **headers,
    )


def test_a_double_submitted_tick_records_one_attendance(client_for, leader, session, regulars):
    client = client_for(leader)
    amina = regulars[0]
    first = _tick(client, session, amina)
    second = _tick(client, session, amina)
    assert first.status_code == second.status_code == 302
    assert first["Location"].endswith(f"#p-{amina.pk}")
    assert Attendance.objects.filter(session=session, participant=amina).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_person(session, regulars):
    Attendance.objects.create(session=session, participant=regulars[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(session=session, participant=regulars[0])


def test_record_attendance_says_whether_it_added_a_row(session, regulars, leader):
    _row, created = services.record_attendance(session, regulars[0], recorded_by=leader)
    _row, again = services.record_attendance(session, regulars[0], recorded_by=leader)
    assert (created, again) == (True, False)


def test_an_htmx_tick_answers_with_the_row_and_the_new_count(client_for, leader, session, regulars):
    response = _tick(client_for(leader), session, regulars[1], HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="p-{regulars[1].pk}"' in html
    assert 'aria-pressed="true"' in html
    assert 'hx-swap-oob="true"' in html and "<strong>1</strong>" in html
    assert "<html" not in html


def test_unticking_removes_the_attendance(client_for, leader, session, regulars):
    client = client_for(leader)
    _tick(client, session, regulars[0])
    _tick(client, session, regulars[0], present="0")
    assert not Attendance.objects.filter(session=session).exists()


def test_a_tick_by_get_is_not_allowed(client_for, leader, session):
    response = client_for(leader).get(reverse("activities:attendance_tick", args=[session.pk]))
    assert response.status_code == 405


def test_a_tick_for_another_programmes_participant_is_404(
    client_for, leader, session, other_programme
):
    stranger = ParticipantFactory(programme=other_programme)
    assert _tick(client_for(leader), session, stranger).status_code == 404
    assert not Attendance.objects.exists()


def test_a_leader_gets_404_on_another_leaders_session(client_for, leader, other_activity, today):
    theirs = SessionFactory(activity=other_activity, date=today)
    client = client_for(leader)
    assert client.get(reverse("activities:session_attendance", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("activities:session_pdf", args=[theirs.pk])).status_code == 404
    assert (
        client.get(reverse("activities:activity_detail", args=[other_activity.pk])).status_code
        == 404
    )


def test_a_leader_lists_only_their_own_activities_and_sessions(
    client_for, leader, session, other_activity, today
):
    SessionFactory(activity=other_activity, date=today)
    client = client_for(leader)
    activities = client.get(reverse("activities:activity_list")).content.decode()
    sessions = client.get(reverse("activities:session_list")).content.decode()
    assert "Språkcafé Skäggetorp" in activities and "Walk and talk Berga" not in activities
    assert "Språkcafé Skäggetorp" in sessions and "Walk and talk Berga" not in sessions


def test_an_outsider_gets_404_on_the_session(client_for, outsider, session):
    response = client_for(outsider).get(reverse("activities:session_attendance", args=[session.pk]))
    assert response.status_code == 404


def test_a_partner_viewer_may_not_take_attendance(client_for, partner_viewer, session):
    response = client_for(partner_viewer).get(
        reverse("activities:session_attendance", args=[session.pk])
    )
    assert response.status_code == 403


def test_a_leader_sees_first_names_only_and_the_coordinator_full_names(
    client_for, leader, coordinator, session, regulars
):
    seen_by_leader = client_for(leader).get(
        reverse("activities:session_attendance", args=[session.pk])
    )
    seen_by_coordinator = client_for(coordinator).get(
        reverse("activities:session_attendance", args=[session.pk])
    )
    assert "Amina" in seen_by_leader.content.decode()
    assert "Yusuf" not in seen_by_leader.content.decode()
    assert "Amina Yusuf" in seen_by_coordinator.content.decode()


def test_regulars_are_people_who_came_to_this_activity_before(session, regulars, other_activity):
    stranger = ParticipantFactory(programme=session.programme, first_name="Elsa")
    Attendance.objects.create(
        session=SessionFactory(activity=other_activity, date=session.date), participant=stranger
    )
    assert list(services.regulars_of(session)) == regulars


def test_the_attendance_page_has_a_pinned_number_of_queries(
    client_for, leader, session, regulars, django_assert_max_num_queries
):
    client = client_for(leader)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("activities:session_attendance", args=[session.pk]))
    assert response.status_code == 200


def test_search_by_post_finds_someone_who_is_not_a_regular(client_for, leader, session):
    """Selam came to the café last year: no longer a regular, still on the activity's lists."""
    selam = ParticipantFactory(programme=session.programme, first_name="Selam", last_name="Tesfaye")
    last_year = SessionFactory(
        activity=session.activity, date=session.date - datetime.timedelta(days=300)
    )
    Attendance.objects.create(session=last_year, participant=selam)
    assert selam not in services.regulars_of(session)
    response = client_for(leader).post(
        reverse("activities:attendance_search", args=[session.pk]), {"q": "selam"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Selam" in html and "Tesfaye" not in html


def test_search_by_htmx_answers_with_the_results_only(client_for, coordinator, session):
    ParticipantFactory(programme=session.programme, first_name="Selam", last_name="Tesfaye")
    response = client_for(coordinator).post(
        reverse("activities:attendance_search", args=[session.pk]),
        {"q": "Tesf"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Selam Tesfaye" in html and "<html" not in html


def test_walk_ins_are_saved_by_group_and_gender_and_replaced_on_resave(client_for, leader, session):
    client = client_for(leader)
    url = reverse("activities:walk_ins_save", args=[session.pk])
    client.post(url, {"newcomer_woman": 4, "newcomer_man": 3, "established_woman": 2})
    response = client.post(url, {"newcomer_woman": 5, "newcomer_man": 3, "established_man": 1})
    assert response.status_code == 302
    row = WalkInCount.objects.get(session=session)
    assert (row.newcomer_woman, row.newcomer_man, row.established_woman, row.established_man) == (
        5,
        3,
        0,
        1,
    )
    assert row.total == 9


def test_negative_walk_ins_are_refused(client_for, leader, session):
    response = client_for(leader).post(
        reverse("activities:walk_ins_save", args=[session.pk]), {"newcomer_woman": -2}
    )
    assert response.status_code == 400
    assert not WalkInCount.objects.exists()


def test_a_new_person_becomes_a_participant_for_the_coordinator_and_is_present(
    client_for, leader, session
):
    response = client_for(leader).post(
        reverse("activities:new_person", args=[session.pk]),
        {"first_name": "Yonas", "phone": "070-111 22 33", "group": "newcomer", "gender": "man"},
    )
    assert response.status_code == 302
    yonas = Participant.objects.get(first_name="Yonas")
    assert yonas.needs_review and yonas.source == "staff"
    assert yonas.district == session.activity.district
    assert str(yonas.phone) == "+46701112233"
    assert Attendance.objects.get(participant=yonas).via == Attendance.Via.NEW


def test_cancelling_a_session_needs_post_and_shows_on_the_page(client_for, leader, session):
    client = client_for(leader)
    url = reverse("activities:session_cancel", args=[session.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"note": "Sjuk ledare", "version": version_of(session)})
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED and session.note == "Sjuk ledare"


def test_only_a_coordinator_moves_a_session(client_for, leader, coordinator, session):
    url = reverse("activities:session_move", args=[session.pk])
    assert client_for(leader).get(url).status_code == 403
    new_date = session.date + datetime.timedelta(days=1)
    response = client_for(coordinator).post(
        url,
        {
            "date": new_date.isoformat(),
            "start_time": "17:00",
            "end_time": "19:00",
            "version": version_of(session),
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.date == new_date and session.start_time == datetime.time(17)


def test_regulars_count_neither_a_session_long_ago_nor_one_ahead(session):
    """Only the window before the session counts: not a visit years ago, nor a future session
    someone is already ticked for (a list filled in ahead by mistake)."""
    long_ago = ParticipantFactory(programme=session.programme, first_name="Dawit")
    ahead = ParticipantFactory(programme=session.programme, first_name="Hodan")
    recent = ParticipantFactory(programme=session.programme, first_name="Leyla")
    for person, days in ((long_ago, -3650), (ahead, 7), (recent, -7)):
        Attendance.objects.create(
            session=SessionFactory(
                activity=session.activity, date=session.date + datetime.timedelta(days=days)
            ),
            participant=person,
        )
    assert list(services.regulars_of(session)) == [recent]
