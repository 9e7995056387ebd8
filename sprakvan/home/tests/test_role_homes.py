"""The leader's, the referrer's and the partner viewer's homes, and "/" for everyone else."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import UserFactory
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import ReferralStatus
from sprakvan.partners.tests.factories import ReferralFactory

# "Today" is read by the world, the page and the test: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def test_the_leaders_home_puts_todays_session_first_then_the_week_in_date_order(
    leader: User, programme: Programme, client_for: Any
) -> None:
    mine = ActivityFactory(programme=programme, title="Språkcafé Skäggetorp")
    mine.leaders.add(leader)
    later = SessionFactory(activity=mine, date=_day(4))
    sooner = SessionFactory(activity=mine, date=_day(1))
    today = SessionFactory(activity=mine, date=_day(0))
    SessionFactory(activity=mine, date=_day(7))  # next week
    SessionFactory(activity=mine, date=_day(-1))  # yesterday
    SessionFactory(activity=ActivityFactory(programme=programme), date=_day(0))  # not led by Leo

    response = client_for(leader).get("/")

    home = response.context["leader"]
    assert home.today == [today]
    assert home.later == [sooner, later]
    html = response.content.decode()
    attendance = reverse("activities:session_attendance", args=[today.pk])
    assert f'class="btn btn-primary btn-lg" href="{attendance}"' in html
    assert html.index(attendance) < html.index(
        reverse("activities:session_attendance", args=[sooner.pk])
    )
    assert "coordinator" not in response.context


def test_a_leader_sees_only_their_own_programmes_sessions(
    leader: User, other_programme: Programme, client_for: Any
) -> None:
    theirs = ActivityFactory(programme=other_programme)
    theirs.leaders.add(leader)  # a stray row: Leo has no role in the other programme
    SessionFactory(activity=theirs, date=_day(0))

    home = client_for(leader).get("/").context["leader"]

    assert home.today == [] and home.later == []


def test_the_referrers_home_offers_a_referral_and_the_status_of_their_own(
    referrer: User,
    programme: Programme,
    referring_organisation: Organisation,
    other_programme: Programme,
    client_for: Any,
) -> None:
    def refer(referrer_: User | None, organisation: Organisation, **person: Any) -> None:
        participant = ParticipantFactory(programme=organisation.programme, **person)
        ReferralFactory(organisation=organisation, referrer=referrer_, participant=participant)

    refer(referrer, referring_organisation, needs_review=True)
    refer(referrer, referring_organisation, status="matched")
    refer(referrer, referring_organisation, status="matched")
    refer(None, referring_organisation, status="waiting")  # a colleague's
    elsewhere = Organisation.objects.create(programme=other_programme, name="X", kind="other")
    refer(referrer, elsewhere, status="waiting")

    response = client_for(referrer).get("/")

    home = response.context["referrer"]
    assert dict(home.by_status) == {
        ReferralStatus.RECEIVED: 1,
        ReferralStatus.WAITING: 0,
        ReferralStatus.MATCHED: 2,
        ReferralStatus.LEFT: 0,
    }
    assert home.total == 3
    html = response.content.decode()
    assert f'href="{reverse("partners:referral_create")}"' in html
    assert f'href="{reverse("partners:referral_list")}"' in html


def test_the_partner_viewer_gets_the_reports_and_finances_they_can_open(
    partner_viewer: User, client_for: Any
) -> None:
    client = client_for(partner_viewer)
    html = client.get("/").content.decode()

    for name in ["reports:dashboard", "reports:document", "partners:finances"]:
        url = reverse(name)
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_leaders_home_reads_in_the_users_language(
    leader: User, programme: Programme, client_for: Any, language: str
) -> None:
    activity = ActivityFactory(programme=programme)
    activity.leaders.add(leader)
    SessionFactory(activity=activity, date=_day(0))
    client = client_for(leader)
    client.post(reverse("set_language"), {"language": language})

    html = client.get("/").content.decode()

    with override(language):
        assert gettext("Take attendance") in html


def test_a_visitor_gets_the_front_page(client: Client, programme: Programme) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert reverse("core:programme_page", args=[programme.slug]) in response.content.decode()
    assert "coordinator" not in response.context


def test_the_platform_admin_without_a_role_keeps_their_links(db: None) -> None:
    admin = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)

    html = client.get("/").content.decode()

    assert reverse("accounts:programme_list") in html
    assert reverse("accounts:locked_list") in html
