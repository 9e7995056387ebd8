"""The leader's label: first name, last-name initial and birth year, and just enough more to
tell two people apart (the three Hodans of Skäggetorp), never more than a leader may see."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sprakvan.activities.labels import leader_label, leader_labels
from sprakvan.activities.models import Attendance
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def _born(name: str, year: int) -> str:
    return _("%(name)s (b. %(year)s)") % {"name": name, "year": year}


@pytest.fixture
def hodans(programme):
    """Three Hodans from Skäggetorp: Ahmed 1990, Ali 1990 and Ali 1990 again (two people)."""
    skaggetorp = programme.districts.get(name="Skäggetorp")
    return [
        ParticipantFactory(
            programme=programme,
            first_name="Hodan",
            last_name=last,
            birth_year=1990,
            district=skaggetorp,
            phone=phone,
            email=f"hodan{i}@example.org",
        )
        for i, (last, phone) in enumerate(
            [("Ahmed", "+46701110001"), ("Ali", "+46701110002"), ("Ali", "+46701110003")]
        )
    ]


def test_a_label_is_first_name_last_initial_and_birth_year(programme):
    person = ParticipantFactory(
        programme=programme, first_name="Amina", last_name="Yusuf", birth_year=1987
    )
    assert leader_label(person) == _born("Amina Y.", 1987)


def test_a_label_without_last_name_or_birth_year_is_the_first_name(programme):
    person = ParticipantFactory(
        programme=programme, first_name="Amina", last_name="", birth_year=None
    )
    assert leader_label(person) == "Amina"


def test_two_people_with_the_same_first_name_and_district_are_told_apart(programme, hodans):
    ahmed, ali, _ali_again = hodans
    labels = leader_labels([ahmed, ali])
    assert labels[ahmed.pk] != labels[ali.pk]
    # "A." for both: the last names grow until they differ, "Ah." and "Al.".
    assert labels[ahmed.pk] == _born("Hodan Ah.", 1990)
    assert labels[ali.pk] == _born("Hodan Al.", 1990)


def test_people_alike_in_all_a_leader_sees_get_their_number(programme, hodans):
    _ahmed, ali, ali_again = hodans
    labels = leader_labels([ali, ali_again])
    assert labels[ali.pk] != labels[ali_again.pk]
    assert labels[ali.pk].endswith(str(ali.pk)) and labels[ali_again.pk].endswith(str(ali_again.pk))


def test_people_in_different_districts_keep_the_short_label(programme):
    berga, skaggetorp = (programme.districts.get(name=n) for n in ("Berga", "Skäggetorp"))
    one, other = (
        ParticipantFactory(
            programme=programme, first_name="Hodan", last_name=last, birth_year=1990, district=d
        )
        for last, d in [("Ahmed", berga), ("Ali", skaggetorp)]
    )
    assert set(leader_labels([one, other]).values()) == {_born("Hodan A.", 1990)}


def test_a_label_is_told_apart_from_the_people_among_whom_it_is_shown(programme, hodans):
    ahmed, ali, _ali_again = hodans
    assert leader_labels([ahmed])[ahmed.pk] == _born("Hodan A.", 1990)
    assert leader_labels([ahmed], among=[ali])[ahmed.pk] == _born("Hodan Ah.", 1990)


def test_the_label_shows_no_more_than_a_leader_may_see(programme, hodans):
    labels = leader_labels(hodans)
    for person in hodans:
        label = labels[person.pk]
        assert str(person.phone) not in label and str(person.phone)[-7:] not in label
        assert person.email not in label
        assert person.get_gender_display() not in label
    assert "Ahmed" not in labels[hodans[0].pk]


def test_the_attendance_page_and_the_printed_list_tell_the_hodans_apart(
    client_for, leader, coordinator, session, hodans
):
    earlier = SessionFactory(activity=session.activity, date=session.date - datetime.timedelta(7))
    for person in hodans:
        Attendance.objects.create(session=earlier, participant=person)
    client = client_for(leader)
    with translation.override("en"):
        expected = leader_labels(hodans)
    for name in ("activities:session_attendance", "activities:session_print"):
        html = client.get(reverse(name, args=[session.pk])).content.decode()
        for person in hodans:
            assert f'<bdi class="tick-name">{expected[person.pk]}</bdi>' in html or (
                f"<td><bdi>{expected[person.pk]}</bdi></td>" in html
            )
        assert "Ahmed" not in html
    coordinator_html = (
        client_for(coordinator)
        .get(reverse("activities:session_attendance", args=[session.pk]))
        .content.decode()
    )
    assert "Hodan Ahmed" in coordinator_html


def test_a_ticked_row_keeps_the_label_it_has_in_the_list(client_for, leader, session, hodans):
    """The row sent back after a tick is told apart from the whole list, like the page."""
    earlier = SessionFactory(activity=session.activity, date=session.date - datetime.timedelta(7))
    for person in hodans:
        Attendance.objects.create(session=earlier, participant=person)
    ahmed = hodans[0]
    response = client_for(leader).post(
        reverse("activities:attendance_tick", args=[session.pk]),
        {"participant": ahmed.pk, "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    with translation.override("en"):
        expected = leader_labels(hodans)[ahmed.pk]
    assert expected == _born("Hodan Ah.", 1990)
    assert expected in response.content.decode()


def test_the_message_after_adding_someone_at_the_door_isolates_the_name(
    client_for, leader, session
):
    """A Latin name inside an Arabic sentence: isolated in <bdi>, as every message does."""
    client = client_for(leader)
    client.cookies["django_language"] = "ar"
    response = client.post(
        reverse("activities:new_person", args=[session.pk]),
        {"first_name": "Yonas", "group": "newcomer", "gender": "man"},
    )
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    with translation.override("ar"):
        expected = _("%(name)s is present. The coordinator will complete the details.") % {
            "name": "<bdi>Yonas</bdi>"
        }
    assert messages == [expected]
