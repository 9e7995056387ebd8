"""The versioned privacy notice: the standard text made from the inventory, publishing a version
(which pauses exactly the consents it changes), the public pages, the renewal page, and the
coordinator's privacy settings."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services import queue_message
from sprakvan.participants.consents import (
    STANDARD_NOTICE_VERSION,
    give_consent,
    may_message,
    notice_version,
)
from sprakvan.participants.models import (
    Channel,
    Consent,
    ConsentPurpose,
    Participant,
    PrivacyNotice,
)
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.privacy import inventory
from sprakvan.privacy.models import PrivacySettings
from sprakvan.privacy.notices import (
    ABOUT_PARTICIPANTS,
    KEPT,
    TOPICS,
    NoticeError,
    outdated_consents,
    publish_notice,
    renew_consent,
    standard_topics,
)
from sprakvan.privacy.session import sign_in

pytestmark = pytest.mark.django_db

GIVEN = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
PUBLISHED = datetime.datetime(2027, 1, 10, 9, tzinfo=datetime.UTC)
MESSAGES, REGISTRATION = ConsentPurpose.MESSAGES, ConsentPurpose.REGISTRATION


def agreeing(
    programme: Programme, *, version: str = STANDARD_NOTICE_VERSION, **fields: Any
) -> Participant:
    """A person who agreed to registration and to SMS and e-mail, to `version`."""
    person = ParticipantFactory(programme=programme, email="amal@example.org", **fields)
    give_consent(person, purpose=REGISTRATION, text_version=version, at=GIVEN)
    for channel in (Channel.SMS, Channel.EMAIL):
        give_consent(person, purpose=MESSAGES, channel=channel, text_version=version, at=GIVEN)
    return person


def paused(person: Participant) -> set[tuple[str, str]]:
    return {(c.purpose, c.channel) for c in person.consents.filter(outdated_at__isnull=False)}


def signed_in_client(person: Participant) -> Client:
    """A browser whose session has the person signed in to their programme's own page."""
    client = Client()
    request = RequestFactory().get("/")
    request.session = client.session
    sign_in(request, person)
    request.session.save()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = request.session.session_key or ""
    return client


# The standard text and the inventory


def test_the_standard_notice_speaks_of_every_field_the_inventory_holds_about_participants() -> None:
    covered = {key for topic in TOPICS for key in topic.fields}
    about_people = {
        (item.model, item.field) for item in inventory.INVENTORY if item.model in ABOUT_PARTICIPANTS
    }
    participant_fields = {
        (item.model, item.field)
        for item in inventory.INVENTORY
        if item.model == "participants.Participant"
    }

    assert participant_fields <= covered
    assert about_people == covered  # every field it names is in the inventory, and no more


def test_every_topic_says_why_on_what_basis_who_sees_it_and_how_long() -> None:
    with translation.override("en"):
        topics = standard_topics(retention_months=36)

    assert len(topics) == len(TOPICS)
    for topic in topics:
        assert topic.why and topic.bases and topic.seen_by and topic.kept
    name = next(t for t in topics if t.title == "Your name")
    assert any("36 months" in kept for kept in name.kept)
    assert "You agreed to it (consent)." in name.bases[0]


# Publishing


def test_publishing_a_changed_purpose_pauses_exactly_the_consents_given_to_other_versions(
    programme: Programme, other_programme: Programme, coordinator: User
) -> None:
    old = agreeing(programme)
    already_new = agreeing(programme, version="2027-01")
    withdrawn = agreeing(programme)
    Consent.objects.filter(participant=withdrawn, channel=Channel.EMAIL).update(withdrawn_at=GIVEN)
    elsewhere = agreeing(other_programme)

    published = publish_notice(
        programme,
        version="2027-01",
        change_summary="We now send reminders of activities by SMS.",
        changed_purposes=[MESSAGES],
        published_by=coordinator,
        now=PUBLISHED,
    )

    assert paused(old) == {(MESSAGES, Channel.SMS), (MESSAGES, Channel.EMAIL)}
    assert paused(already_new) == set()
    assert paused(withdrawn) == {(MESSAGES, Channel.SMS)}
    assert paused(elsewhere) == set()
    assert old.consents.filter(outdated_at=PUBLISHED).count() == 2
    assert published.paused == {MESSAGES: 3}
    assert not may_message(old, channel=Channel.SMS)
    assert may_message(already_new, channel=Channel.SMS)
    event = AuditEvent.objects.get(action="privacy.notice.published")
    assert event.data == {"purposes": [MESSAGES], "paused": {MESSAGES: 3}}
    assert event.programme_id == programme.pk
    assert notice_version(programme.pk) == "2027-01"


def test_publishing_the_registration_purpose_leaves_messages_flowing(
    programme: Programme, coordinator: User
) -> None:
    person = agreeing(programme)

    publish_notice(
        programme,
        version="2027-01",
        change_summary="The municipality now helps us find friends.",
        changed_purposes=[REGISTRATION],
        published_by=coordinator,
        now=PUBLISHED,
    )

    assert paused(person) == {(REGISTRATION, "")}
    assert may_message(person, channel=Channel.SMS)


def test_a_wording_only_version_pauses_nobody(programme: Programme, coordinator: User) -> None:
    person = agreeing(programme)

    published = publish_notice(
        programme, version="2027-01", own_text="Clearer words.", published_by=coordinator
    )

    assert paused(person) == set()
    assert published.paused == {}
    assert published.notice.changed_purposes == []


@pytest.mark.parametrize(
    ("version", "summary", "purposes", "expected"),
    [
        ("", "", [], "Give the new version a name, for example 2027-01."),
        ("   ", "", [], "Give the new version a name, for example 2027-01."),
        (
            "2027-01",
            "",
            [],
            "Version 2027-01 is already published. Give the new version another name.",
        ),
        (
            "2027/02",
            "",
            [],
            "Use at most 20 letters, digits, dots and dashes in the version, for example 2027-01.",
        ),
        (
            STANDARD_NOTICE_VERSION,
            "",
            [],
            f"{STANDARD_NOTICE_VERSION} is the name of the platform's standard notice. Choose another name.",
        ),
        (
            "2027-02",
            "",
            [MESSAGES],
            "Say what changed: people are asked to agree again and read this first.",
        ),
        ("2027-02", "x", ["health"], "Choose the changed purposes from the list."),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_nothing_changes(
    programme: Programme,
    coordinator: User,
    version: str,
    summary: str,
    purposes: list[str],
    expected: str,
) -> None:
    publish_notice(programme, version="2027-01", published_by=coordinator)
    person = agreeing(programme)

    with translation.override("en"), pytest.raises(NoticeError) as refused:
        publish_notice(
            programme,
            version=version,
            change_summary=summary,
            changed_purposes=purposes,
            published_by=coordinator,
        )

    assert str(refused.value) == expected
    assert PrivacyNotice.objects.filter(programme=programme).count() == 1
    assert paused(person) == set()


def test_the_same_version_name_may_be_used_by_another_programme(
    programme: Programme, other_programme: Programme, coordinator: User
) -> None:
    publish_notice(programme, version="2027-01", published_by=coordinator)
    publish_notice(other_programme, version="2027-01", published_by=None)

    assert PrivacyNotice.objects.filter(version="2027-01").count() == 2


# Renewing and declining


def test_renewing_writes_a_new_row_for_the_current_version_and_messages_flow_again(
    programme: Programme, coordinator: User
) -> None:
    person = agreeing(programme)
    publish_notice(
        programme,
        version="2027-01",
        change_summary="New.",
        changed_purposes=[MESSAGES],
        published_by=coordinator,
        now=PUBLISHED,
    )
    [sms] = [c for c in outdated_consents(person) if c.channel == Channel.SMS]
    now = PUBLISHED + datetime.timedelta(days=2)

    renewed = renew_consent(sms, now=now)
    again = renew_consent(sms, now=now)

    assert renewed is not None and again is None
    assert (renewed.purpose, renewed.channel, renewed.text_version) == (
        MESSAGES,
        Channel.SMS,
        "2027-01",
    )
    assert renewed.given_at == now and renewed.outdated_at is None
    assert person.consents.filter(channel=Channel.SMS).count() == 2  # the old row stays as proof
    assert may_message(person, channel=Channel.SMS)
    assert not may_message(person, channel=Channel.EMAIL)
    reminder = queue_message(
        programme=programme,
        participant=person,
        channel=Channel.SMS,
        kind=Kind.REMINDER,
        key="reminder:after-renewal",
        body="Hej!",
        language="sv",
        now=now,
    )
    assert reminder.status in {Message.Status.QUEUED, Message.Status.HELD}
    assert [c.channel for c in outdated_consents(person)] == [Channel.EMAIL]


# The public notice pages


@pytest.fixture
def published(programme: Programme, coordinator: User) -> PrivacyNotice:
    programme.organisations = "Röda Korset Linköping, Linköpings kommun"
    programme.save()
    PrivacySettings.objects.create(
        programme=programme, retention_months=18, contact_name="Alice", contact_phone="013-20 00 00"
    )
    publish_notice(
        programme,
        version="2026-09",
        own_text="The first own text.",
        published_by=coordinator,
        now=PUBLISHED - datetime.timedelta(days=120),
    )
    return publish_notice(
        programme,
        version="2027-01",
        own_text="Ring Alice om du har frågor.",
        change_summary="Reminders by SMS.",
        changed_purposes=[MESSAGES],
        published_by=coordinator,
        now=PUBLISHED,
    ).notice


def notice_url(programme: Programme, version: str = "") -> str:
    if version:
        return reverse(
            "privacy_public:notice_version",
            kwargs={"programme_slug": programme.slug, "version": version},
        )
    return reverse("privacy_public:notice", kwargs={"programme_slug": programme.slug})


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_notice_page_shows_the_version_and_the_programmes_text_in_the_readers_language(
    programme: Programme, published: PrivacyNotice, language: str
) -> None:
    response = Client().get(notice_url(programme), headers={"accept-language": language})

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
    with translation.override(language):
        assert gettext("How we handle your details") in page
        assert gettext("Version %(version)s") % {"version": "2027-01"} in page
        assert gettext("Your rights") in page
    assert "2027-01-10" in page
    assert "Ring Alice om du har frågor." in page
    assert "The first own text." not in page
    assert "Reminders by SMS." in page
    assert "Röda Korset Linköping, Linköpings kommun" in page
    assert "013-20 00 00" in page
    assert "https://www.imy.se" in page
    with translation.override(language):
        assert str(KEPT[inventory.PARTICIPANT_PERIOD]) % {"months": 18} in page
    assert reverse("privacy_public:own_page", kwargs={"programme_slug": programme.slug}) in page
    for earlier in ("2026-09", STANDARD_NOTICE_VERSION):
        assert notice_url(programme, earlier) in page


def test_an_earlier_version_shows_its_own_text(
    programme: Programme, published: PrivacyNotice
) -> None:
    response = Client().get(notice_url(programme, "2026-09"))

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "The first own text." in page
    assert "Ring Alice" not in page
    assert gettext("This is an earlier version.") in page
    assert notice_url(programme, "2027-01") in page


def test_an_unknown_version_or_another_programmes_version_is_not_found(
    programme: Programme, other_programme: Programme, published: PrivacyNotice
) -> None:
    publish_notice(other_programme, version="2027-05", published_by=None)

    assert Client().get(notice_url(programme, "1999-01")).status_code == 404
    assert Client().get(notice_url(programme, "2027-05")).status_code == 404
    assert Client().get(notice_url(other_programme, "2027-05")).status_code == 200


def test_without_a_programme_notice_the_standard_text_is_the_current_version(
    programme: Programme,
) -> None:
    response = Client().get(notice_url(programme))

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert gettext("Version %(version)s") % {"version": STANDARD_NOTICE_VERSION} in page
    assert gettext("Other versions") not in page
    assert Client().get(notice_url(programme, STANDARD_NOTICE_VERSION)).status_code == 200


def test_the_registration_form_links_to_the_notice(programme: Programme) -> None:
    url = reverse(
        "participants_public:register",
        kwargs={"programme_slug": programme.slug, "group_slug": "nyanland"},
    )

    page = Client().get(url).content.decode()

    assert f'href="{notice_url(programme)}"' in page


# The renewal page


@pytest.fixture
def paused_person(programme: Programme, published: PrivacyNotice) -> Participant:
    person = agreeing(programme)
    Consent.objects.filter(participant=person).update(outdated_at=PUBLISHED)
    return person


def renew_url(programme: Programme) -> str:
    return reverse("privacy_public:renew", kwargs={"programme_slug": programme.slug})


def test_the_renewal_page_needs_a_sign_in(programme: Programme) -> None:
    response = Client().get(renew_url(programme))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "privacy_public:sign_in", kwargs={"programme_slug": programme.slug}
    )


def test_the_renewal_page_shows_what_changed_and_asks_per_paused_consent(
    programme: Programme, paused_person: Participant
) -> None:
    response = signed_in_client(paused_person).get(renew_url(programme))

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Reminders by SMS." in page
    assert page.count('name="answer" value="yes"') == 3
    for consent in paused_person.consents.all():
        assert f'name="consent" value="{consent.pk}"' in page


def test_yes_gives_a_new_row_and_messages_flow_again(
    programme: Programme, paused_person: Participant
) -> None:
    sms = paused_person.consents.get(channel=Channel.SMS)
    before = timezone.now()

    response = signed_in_client(paused_person).post(
        renew_url(programme), {"consent": sms.pk, "answer": "yes"}
    )

    assert response.status_code == 302
    renewed = paused_person.consents.filter(channel=Channel.SMS).order_by("-given_at").first()
    assert renewed is not None and renewed.pk != sms.pk
    assert renewed.text_version == "2027-01" and renewed.given_at >= before
    assert may_message(paused_person, channel=Channel.SMS)
    assert not may_message(paused_person, channel=Channel.EMAIL)


def test_no_thanks_writes_the_withdrawal_and_keeps_the_row(
    programme: Programme, paused_person: Participant
) -> None:
    email = paused_person.consents.get(channel=Channel.EMAIL)

    signed_in_client(paused_person).post(
        renew_url(programme), {"consent": email.pk, "answer": "no"}
    )

    email.refresh_from_db()
    assert email.withdrawn_at is not None
    assert paused_person.consents.filter(channel=Channel.EMAIL).count() == 1
    assert not may_message(paused_person, channel=Channel.EMAIL)


def test_declining_registration_explains_erasure_and_erases_nothing(
    programme: Programme, paused_person: Participant
) -> None:
    registration = paused_person.consents.get(purpose=REGISTRATION)
    client = signed_in_client(paused_person)

    client.post(renew_url(programme), {"consent": registration.pk, "answer": "no"})
    page = html.unescape(client.get(renew_url(programme)).content.decode())

    paused_person.refresh_from_db()
    assert paused_person.erased_at is None and paused_person.first_name
    assert gettext("You said no to being in the programme") in page
    assert reverse("privacy_public:erase_me", kwargs={"programme_slug": programme.slug}) in page
    assert "013-20 00 00" in page


def test_someone_elses_consent_cannot_be_answered(
    programme: Programme, paused_person: Participant
) -> None:
    other = agreeing(programme)
    theirs = other.consents.get(channel=Channel.SMS)

    response = signed_in_client(paused_person).post(
        renew_url(programme), {"consent": theirs.pk, "answer": "no"}
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is None


# The coordinator's privacy page


def settings_url() -> str:
    return reverse("privacy:settings")


@pytest.mark.parametrize(("months", "ok"), [(5, False), (6, True), (120, True), (121, False)])
def test_the_retention_period_is_between_6_and_120_months(
    programme: Programme,
    coordinator: User,
    client_for: Callable[[User], Client],
    months: int,
    ok: bool,
) -> None:
    response = client_for(coordinator).post(
        settings_url(),
        {
            "retention_months": months,
            "contact_name": "Alice",
            "contact_phone": "",
            "contact_email": "",
        },
    )

    saved = PrivacySettings.objects.get(programme=programme)
    if ok:
        assert response.status_code == 302
        assert (saved.retention_months, saved.contact_name) == (months, "Alice")
        assert AuditEvent.objects.get(action="privacy.settings.saved").data == {
            "fields": ["contact_name", "retention_months"]
        }
    else:
        assert response.status_code == 400
        assert (saved.retention_months, saved.contact_name) == (24, "")
        page = html.unescape(response.content.decode())
        assert 'value="Alice"' in page  # the form keeps what was typed


def test_publishing_through_the_page(
    programme: Programme, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    person = agreeing(programme)
    client = client_for(coordinator)
    form = {
        "version": "2027-01",
        "change_summary": "Reminders by SMS.",
        "changed_purposes": [MESSAGES],
        "own_text": "Ring Alice.",
    }

    first = client.post(reverse("privacy:publish_notice"), form)
    second = client.post(reverse("privacy:publish_notice"), {**form, "own_text": "Typed again."})

    assert first.status_code == 302
    assert paused(person) == {(MESSAGES, Channel.SMS), (MESSAGES, Channel.EMAIL)}
    assert second.status_code == 400
    page = html.unescape(second.content.decode())
    with translation.override("en"):
        assert "Version 2027-01 is already published." in page
    assert "Typed again." in page
    assert PrivacyNotice.objects.get(programme=programme).own_text == "Ring Alice."


def test_a_leader_cannot_reach_the_privacy_page(
    programme: Programme, leader: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(leader)

    assert client.get(settings_url()).status_code == 403
    assert client.get(reverse("privacy:publish_notice")).status_code == 403
    assert client.post(reverse("privacy:publish_notice"), {"version": "2027-01"}).status_code == 403
    assert not PrivacyNotice.objects.exists()


def test_another_programmes_notices_are_invisible(
    programme: Programme,
    published: PrivacyNotice,
    outsider: User,
    client_for: Callable[[User], Client],
) -> None:
    response = client_for(outsider).get(settings_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "2027-01" not in page and "2026-09" not in page
    assert "vi-ses" not in page


def test_the_menu_shows_privacy_to_coordinators_only(
    programme: Programme, coordinator: User, leader: User, client_for: Callable[[User], Client]
) -> None:
    home = reverse("participants:list")
    activities = reverse("activities:session_list")

    assert f'href="{settings_url()}"' in client_for(coordinator).get(home).content.decode()
    assert f'href="{settings_url()}"' not in client_for(leader).get(activities).content.decode()


# In Chromium, on a 360-px phone: the pages are clean for axe and never wider than the screen


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_notice_and_the_renewal_page_are_clean_for_axe_on_a_phone_in_swedish_and_arabic(
    page: Any, live_server: Any, axe_violations: Callable[[Any], list[str]], programme: Programme
) -> None:
    PrivacySettings.objects.create(programme=programme, contact_phone="013-20 00 00")
    publish_notice(
        programme,
        version="2027-01",
        own_text="Ring Alice om du har frågor.",
        change_summary="Reminders by SMS.",
        changed_purposes=[MESSAGES, REGISTRATION],
        published_by=None,
        now=PUBLISHED,
    )
    person = agreeing(programme, first_name="Amal")
    Consent.objects.filter(participant=person).update(outdated_at=PUBLISHED)
    session_key = signed_in_client(person).cookies[django_settings.SESSION_COOKIE_NAME].value
    page.set_viewport_size({"width": 360, "height": 740})
    for language in ("sv", "ar"):
        page.context.add_cookies(
            [
                {"name": "django_language", "value": language, "url": live_server.url},
                {"name": "sessionid", "value": session_key, "url": live_server.url},
            ]
        )
        for url in (notice_url(programme), notice_url(programme, STANDARD_NOTICE_VERSION)):
            page.goto(live_server.url + url)
            assert page.locator("html").get_attribute("lang") == language
            assert axe_violations(page) == [], (language, url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.goto(live_server.url + renew_url(programme))
        page.locator("details summary").click()
        assert axe_violations(page) == [], (language, "renew")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Arabic is still chosen: Amal says no to being in the programme, then yes to SMS.
    registration = person.consents.get(purpose=REGISTRATION)
    page.locator(f'form:has(input[value="{registration.pk}"]) button[value="no"]').click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    sms = person.consents.get(channel=Channel.SMS)
    page.locator(f'form:has(input[value="{sms.pk}"]) button[value="yes"]').click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert may_message(person, channel=Channel.SMS)
    registration.refresh_from_db()
    assert registration.withdrawn_at is not None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_coordinators_privacy_pages_are_clean_for_axe(
    page: Any,
    live_server: Any,
    axe_violations: Callable[[Any], list[str]],
    login_page: Callable[[User], None],
    programme: Programme,
    coordinator: User,
) -> None:
    login_page(coordinator)
    page.goto(live_server.url + settings_url())
    assert axe_violations(page) == []
    page.locator("#id_retention_months").fill("200")
    page.locator("form:has(#id_retention_months) button[type=submit]").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("privacy:publish_notice"))
    page.locator("#id_version").fill("2027-01")
    page.locator("input[value=messages]").check()
    page.locator("button[type=submit]:has-text('Publish')").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []  # refused: "what changed" is missing
    page.locator("#id_change_summary").fill("Reminders by SMS.")
    page.locator("button[type=submit]:has-text('Publish')").click()
    page.wait_for_url(f"**{settings_url()}")
    assert axe_violations(page) == []
    assert PrivacyNotice.objects.get(programme=programme).version == "2027-01"
