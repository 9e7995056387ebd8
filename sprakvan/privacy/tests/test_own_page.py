"""The participant's own page: Amina (a newcomer of Vi ses) sees everything the programme holds
about her in words, changes her phone, times and interests, pauses, leaves and switches her
messages; every change is audited; Omar's ids are a 404 to her; nobody signed in is sent to
the sign-in page."""

from __future__ import annotations

import datetime
import html
import re
from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext

from sprakvan.accounts.models import User
from sprakvan.activities.models import Activity, ReminderSubscription
from sprakvan.activities.services.waiting_news import queue_waiting_news
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory, VenueFactory
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.matching.models import Pair
from sprakvan.matching.pools import available_established, load_market, waiting_newcomers
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.tests.people import sending_programme
from sprakvan.organisations.models import Organisation
from sprakvan.participants.choices import INTERESTS, LANGUAGES, WEEKDAYS
from sprakvan.participants.consents import STANDARD_NOTICE_VERSION, give_consent
from sprakvan.participants.models import (
    INTEREST_SLUGS,
    LANGUAGE_CODES,
    Consent,
    ConsentPurpose,
    Participant,
    SwedishLevel,
    mask_of,
)
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory
from sprakvan.privacy.models import PrivacySettings
from sprakvan.privacy.own.changes import leave_programme, pause_participant
from sprakvan.privacy.session import sign_in

# "Today" is read by the test and the code: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
GIVEN = datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)


def signed_in(participant: Participant) -> Client:
    """A browser with the participant signed in to their programme's own page."""
    request = RequestFactory().get("/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    sign_in(request, participant)
    request.session.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key or ""
    return client


def url(name: str, programme: Programme) -> str:
    return reverse(f"privacy_public:{name}", kwargs={"programme_slug": programme.slug})


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def fact(response: Any, key: str) -> str:
    """The words shown for one fact, tags and extra spaces removed."""
    found = re.search(rf'data-fact="{key}">(.*?)</dd>', text_of(response), re.S)
    assert found, f"no fact {key}"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


@pytest.fixture
def amina(programme: Programme, referring_organisation: Organisation) -> Participant:
    amina = ParticipantFactory(
        programme=programme,
        first_name="Amina",
        last_name="Yusuf",
        phone="+46701234567",
        email="amina@example.org",
        gender="woman",
        birth_year=1988,
        district=programme.districts.get(name="Skäggetorp"),
        languages=mask_of(["ar", "en"], LANGUAGE_CODES),
        swedish_level=SwedishLevel.A_LITTLE,
        interests=mask_of(["cooking", "walking"], INTEREST_SLUGS),
        availability=(1 << 3) | (1 << 5) | (1 << 20),  # Tue morning, Tue evening, Sun evening
        wish_gender="woman",
        wish_age_min=25,
        wish_age_max=45,
        is_family=True,
        source="referral",
        source_organisation=referring_organisation,
        heard_about="organisation",
        preferred_language="ar",
        external_id="LKP-17",
        registered_on=datetime.date(2025, 3, 1),
    )
    ConsentFactory(participant=amina, purpose=ConsentPurpose.REGISTRATION, given_at=GIVEN)
    ConsentFactory(
        participant=amina, purpose=ConsentPurpose.MESSAGES, channel="sms", given_at=GIVEN
    )
    return amina


@pytest.fixture
def omar(programme: Programme) -> Participant:
    return ParticipantFactory(
        programme=programme, first_name="Omar", last_name="Haddad", phone="+46707654321"
    )


@pytest.fixture
def client(amina: Participant) -> Client:
    return signed_in(amina)


def audit(action: str, participant: Participant) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=participant.pk))


# Not signed in


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("own_page", "get"),
        ("own_details", "get"),
        ("own_details", "post"),
        ("own_times", "post"),
        ("own_interests", "get"),
        ("own_pause", "post"),
        ("own_leave", "post"),
        ("own_messages", "post"),
        ("own_reminders", "post"),
        ("own_back", "post"),
    ],
)
def test_nobody_signed_in_is_sent_to_the_sign_in_page_and_nothing_changes(
    programme: Programme, amina: Participant, name: str, method: str
) -> None:
    response = getattr(Client(), method)(url(name, programme), {"channel": "sms", "on": "0"})

    assert response.status_code == 302
    assert response["Location"] == url("sign_in", programme)
    assert Consent.objects.filter(participant=amina, withdrawn_at__isnull=False).count() == 0


def test_a_sign_in_to_one_programme_does_not_open_another_programmes_page(
    amina: Participant, other_programme: Programme
) -> None:
    response = signed_in(amina).get(url("own_page", other_programme))

    assert response.status_code == 302
    assert response["Location"] == url("sign_in", other_programme)


@pytest.mark.parametrize("name", ["own_messages", "own_reminders", "own_back"])
def test_the_switches_refuse_get(client: Client, programme: Programme, name: str) -> None:
    assert client.get(url(name, programme)).status_code == 405


# What the page shows


def test_the_page_shows_every_field_in_words_not_codes(
    client: Client, programme: Programme, amina: Participant
) -> None:
    response = client.get(url("own_page", programme), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]

    with translation.override("sv"):
        assert gettext("New in Sweden") in fact(response, "group")
        assert fact(response, "name") == "Amina Yusuf"
        assert fact(response, "phone") == "070-123 45 67"
        assert fact(response, "email") == "amina@example.org"
        assert fact(response, "gender") == gettext("Woman")
        assert fact(response, "birth_year") == "1988"
        assert fact(response, "district") == "Skäggetorp"
        assert fact(response, "languages") == f"{LANGUAGES['en']} {LANGUAGES['ar']}"
        assert fact(response, "swedish_level") == gettext("I understand a little")
        assert fact(response, "interests") == f"{INTERESTS['walking']} {INTERESTS['cooking']}"
        tuesday, sunday = str(WEEKDAYS[1]), str(WEEKDAYS[6])
        morning = pgettext("part of day", "morning")
        evening = pgettext("part of day", "evening")
        assert fact(response, "availability") == (
            f"{tuesday}: {morning}, {evening} {sunday}: {evening}"
        )
        wishes = fact(response, "wishes")
        assert gettext("A woman") in wishes and "25" in wishes and "45" in wishes
        assert gettext("You are a family and want to meet together.") in wishes
        assert fact(response, "status") == gettext("You are waiting for a language friend.")
        assert fact(response, "registered_on") == formats.date_format(
            datetime.date(2025, 3, 1), "j F Y"
        )
        source = fact(response, "source")
        assert gettext("Referral by an organisation") in source
        assert "Arbetsmarknadscentrum" in source
        assert gettext("From an organisation or the municipality") in source
        # The language in its own name and script, as Django names it.
        assert fact(response, "preferred_language") == "العربيّة"
        assert fact(response, "external_id") == "LKP-17"
        page = text_of(response)
        assert gettext("Being in the programme: storing my details to find a friend") in page
        assert formats.date_format(GIVEN.date(), "j F Y") in page
        assert STANDARD_NOTICE_VERSION in page
    # No stored code shows as a word of its own.
    for key, code in [
        ("group", "newcomer"),
        ("gender", "woman"),
        ("swedish_level", "2"),
        ("interests", "cooking"),
        ("source", "referral"),
        ("preferred_language", "ar"),
    ]:
        assert code not in re.findall(r"\w+", fact(response, key)), key


def test_the_friend_is_shown_by_first_name_with_the_start_and_the_coordinators_contact(
    client: Client, programme: Programme, amina: Participant
) -> None:
    erik = ParticipantFactory(
        programme=programme, group="established", first_name="Erik", last_name="Lindqvist"
    )
    PairFactory(
        programme=programme, newcomer=amina, established=erik, started_on=datetime.date(2026, 2, 3)
    )
    PrivacySettings.objects.create(
        programme=programme, contact_name="Alice Coordinator", contact_phone="013-20 00 00"
    )

    page = text_of(client.get(url("own_page", programme)))

    assert "Erik" in page
    assert "Lindqvist" not in page
    assert formats.date_format(datetime.date(2026, 2, 3), "j F Y") in page
    assert "Alice Coordinator" in page and 'href="tel:013-200000"' in page


def test_without_a_contact_in_the_settings_no_contact_is_shown(
    client: Client, programme: Programme
) -> None:
    assert "data-contact" not in text_of(client.get(url("own_page", programme)))


def test_activities_near_her_this_week_are_shown_and_none_elsewhere(
    client: Client, programme: Programme, other_programme: Programme
) -> None:
    today = timezone.localdate()
    skaggetorp, innerstaden, ryd = (
        programme.districts.get(name=name) for name in ["Skäggetorp", "Innerstaden", "Ryd"]
    )
    skaggetorp.neighbours.add(innerstaden)

    def session(title: str, district: Any, days: int, prog: Programme = programme) -> None:
        venue = VenueFactory(programme=prog, name=f"Lokal {title}")
        activity = ActivityFactory(programme=prog, title=title, district=district, venue=venue)
        SessionFactory(activity=activity, date=today + datetime.timedelta(days=days))

    session("Café Skäggetorp", skaggetorp, 2)
    session("Walk Innerstaden", innerstaden, 6)
    session("Café Ryd", ryd, 1)
    session("Café Skäggetorp next month", skaggetorp, 30)
    session("Café Hageby", other_programme.districts.get(), 1, other_programme)

    page = text_of(client.get(url("own_page", programme)))

    assert "Café Skäggetorp<" in page and "Walk Innerstaden" in page
    assert "Café Ryd" not in page and "next month" not in page and "Hageby" not in page


def test_her_messages_newest_first_without_others_cancelled_or_sign_in_codes(
    client: Client, programme: Programme, amina: Participant, omar: Participant
) -> None:
    now = timezone.now()

    def message(person: Participant, body: str, minutes: int, **extra: Any) -> None:
        Message.objects.create(
            programme=programme,
            participant=person,
            channel="sms",
            kind=extra.pop("kind", Kind.GROUP),
            language="sv",
            body=body,
            key=f"test:{body}",
            status=extra.pop("status", Message.Status.SENT),
            queued_at=now - datetime.timedelta(minutes=minutes),
        )

    message(amina, "Older hello", 60)
    message(amina, "Newer hello", 5)
    message(amina, "Your code is 123456", 1, kind=Kind.SIGN_IN)
    message(amina, "Never sent", 2, status=Message.Status.CANCELLED)
    message(omar, "Omar's own news", 3)

    page = text_of(client.get(url("own_page", programme)))

    assert page.index("Newer hello") < page.index("Older hello")
    assert "123456" not in page and "Never sent" not in page and "Omar's own news" not in page


def test_an_outdated_consent_shows_the_banner_to_renew(
    client: Client, programme: Programme, amina: Participant
) -> None:
    renew = url("renew", programme)
    assert renew not in text_of(client.get(url("own_page", programme)))

    Consent.objects.filter(participant=amina, channel="sms").update(outdated_at=timezone.now())

    assert f'href="{renew}"' in text_of(client.get(url("own_page", programme)))


# Changing details


def test_she_changes_phone_email_and_language_and_the_change_is_audited(
    client: Client, programme: Programme, amina: Participant
) -> None:
    response = client.post(
        url("own_details", programme),
        {"phone": "070-111 22 33", "email": "amina.y@example.org", "preferred_language": "en"},
    )

    assert response.status_code == 302
    amina.refresh_from_db()
    assert (str(amina.phone), amina.email, amina.preferred_language) == (
        "+46701112233",
        "amina.y@example.org",
        "en",
    )
    (event,) = audit("participants.participant.changed", amina)
    assert event.actor_id is None
    assert event.data == {"fields": ["email", "phone", "preferred_language"]}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"phone": "12ab", "email": "amina@example.org"},
            "phone",
            "Write a phone number, for example 070-123 45 67.",
        ),
        (
            {"phone": "070-123 45 67", "email": "amina@"},
            "email",
            "Write an e-mail address, for example name@example.com.",
        ),
        (
            {"phone": "070-765 43 21", "email": "amina@example.org"},
            "phone",
            "Another person in the programme has this number.",
        ),
        (
            {"phone": "070-123 45 67", "email": "OMAR@example.org"},
            "email",
            "Another person in the programme has this address.",
        ),
        (
            {"phone": "", "email": ""},
            None,
            "Keep a phone number or an e-mail address: you sign in with one of them.",
        ),
    ],
)
def test_bad_details_keep_what_was_typed_say_what_is_wrong_and_change_nothing(
    client: Client,
    programme: Programme,
    amina: Participant,
    omar: Participant,
    data: dict[str, str],
    field: str | None,
    message: str,
) -> None:
    omar.email = "omar@example.org"
    omar.save()
    before = Participant.objects.filter(pk=amina.pk).values().get()

    response = client.post(url("own_details", programme), {**data, "preferred_language": "sv"})

    assert response.status_code == 400
    page = text_of(response)
    assert gettext(message) in page
    for value in data.values():
        if value:
            assert f'value="{value}"' in page
    if field:
        assert f'href="#id_{field}"' in page
    assert Participant.objects.filter(pk=amina.pk).values().get() == before
    assert audit("participants.participant.changed", amina) == []


def test_she_changes_her_times_in_the_registrations_grid(
    client: Client, programme: Programme, amina: Participant
) -> None:
    form = client.get(url("own_times", programme))
    assert 'class="availability-table"' in text_of(form)
    assert re.search(r'value="3"[^>]*checked', text_of(form))

    response = client.post(url("own_times", programme), {"availability": ["0", "14"]})

    assert response.status_code == 302
    amina.refresh_from_db()
    assert amina.availability == (1 << 0) | (1 << 14)
    (event,) = audit("participants.participant.changed", amina)
    assert event.data == {"fields": ["availability"]}


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        (["0", "99"], "Select a valid choice. 99 is not one of the available choices."),
        ([], "Tick at least one time when you can meet."),
    ],
)
def test_bad_times_keep_the_ticked_boxes_and_change_nothing(
    client: Client, programme: Programme, amina: Participant, slots: list[str], message: str
) -> None:
    response = client.post(url("own_times", programme), {"availability": slots})

    assert response.status_code == 400
    page = text_of(response)
    assert gettext(message) in page
    if slots:
        assert re.search(r'value="0"[^>]*checked', page)
        assert not re.search(r'value="3"[^>]*checked', page)
    amina.refresh_from_db()
    assert amina.availability == (1 << 3) | (1 << 5) | (1 << 20)
    assert audit("participants.participant.changed", amina) == []


def test_she_changes_her_interests_and_a_bad_one_changes_nothing(
    client: Client, programme: Programme, amina: Participant
) -> None:
    bad = client.post(url("own_interests", programme), {"interests": ["music", "skydiving"]})
    assert bad.status_code == 400
    amina.refresh_from_db()
    assert amina.interest_slugs == ["walking", "cooking"]

    good = client.post(url("own_interests", programme), {"interests": ["music", "football"]})

    assert good.status_code == 302
    amina.refresh_from_db()
    assert amina.interest_slugs == ["football", "music"]
    assert len(audit("participants.participant.changed", amina)) == 1

    # Every box unticked is an answer too (an empty form, not a page shown again).
    assert client.post(url("own_interests", programme), {}).status_code == 302
    amina.refresh_from_db()
    assert amina.interests == 0


# Pause and leave


def test_she_pauses_until_a_day_ahead_and_is_back_with_one_tap(
    client: Client, programme: Programme, amina: Participant
) -> None:
    until = timezone.localdate() + datetime.timedelta(days=30)

    response = client.post(url("own_pause", programme), {"until": until.isoformat()})

    assert response.status_code == 302
    amina.refresh_from_db()
    assert amina.paused_until == until
    assert audit("privacy.own.paused", amina)[0].data == {"days": 30}
    assert 'data-state="away"' in text_of(client.get(url("own_page", programme)))

    assert client.post(url("own_back", programme)).status_code == 302
    amina.refresh_from_db()
    assert amina.paused_until is None
    assert len(audit("privacy.own.resumed", amina)) == 1


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (0, "Choose a day after today."),
        (-3, "Choose a day after today."),
        (370, "You can be away for at most 12 months"),
    ],
)
def test_a_pause_must_end_after_today_and_within_12_months(
    client: Client, programme: Programme, amina: Participant, days: int, message: str
) -> None:
    typed = (timezone.localdate() + datetime.timedelta(days=days)).isoformat()

    response = client.post(url("own_pause", programme), {"until": typed})

    assert response.status_code == 400
    assert gettext(message) in text_of(response)
    assert f'value="{typed}"' in text_of(response)
    amina.refresh_from_db()
    assert amina.paused_until is None
    assert audit("privacy.own.paused", amina) == []


def test_a_paused_person_is_left_out_of_the_matching_pools_until_the_day_they_are_back(
    programme: Programme, amina: Participant
) -> None:
    today = datetime.date(2026, 5, 4)
    erik = ParticipantFactory(programme=programme, group="established", first_name="Erik")
    pause_participant(amina, until=today + datetime.timedelta(days=10), today=today)
    pause_participant(erik, until=today + datetime.timedelta(days=10), today=today)

    assert amina not in waiting_newcomers(programme, today=today)
    assert erik not in available_established(programme, today=today)
    market = load_market(programme, today=today)
    assert amina.pk not in list(market.newcomers.ids)
    assert erik.pk not in list(market.volunteers.ids)

    back = today + datetime.timedelta(days=10)
    assert amina in waiting_newcomers(programme, today=back)
    assert erik in available_established(programme, today=back)


def test_a_paused_person_gets_no_waiting_list_news(programme: Programme) -> None:
    now = datetime.datetime(2026, 12, 7, 13, 0, tzinfo=datetime.UTC)
    today = timezone.localdate(now)
    sending_programme(programme)
    people = [
        ParticipantFactory(
            programme=programme, registered_on=today - datetime.timedelta(days=60), email=""
        )
        for _ in range(2)
    ]
    for person in people:
        give_consent(person, purpose="messages", channel="sms", text_version="2026-01", at=GIVEN)
    away, here = people
    pause_participant(away, until=today + datetime.timedelta(days=20), today=today)

    assert queue_waiting_news(now=now) == 1
    assert list(Message.objects.values_list("participant", flat=True)) == [here.pk]


def test_the_coordinator_sees_that_she_is_away(
    client_for: Any, coordinator: User, programme: Programme, amina: Participant
) -> None:
    today = timezone.localdate()
    pause_participant(amina, until=today + datetime.timedelta(days=14), today=today)

    page = text_of(client_for(coordinator).get(reverse("participants:detail", args=[amina.pk])))

    assert 'data-state="away"' in page
    assert (today + datetime.timedelta(days=14)).isoformat() in page


def test_leaving_ends_her_pair_as_staff_would_and_her_friend_waits_again(
    client: Client, programme: Programme, amina: Participant
) -> None:
    pair = PairFactory(programme=programme, newcomer=amina, started_on=datetime.date(2026, 1, 5))
    erik = pair.established
    Participant.objects.filter(pk__in=[amina.pk, erik.pk]).update(status="matched")
    assert "Yes, I leave" in text_of(client.get(url("own_leave", programme)))

    response = client.post(url("own_leave", programme))

    assert response.status_code == 302
    amina.refresh_from_db()
    erik.refresh_from_db()
    pair.refresh_from_db()
    assert (amina.status, amina.status_changed_on) == ("left", timezone.localdate())
    assert (pair.state, pair.end_reason, pair.ended_on) == (
        Pair.State.ENDED,
        Pair.EndReason.OTHER,
        timezone.localdate(),
    )
    assert erik.status == "waiting"
    assert audit("privacy.own.left", amina)[0].data == {"pairs_ended": 1}
    # She can still sign in and see her page, with the way to download and erase.
    page = text_of(client.get(url("own_page", programme)))
    assert 'data-state="left"' in page
    assert url("erase_me", programme) in page
    assert reverse("privacy_public:download", args=[programme.slug, "json"]) in page


def test_an_established_volunteer_who_leaves_frees_each_newcomer(programme: Programme) -> None:
    today = datetime.date(2026, 5, 4)
    first = PairFactory(programme=programme)
    erik = first.established
    erik.capacity = 2
    erik.save()
    second = PairFactory(programme=programme, established=erik)

    assert leave_programme(erik, today=today) == 2

    erik.refresh_from_db()
    assert erik.status == "left"
    for pair in (first, second):
        pair.refresh_from_db()
        pair.newcomer.refresh_from_db()
        assert (pair.state, pair.newcomer.status) == (Pair.State.ENDED, "waiting")
    assert leave_programme(erik, today=today) == 0


# Messages: on and off


def test_turning_sms_off_dates_the_withdrawal_and_on_gives_a_new_consent(
    client: Client, programme: Programme, amina: Participant
) -> None:
    (sms,) = Consent.objects.filter(participant=amina, channel="sms")

    off = client.post(url("own_messages", programme), {"channel": "sms", "on": "0"})

    assert off.status_code == 302
    sms.refresh_from_db()
    assert sms.withdrawn_at is not None
    assert len(audit("participants.consent.withdrawn", amina)) == 1
    assert 'data-channel="sms" data-state="off"' in text_of(client.get(url("own_page", programme)))

    client.post(url("own_messages", programme), {"channel": "sms", "on": "1"})

    current = Consent.objects.get(participant=amina, channel="sms", withdrawn_at__isnull=True)
    assert (current.purpose, current.text_version) == ("messages", STANDARD_NOTICE_VERSION)
    assert current.recorded_by is None
    assert len(audit("privacy.own.consent_given", amina)) == 1


def test_email_cannot_be_turned_on_without_an_address(
    client: Client, programme: Programme, amina: Participant
) -> None:
    Participant.objects.filter(pk=amina.pk).update(email="")

    response = client.post(
        url("own_messages", programme), {"channel": "email", "on": "1"}, follow=True
    )

    assert gettext("Add your e-mail address first.") in text_of(response)
    assert not Consent.objects.filter(participant=amina, channel="email").exists()


def test_reminders_of_an_activity_are_switched_off_and_on(
    client: Client, programme: Programme, amina: Participant
) -> None:
    activity = ActivityFactory(programme=programme, title="Språkcafé Skäggetorp")
    subscription = ReminderSubscription.objects.create(
        participant=amina, activity=activity, created_at=GIVEN
    )

    client.post(url("own_reminders", programme), {"activity": activity.pk, "on": "0"})

    subscription.refresh_from_db()
    assert subscription.withdrawn_at is not None
    page = text_of(client.get(url("own_page", programme)))
    assert f'data-activity="{activity.pk}" data-state="off"' in page

    client.post(url("own_reminders", programme), {"activity": activity.pk, "on": "1"})

    assert ReminderSubscription.objects.current().filter(participant=amina).count() == 1


# Only her own rows


def test_another_persons_or_programmes_ids_are_a_404_and_change_nothing(
    client: Client,
    programme: Programme,
    other_programme: Programme,
    amina: Participant,
    omar: Participant,
) -> None:
    omars_cafe = ActivityFactory(programme=programme, title="Omar's café")
    omars = ReminderSubscription.objects.create(
        participant=omar, activity=omars_cafe, created_at=GIVEN
    )
    never = ActivityFactory(programme=programme, title="Never asked")
    elsewhere = ActivityFactory(programme=other_programme, title="Norrköping café")
    hers = ActivityFactory(programme=programme, title="Her café")
    ReminderSubscription.objects.create(participant=amina, activity=hers, created_at=GIVEN)
    ids: list[Activity] = [omars_cafe, never, elsewhere]

    for activity in ids:
        for on in ("0", "1"):
            response = client.post(
                url("own_reminders", programme), {"activity": activity.pk, "on": on}
            )
            assert response.status_code == 404, (activity, on)
    bad: list[dict[str, Any]] = [
        {"activity": "x", "on": "0"},
        {"activity": hers.pk, "on": "maybe"},
        {"channel": "fax", "on": "0"},
        {"channel": "sms", "on": ""},
    ]
    for data in bad:
        name = "own_reminders" if "activity" in data else "own_messages"
        assert client.post(url(name, programme), data).status_code == 404

    omars.refresh_from_db()
    assert omars.withdrawn_at is None
    assert ReminderSubscription.objects.filter(participant=amina).count() == 1
    assert not Consent.objects.filter(participant=amina, withdrawn_at__isnull=False).exists()
