"""The Reminders card of an activity: Alice (coordinator) and Leo (the activity's leader) add
and remove people; Leo reaches only people who came to his activity and sees first names."""

import pytest
from django.urls import reverse

from sprakvan.activities.models import Activity, ReminderSubscription
from sprakvan.activities.services import subscribe
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def current(activity: Activity) -> set[int]:
    return set(
        ReminderSubscription.objects.current()
        .filter(activity=activity)
        .values_list("participant", flat=True)
    )


def test_the_card_lists_subscribers_and_offers_the_regulars_not_yet_subscribed(
    client_for, coordinator, activity, regulars
):
    amina, omar = regulars
    subscribe(amina, activity, by=coordinator)

    page = client_for(coordinator).get(reverse("activities:activity_detail", args=[activity.pk]))

    card = page.content.decode().split('id="reminders"')[1]
    assert f'data-testid="subscriber-{amina.pk}"' in card
    assert "Amina Yusuf" in card
    assert f'<option value="{omar.pk}">Omar Haddad</option>' in card
    assert f'<option value="{amina.pk}"' not in card


def test_a_leader_sees_first_names_only(client_for, leader, activity, regulars):
    subscribe(regulars[0], activity, by=None)

    page = client_for(leader).get(reverse("activities:activity_detail", args=[activity.pk]))

    card = page.content.decode().split('id="reminders"')[1]
    assert "Amina" in card and "Yusuf" not in card and "Haddad" not in card


def test_a_leader_adds_a_regular_and_removes_them_again(client_for, leader, activity, regulars):
    amina = regulars[0]
    client = client_for(leader)

    added = client.post(
        reverse("activities:reminder_add", args=[activity.pk]), {"participant": amina.pk}
    )
    assert added.status_code == 302
    assert added["Location"].endswith(f"/activities/{activity.pk}/#reminders")
    assert current(activity) == {amina.pk}
    assert ReminderSubscription.objects.get().created_by == leader

    removed = client.post(
        reverse("activities:reminder_remove", args=[activity.pk]), {"participant": amina.pk}
    )
    assert removed.status_code == 302
    assert current(activity) == set()
    assert ReminderSubscription.objects.get().withdrawn_at is not None


def test_a_leader_cannot_add_someone_who_never_came(client_for, leader, activity, programme):
    stranger = ParticipantFactory(programme=programme, first_name="Sara")

    response = client_for(leader).post(
        reverse("activities:reminder_add", args=[activity.pk]), {"participant": stranger.pk}
    )

    assert response.status_code == 404
    assert current(activity) == set()


def test_a_coordinator_adds_anyone_in_the_programme_but_nobody_from_another(
    client_for, coordinator, activity, programme, other_programme
):
    sara = ParticipantFactory(programme=programme, first_name="Sara")
    theirs = ParticipantFactory(programme=other_programme, first_name="Tova")
    client = client_for(coordinator)
    url = reverse("activities:reminder_add", args=[activity.pk])

    assert client.post(url, {"participant": sara.pk}).status_code == 302
    assert client.post(url, {"participant": theirs.pk}).status_code == 404
    assert client.post(url, {"participant": "x"}).status_code == 404
    assert current(activity) == {sara.pk}


def test_removing_someone_not_subscribed_is_a_404(client_for, coordinator, activity, regulars):
    response = client_for(coordinator).post(
        reverse("activities:reminder_remove", args=[activity.pk]), {"participant": regulars[0].pk}
    )
    assert response.status_code == 404


def test_the_other_leader_cannot_touch_the_activitys_reminders(
    client_for, other_leader, activity, regulars
):
    response = client_for(other_leader).post(
        reverse("activities:reminder_add", args=[activity.pk]), {"participant": regulars[0].pk}
    )
    assert response.status_code == 404
    assert current(activity) == set()


def test_the_changes_refuse_get(client_for, coordinator, activity):
    client = client_for(coordinator)
    for name in ["reminder_add", "reminder_remove", "reminder_search"]:
        assert client.get(reverse(f"activities:{name}", args=[activity.pk])).status_code == 405


def test_the_search_finds_people_by_name_with_a_button_to_add_them(
    client_for, coordinator, activity, programme, regulars
):
    sara = ParticipantFactory(programme=programme, first_name="Sara", last_name="Lind")
    subscribe(regulars[0], activity, by=None)
    client = client_for(coordinator)

    page = client.post(reverse("activities:reminder_search", args=[activity.pk]), {"q": "lind"})
    none_left = client.post(
        reverse("activities:reminder_search", args=[activity.pk]), {"q": "Amina"}
    )

    assert page.status_code == 200
    assert "Sara Lind" in page.content.decode()
    assert f'name="participant" value="{sara.pk}"' in page.content.decode()
    assert "Nobody found who does not get reminders already." in none_left.content.decode()


def test_a_leaders_search_finds_only_people_who_came_by_first_name(
    client_for, leader, activity, programme, regulars
):
    ParticipantFactory(programme=programme, first_name="Omar", last_name="Stranger")

    page = client_for(leader).post(
        reverse("activities:reminder_search", args=[activity.pk]), {"q": "Omar"}
    )

    text = page.content.decode()
    assert f'value="{regulars[1].pk}"' in text
    assert text.count('name="participant"') == 1
    assert "Haddad" not in text
