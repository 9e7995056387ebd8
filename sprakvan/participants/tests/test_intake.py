"""Public self-registration: the form, consent, honeypot, throttle, duplicates, sources."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.models import Consent, Participant
from sprakvan.participants.sources import make_source_token
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def newcomer_form(programme: Programme, **overrides: Any) -> dict[str, Any]:
    data = {
        "first_name": "Amina",
        "last_name": "Hussein",
        "gender": "woman",
        "birth_year": "1991",
        "district": str(programme.districts.get(name="Skäggetorp").pk),
        "swedish_level": "2",
        "phone": "070-123 45 67",
        "email": "amina@example.org",
        "languages": ["ar", "en"],
        "interests": ["cooking", "walking"],
        "availability": ["5", "8"],
        "wish_gender": "woman",
        "wish_age_min": "",
        "wish_age_max": "",
        "heard_about": "friend",
        "consent": "on",
        "consent_sms": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def register_url(programme: Programme, group: str = "nyanland") -> str:
    return reverse("participants_public:register", args=[programme.slug, group])


def test_newcomer_registration_creates_a_waiting_participant_with_dated_consent(
    client: Client, programme: Programme
) -> None:
    response = client.post(register_url(programme), newcomer_form(programme))

    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("participants_public:receipt", args=[programme.slug])
    )
    person = Participant.objects.get(programme=programme)
    assert (person.group, person.status, person.source) == (
        "newcomer",
        "waiting",
        "self_registration",
    )
    assert str(person.phone) == "+46701234567"
    assert set(person.language_codes) == {"en", "ar"}
    assert set(person.interest_slugs) == {"cooking", "walking"}
    assert person.availability == (1 << 5) | (1 << 8)
    assert person.district is not None
    assert person.district.name == "Skäggetorp"
    consents = Consent.objects.filter(participant=person)
    assert {(c.purpose, c.channel) for c in consents} == {("registration", ""), ("messages", "sms")}
    assert all(c.text_version and c.given_at and c.withdrawn_at is None for c in consents)


def test_the_receipt_says_what_happens_next_and_holds_no_personal_data_in_its_address(
    client: Client, programme: Programme
) -> None:
    response = client.post(register_url(programme), newcomer_form(programme), follow=True)

    url = response.redirect_chain[-1][0]
    assert "Amina" not in url and "070" not in url and "amina" not in url
    assert "call you on the phone" in response.content.decode()


def test_registration_without_consent_saves_nothing_and_keeps_what_was_typed(
    client: Client, programme: Programme
) -> None:
    response = client.post(register_url(programme), newcomer_form(programme, consent=""))

    assert response.status_code == 200
    assert not Participant.objects.exists()
    html = response.content.decode()
    assert "You must agree before you can sign up." in html
    assert 'value="Amina"' in html


def test_the_consent_box_is_not_ticked_beforehand(client: Client, programme: Programme) -> None:
    html = client.get(register_url(programme)).content.decode()
    consent_input = html.split('name="consent"')[1].split(">")[0]
    assert "checked" not in consent_input


def test_an_impossible_birth_year_is_refused_with_a_clear_message(
    client: Client, programme: Programme
) -> None:
    response = client.post(register_url(programme), newcomer_form(programme, birth_year="91"))

    assert "four digits" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_filled_honeypot_gets_the_receipt_but_saves_nothing(
    client: Client, programme: Programme
) -> None:
    response = client.post(
        register_url(programme), newcomer_form(programme, website="http://spam.example")
    )

    assert response.status_code == 302
    assert not Participant.objects.exists()


def test_one_address_is_throttled_after_the_hourly_limit(
    client: Client, programme: Programme, settings: Any
) -> None:
    settings.REGISTRATION_RATE_PER_HOUR = 2
    for n in range(2):
        client.post(register_url(programme), newcomer_form(programme, phone=f"07012345{n}0"))

    response = client.post(register_url(programme), newcomer_form(programme, phone="0701234599"))

    assert response.status_code == 429
    assert Participant.objects.count() == 2


def test_registering_again_with_the_same_phone_is_flagged_as_a_possible_duplicate(
    client: Client, programme: Programme
) -> None:
    first = ParticipantFactory(programme=programme, phone="+46701234567")

    client.post(register_url(programme), newcomer_form(programme, email=""))

    second = Participant.objects.exclude(pk=first.pk).get()
    assert second.possible_duplicate_of == first
    assert list(Participant.objects.filter(programme=programme).current()) == [first]


def test_the_same_phone_in_another_programme_is_not_a_duplicate(
    client: Client, programme: Programme, other_programme: Programme
) -> None:
    ParticipantFactory(programme=other_programme, phone="+46701234567")

    client.post(register_url(programme), newcomer_form(programme))

    assert Participant.objects.get(programme=programme).possible_duplicate_of is None


def test_an_established_volunteer_states_capacity_and_families(
    client: Client, programme: Programme
) -> None:
    data = newcomer_form(programme, capacity="2", accepts_family="on")
    data.pop("swedish_level")

    client.post(register_url(programme, "etablerad"), data)

    person = Participant.objects.get()
    assert (person.group, person.capacity, person.accepts_family) == ("established", 2, True)
    assert person.swedish_level is None


def test_a_referral_link_records_the_organisation_as_source(
    client: Client, programme: Programme
) -> None:
    organisation = Organisation.objects.create(programme=programme, name="AMC", kind="other")
    token = make_source_token(organisation=organisation)

    client.post(register_url(programme) + f"?via={token}", newcomer_form(programme))

    person = Participant.objects.get()
    assert (person.source, person.source_organisation) == ("referral", organisation)
    assert person.needs_review


def test_an_event_link_records_the_fair_and_a_forged_token_is_a_plain_sign_up(
    client: Client, programme: Programme
) -> None:
    event = OutreachEvent.objects.create(programme=programme, name="Bergadagen", date="2019-08-24")
    token = make_source_token(event=event)

    client.post(register_url(programme) + f"?via={token}", newcomer_form(programme))
    client.post(
        register_url(programme) + f"?via={token}x",
        newcomer_form(programme, phone="0709999999", email="other@example.org"),
    )

    fair, plain = Participant.objects.order_by("pk")
    assert (fair.source, fair.source_event) == ("fair", event)
    assert (plain.source, plain.source_event) == ("self_registration", None)


def test_a_token_of_another_programme_is_ignored(
    client: Client, programme: Programme, other_programme: Programme
) -> None:
    foreign = Organisation.objects.create(programme=other_programme, name="X", kind="other")

    client.post(
        register_url(programme) + f"?via={make_source_token(organisation=foreign)}",
        newcomer_form(programme),
    )

    assert Participant.objects.get().source_organisation is None


def test_the_form_is_in_arabic_right_to_left_when_arabic_is_chosen(
    client: Client, programme: Programme
) -> None:
    client.post(reverse("set_language"), {"language": "ar"})

    html = client.get(register_url(programme)).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html


def test_the_registration_remembers_the_language_it_was_made_in(
    client: Client, programme: Programme
) -> None:
    client.post(reverse("set_language"), {"language": "ar"})
    client.post(register_url(programme), newcomer_form(programme))

    assert Participant.objects.get().preferred_language == "ar"


def test_an_unknown_programme_or_group_is_404(client: Client, programme: Programme) -> None:
    assert client.get(reverse("participants_public:choose", args=["nowhere"])).status_code == 404
    assert client.get(register_url(programme, "somebody")).status_code == 404
