"""An activity's picture sequence: the services keep positions 1…n in order and at most eight
steps; the coordinator edits it on the staff side (POST only); leaders and other programmes
cannot."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sprakvan.activities import services
from sprakvan.activities.forms import ActivityForm
from sprakvan.activities.models import MAX_PICTURE_STEPS, Activity, PictureStep
from sprakvan.core.models import AuditEvent

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _sequence(activity: Activity) -> list[tuple[int, str, str]]:
    return list(activity.picture_steps.values_list("position", "picture", "note"))


def _add(activity: Activity, *pictures: str) -> list[PictureStep]:
    return [
        services.add_picture_step(activity, picture=picture, added_by=None) for picture in pictures
    ]


# The services


def test_steps_are_added_at_the_end_and_switch_picture_support_on(activity, coordinator):
    assert not activity.picture_support
    services.add_picture_step(
        activity, picture="meet", note="Vid stora trappan", added_by=coordinator
    )
    services.add_picture_step(activity, picture="fika", added_by=coordinator)
    assert _sequence(activity) == [(1, "meet", "Vid stora trappan"), (2, "fika", "")]
    activity.refresh_from_db()
    assert activity.picture_support
    assert (
        AuditEvent.objects.filter(
            action="activities.picture_step.added", object_id=activity.pk, actor=coordinator
        ).count()
        == 2
    )


def test_a_ninth_step_is_refused(activity):
    _add(activity, *["walk"] * MAX_PICTURE_STEPS)
    with pytest.raises(ValidationError):
        services.add_picture_step(activity, picture="goodbye", added_by=None)
    assert activity.picture_steps.count() == MAX_PICTURE_STEPS == 8


def test_an_unknown_picture_is_refused(activity):
    with pytest.raises(ValidationError):
        services.add_picture_step(activity, picture="rocket", added_by=None)
    assert not activity.picture_steps.exists()


def test_removing_a_step_closes_the_gap(activity):
    walk = _add(activity, "meet", "walk", "look", "goodbye")[1]
    services.remove_picture_step(walk, removed_by=None)
    assert _sequence(activity) == [(1, "meet", ""), (2, "look", ""), (3, "goodbye", "")]


def test_moving_up_and_down_swaps_with_the_neighbour_and_stops_at_the_ends(activity):
    meet, walk, fika = _add(activity, "meet", "walk", "fika")
    services.move_picture_step(fika, direction="up", moved_by=None)
    assert [p for _n, p, _t in _sequence(activity)] == ["meet", "fika", "walk"]
    services.move_picture_step(meet, direction="down", moved_by=None)
    assert [p for _n, p, _t in _sequence(activity)] == ["fika", "meet", "walk"]
    services.move_picture_step(PictureStep.objects.get(pk=fika.pk), direction="up", moved_by=None)
    services.move_picture_step(PictureStep.objects.get(pk=walk.pk), direction="down", moved_by=None)
    assert _sequence(activity) == [(1, "fika", ""), (2, "meet", ""), (3, "walk", "")]


def test_a_step_moved_from_a_stale_copy_moves_from_where_it_is_now(activity):
    fika = _add(activity, "meet", "walk", "fika")[2]
    stale = PictureStep.objects.get(pk=fika.pk)  # position 3 in memory
    services.move_picture_step(fika, direction="up", moved_by=None)  # now 2
    services.move_picture_step(stale, direction="up", moved_by=None)  # 2 → 1, not 3 → 2
    assert [p for _n, p, _t in _sequence(activity)] == ["fika", "meet", "walk"]


def test_changing_a_step_keeps_its_place(activity):
    _meet, walk = _add(activity, "meet", "walk")
    services.change_picture_step(walk, picture="bus", note="Buss 12", changed_by=None)
    assert _sequence(activity) == [(1, "meet", ""), (2, "bus", "Buss 12")]


def test_the_activity_form_keeps_picture_support_while_there_is_a_sequence(activity, programme):
    _add(activity, "meet")
    activity.refresh_from_db()
    data = {
        "type": activity.type,
        "title": activity.title,
        "language_level": activity.language_level,
        "is_active": "on",
        "version": ActivityForm(instance=activity, programme=programme)["version"].value(),
    }
    form = ActivityForm(data, instance=activity, programme=programme)
    assert not form.is_valid()
    assert "picture_support" in form.errors
    assert ActivityForm(
        {**data, "picture_support": "on"}, instance=activity, programme=programme
    ).is_valid()


# The coordinator's pages


def _steps_url(activity: Activity) -> str:
    return reverse("activities:picture_steps", args=[activity.pk])


def test_the_coordinator_adds_changes_moves_and_removes_steps(client_for, coordinator, activity):
    client = client_for(coordinator)
    add = reverse("activities:picture_step_add", args=[activity.pk])
    assert client.post(add, {"picture": "meet", "note": "Vid entrén"}).status_code == 302
    assert client.post(add, {"picture": "fika"}).status_code == 302
    first, second = activity.picture_steps.all()

    page = client.get(_steps_url(activity)).content.decode()
    assert "1. We meet" in page and "Vid entrén" in page and "2. We have coffee" in page

    edit = reverse("activities:picture_step_edit", args=[first.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"picture": "look", "note": "Vid slottet"}).status_code == 302
    move = reverse("activities:picture_step_move", args=[second.pk])
    response = client.post(move, {"direction": "up"})
    assert response.status_code == 302 and response.url.endswith(f"#step-{second.pk}")
    assert _sequence(activity) == [(1, "fika", ""), (2, "look", "Vid slottet")]

    remove = reverse("activities:picture_step_remove", args=[second.pk])
    assert client.post(remove).status_code == 302
    assert _sequence(activity) == [(1, "look", "Vid slottet")]


def test_an_invalid_picture_shows_the_form_again(client_for, coordinator, activity):
    response = client_for(coordinator).post(
        reverse("activities:picture_step_add", args=[activity.pk]), {"picture": "rocket"}
    )
    assert response.status_code == 400
    assert not activity.picture_steps.exists()


def test_a_full_sequence_offers_no_form_and_refuses_a_ninth(client_for, coordinator, activity):
    _add(activity, *["walk"] * MAX_PICTURE_STEPS)
    client = client_for(coordinator)
    assert 'name="picture"' not in client.get(_steps_url(activity)).content.decode()
    response = client.post(
        reverse("activities:picture_step_add", args=[activity.pk]), {"picture": "meet"}
    )
    assert response.status_code == 400
    assert activity.picture_steps.count() == MAX_PICTURE_STEPS


@pytest.mark.parametrize("name", ["picture_step_add", "picture_step_remove", "picture_step_move"])
def test_a_change_refuses_get(client_for, coordinator, activity, name):
    (step,) = _add(activity, "meet")
    pk = activity.pk if name == "picture_step_add" else step.pk
    assert client_for(coordinator).get(reverse(f"activities:{name}", args=[pk])).status_code == 405
    assert _sequence(activity) == [(1, "meet", "")]


def test_leaders_may_not_edit_the_sequence_not_even_their_own_activitys(
    client_for, leader, other_leader, activity
):
    """Picture support is part of the activity, which only coordinators edit."""
    (step,) = _add(activity, "meet")
    for user in (leader, other_leader):
        client = client_for(user)
        assert client.get(_steps_url(activity)).status_code == 403
        add = reverse("activities:picture_step_add", args=[activity.pk])
        assert client.post(add, {"picture": "walk"}).status_code == 403
        remove = reverse("activities:picture_step_remove", args=[step.pk])
        assert client.post(remove).status_code == 403
    assert _sequence(activity) == [(1, "meet", "")]


def test_another_programmes_coordinator_gets_404(client_for, outsider, activity):
    (step,) = _add(activity, "meet")
    client = client_for(outsider)
    assert client.get(_steps_url(activity)).status_code == 404
    assert client.get(reverse("activities:picture_step_edit", args=[step.pk])).status_code == 404
    for name, data in [
        ("picture_step_edit", {"picture": "bus"}),
        ("picture_step_remove", {}),
        ("picture_step_move", {"direction": "down"}),
    ]:
        assert client.post(reverse(f"activities:{name}", args=[step.pk]), data).status_code == 404
    assert (
        client.post(
            reverse("activities:picture_step_add", args=[activity.pk]), {"picture": "bus"}
        ).status_code
        == 404
    )
    assert _sequence(activity) == [(1, "meet", "")]


def test_the_activity_page_lists_the_pictures_and_links_to_the_editor(
    client_for, coordinator, leader, activity
):
    _add(activity, "meet", "goodbye")
    detail = reverse("activities:activity_detail", args=[activity.pk])
    as_coordinator = client_for(coordinator).get(detail).content.decode()
    assert "1. We meet" in as_coordinator and "2. We say goodbye" in as_coordinator
    assert _steps_url(activity) in as_coordinator
    as_leader = client_for(leader).get(detail).content.decode()
    assert "1. We meet" in as_leader and _steps_url(activity) not in as_leader


def test_steps_go_with_their_activity(activity):
    other = ActivityFactory(programme=activity.programme)
    _add(activity, "meet")
    _add(other, "walk", "talk")
    assert _sequence(other) == [(1, "walk", ""), (2, "talk", "")]
    activity.delete()
    assert PictureStep.objects.count() == 2
