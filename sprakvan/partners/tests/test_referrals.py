"""Referrals: a referrer refers a person with recorded consent and sees only their own."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.models import Organisation
from sprakvan.participants.models import Consent, Participant
from sprakvan.participants.services import change_status, mark_reviewed
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import Referral, ReferralStatus
from sprakvan.partners.services import refer_person
from sprakvan.partners.tests.factories import ReferralFactory

ClientFor = Callable[[User], Client]


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "group": "newcomer",
        "first_name": "Hodan",
        "last_name": "Abdullahi",
        "phone": "070-123 45 67",
        "email": "",
        "gender": "woman",
        "birth_year": "1991",
        "district": "",
        "notes": "Prefers mornings, has two children",
        "consent_given_by": "person",
        "consent_method": "phone",
        "consent_date": "2019-03-04",
        "consent_sms": "on",
    }
    data.update(overrides)
    return data


def test_referrer_refers_a_person_who_becomes_a_flagged_participant_from_the_organisation(
    client_for: ClientFor, referrer: User, referring_organisation: Organisation
) -> None:
    response = client_for(referrer).post(reverse("partners:referral_create"), _form())
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:referral_detail", args=[referral.pk])
    person = referral.participant
    assert person is not None
    assert (person.source, person.source_organisation) == ("referral", referring_organisation)
    assert person.needs_review
    assert str(person.phone) == "+46701234567"
    assert (referral.referrer, referral.organisation) == (referrer, referring_organisation)
    assert (referral.consent_method, referral.consent_date) == ("phone", datetime.date(2019, 3, 4))
    consents = Consent.objects.filter(participant=person)
    assert {(c.purpose, c.channel) for c in consents} == {("registration", ""), ("messages", "sms")}
    assert all(c.recorded_by == referrer for c in consents)
    assert AuditEvent.objects.filter(action="partners.referral.created").exists()


def test_referral_needs_a_phone_or_an_e_mail_and_a_consent_method(
    client_for: ClientFor, referrer: User
) -> None:
    response = client_for(referrer).post(
        reverse("partners:referral_create"), _form(phone="", consent_method="")
    )
    assert response.status_code == 200
    assert not Participant.objects.exists()
    assert "consent_method" in response.context["form"].errors


def test_referral_consent_cannot_be_dated_in_the_future(
    client_for: ClientFor, referrer: User
) -> None:
    response = client_for(referrer).post(
        reverse("partners:referral_create"), _form(consent_date="2999-01-01")
    )
    assert "consent_date" in response.context["form"].errors


def test_only_referrers_refer(client_for: ClientFor, coordinator: User) -> None:
    response = client_for(coordinator).get(reverse("partners:referral_create"))
    assert response.status_code == 403


@pytest.fixture
def rami_referral(referrer: User, referring_organisation: Organisation) -> Referral:
    return refer_person(
        organisation=referring_organisation,
        referrer=referrer,
        group="newcomer",
        values={
            "first_name": "Hodan",
            "last_name": "Abdullahi",
            "phone": "+46701234567",
            "notes": "Prefers mornings",
        },
        consent_given_by="person",
        consent_method="in_person",
        consent_date=datetime.date(2019, 3, 1),
    )


@pytest.fixture
def rut_referral(other_referrer: User, red_cross: Organisation) -> Referral:
    return refer_person(
        organisation=red_cross,
        referrer=other_referrer,
        group="newcomer",
        values={"first_name": "Zahra", "last_name": "Karimi", "phone": "+46709999999"},
        consent_given_by="person",
        consent_method="written",
        consent_date=datetime.date(2019, 3, 1),
    )


def test_another_organisations_referral_is_404_for_a_referrer(
    client_for: ClientFor, referrer: User, rut_referral: Referral
) -> None:
    response = client_for(referrer).get(reverse("partners:referral_detail", args=[rut_referral.pk]))
    assert response.status_code == 404


def test_referrer_list_shows_only_their_own_referrals(
    client_for: ClientFor,
    referrer: User,
    rami_referral: Referral,
    rut_referral: Referral,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(referrer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("partners:referral_list"))
    body = response.content.decode()
    assert "Hodan" in body
    assert "Zahra" not in body
    assert "Röda Korset" not in body


def test_referrer_sees_no_personal_data_beyond_their_own_referral(
    client_for: ClientFor, coordinator: User, referrer: User, rami_referral: Referral
) -> None:
    hodan = rami_referral.participant
    assert hodan is not None
    friend = ParticipantFactory(
        programme=hodan.programme, group="established", first_name="Birgitta", last_name="Ek"
    )
    Pair.objects.create(
        programme=hodan.programme,
        newcomer=hodan,
        established=friend,
        state="active",
        started_on=datetime.date(2019, 4, 1),
    )
    mark_reviewed(hodan, reviewed_by=coordinator)
    change_status(hodan, status="matched", changed_by=coordinator)
    client = client_for(referrer)
    for url in [
        reverse("partners:referral_list"),
        reverse("partners:referral_detail", args=[rami_referral.pk]),
    ]:
        body = client.get(url).content.decode()
        assert "Matched" in body
        for secret in ["Birgitta", "Prefers mornings", "Abdullahi", "+46701234567", "070"]:
            assert secret not in body, (url, secret)


def test_coordinator_sees_all_referrals_by_organisation_with_the_person(
    client_for: ClientFor,
    coordinator: User,
    rami_referral: Referral,
    rut_referral: Referral,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(coordinator)
    with django_assert_max_num_queries(8):
        body = client.get(reverse("partners:referral_list")).content.decode()
    assert "Hodan" in body and "Zahra" in body
    assert "Arbetsmarknadscentrum" in body and "Röda Korset" in body
    detail = client.get(reverse("partners:referral_detail", args=[rut_referral.pk]))
    assert "Karimi" in detail.content.decode()


def test_outsider_gets_404_for_a_referral(
    client_for: ClientFor, outsider: User, rami_referral: Referral
) -> None:
    response = client_for(outsider).get(
        reverse("partners:referral_detail", args=[rami_referral.pk])
    )
    assert response.status_code == 404


def test_partner_viewer_may_not_see_referrals(
    client_for: ClientFor, partner_viewer: User, rami_referral: Referral
) -> None:
    client = client_for(partner_viewer)
    assert client.get(reverse("partners:referral_list")).status_code == 403
    detail = reverse("partners:referral_detail", args=[rami_referral.pk])
    assert client.get(detail).status_code == 403


def test_referral_status_follows_the_participant(
    coordinator: User, rami_referral: Referral
) -> None:
    person = rami_referral.participant
    assert person is not None
    assert rami_referral.status == ReferralStatus.RECEIVED
    mark_reviewed(person, reviewed_by=coordinator)
    assert rami_referral.status == ReferralStatus.WAITING
    change_status(person, status="matched", changed_by=coordinator)
    assert rami_referral.status == ReferralStatus.MATCHED
    change_status(person, status="left", changed_by=coordinator)
    assert rami_referral.status == ReferralStatus.LEFT


def test_a_referral_whose_person_is_gone_counts_as_left(programme: Programme) -> None:
    referral = ReferralFactory(organisation__programme=programme, participant=None)
    assert referral.status == ReferralStatus.LEFT
