"""The authorization matrix's world: Vi ses and Norrköping with one object of every kind,
built once per module inside a transaction that is rolled back at its end. It lives in `demo`,
the top of the app order, because it builds objects of every app.

Each test runs in a savepoint of that transaction (pytest-django's `db`), so a POST that
deletes or changes a row leaves the world as it was for the next cell.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import Invitation, User
from sprakvan.accounts.services import invitation_token
from sprakvan.accounts.tests.factories import MembershipFactory, UserFactory
from sprakvan.activities import checkin
from sprakvan.activities.models import Attendance
from sprakvan.activities.tests.factories import (
    ActivityFactory,
    ScheduleFactory,
    SessionFactory,
    VenueFactory,
)
from sprakvan.core.models import Programme
from sprakvan.core.tests.factories import DistrictFactory, ProgrammeFactory
from sprakvan.matching.models import FollowUp, ProposalRun
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.organisations.tests.factories import OrganisationFactory, OutreachEventFactory
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.tests.factories import (
    AgreementFactory,
    BudgetLineFactory,
    ContributionFactory,
    CostFactory,
    LeadFactory,
    ReferralFactory,
)
from sprakvan.privacy.session import sign_in
from sprakvan.reports.models import DocumentBuild, Goal

from .authorization import REDIRECT, TABLE, Matrix, Role, World

IMPORT_CSV = (
    b"external_id;group;first_name;last_name;gender;birth_year;phone;district;languages;"
    b"registered_on\nEXT-1;newcomer;Imra;Testsson;woman;1991;;;;2019-02-03\n"
)


def _member(programme: Programme, role: str, email: str, first: str, **extra: Any) -> User:
    user = UserFactory(email=email, first_name=first)
    MembershipFactory(user=user, programme=programme, role=role, **extra)
    return user


def _world(
    programme: Programme, *, coordinator: User, leader: User, referrer: User, today: datetime.date
) -> World:
    district = programme.districts.first()
    organisation = referrer.memberships.get().organisation
    assert organisation is not None
    newcomer = ParticipantFactory(programme=programme, group="newcomer", district=district)
    established = ParticipantFactory(programme=programme, group="established", capacity=1)
    venue = VenueFactory(programme=programme, district=district)
    activity = ActivityFactory(programme=programme, venue=venue, district=district)
    activity.leaders.add(leader)
    regular = ParticipantFactory(programme=programme, first_name="Regular")
    earlier = SessionFactory(activity=activity, date=today - datetime.timedelta(days=7))
    Attendance.objects.create(session=earlier, participant=regular)
    pair = PairFactory(programme=programme)
    agreement = AgreementFactory(programme=programme)
    agreement.parties.add(organisation)
    agreement.document.save("iop.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    budget_line = BudgetLineFactory(programme=programme)
    event = OutreachEventFactory(programme=programme, district=district)
    invitation = Invitation.objects.create(
        programme=programme, email=f"new@{programme.slug}.example.org", role="activity_leader"
    )
    session = SessionFactory(activity=activity, date=today)
    return World(
        programme=programme,
        coordinator=coordinator,
        leader=leader,
        leader_membership=leader.memberships.get(),
        organisation=organisation,
        newcomer=newcomer,
        established=established,
        regular=regular,
        duplicate=ParticipantFactory(programme=programme, possible_duplicate_of=newcomer),
        batch=ImportBatch.objects.create(
            programme=programme, uploaded_by=coordinator, filename="list.csv", content=IMPORT_CSV
        ),
        run=ProposalRun.objects.create(programme=programme, requested_by=coordinator, today=today),
        pair=pair,
        follow_up=FollowUp.objects.create(
            pair=pair, kind=FollowUp.Kind.ONE_MONTH, due_on=datetime.date(2019, 4, 10)
        ),
        activity=activity,
        schedule=ScheduleFactory(activity=activity),
        session=session,
        venue=venue,
        referral=ReferralFactory(
            organisation=organisation,
            referrer=referrer,
            participant=ParticipantFactory(programme=programme),
        ),
        event=event,
        lead=LeadFactory(event=event),
        agreement=agreement,
        contribution=ContributionFactory(agreement=agreement, party=organisation),
        budget_line=budget_line,
        cost=CostFactory(budget_line=budget_line),
        goal=Goal.objects.create(
            programme=programme,
            year=today.year,
            title="More language friends than last year",
            kind="more_than_last_year",
            measure="new_pairs",
        ),
        document_build=DocumentBuild.objects.create(
            programme=programme,
            requested_by=coordinator,
            format="pdf",
            period_start=datetime.date(today.year, 1, 1),
            period_end=today,
            suppressed=False,  # the coordinator's: exact counts
            today=today,
            inputs_key=f"world-{programme.slug}",
        ),
        invitation_token=invitation_token(invitation),
        checkin_token=checkin.make_token(session.pk),
    )


def _build(today: datetime.date) -> Matrix:
    vi_ses = ProgrammeFactory(name="Vi ses! Språkvänner", slug="vi-ses", city="Linköping")
    DistrictFactory(programme=vi_ses, name="Skäggetorp")
    norrkoping = ProgrammeFactory(name="Språkvänner Norrköping", slug="norrkoping")
    DistrictFactory(programme=norrkoping, name="Hageby")
    arbetsmarknad = OrganisationFactory(programme=vi_ses, name="Arbetsmarknadscentrum")
    red_cross = OrganisationFactory(programme=vi_ses, name="Röda Korset Linköping Södra")
    users = {
        Role.COORDINATOR: _member(vi_ses, "coordinator", "alice@example.org", "Alice"),
        Role.LEADER: _member(vi_ses, "activity_leader", "leo@example.org", "Leo"),
        Role.OTHER_LEADER: _member(vi_ses, "activity_leader", "lina@example.org", "Lina"),
        Role.PARTNER_VIEWER: _member(vi_ses, "partner_viewer", "petra@example.org", "Petra"),
        Role.REFERRER: _member(
            vi_ses, "referrer", "rami@example.org", "Rami", organisation=arbetsmarknad
        ),
        Role.OTHER_REFERRER: _member(
            vi_ses, "referrer", "rut@example.org", "Rut", organisation=red_cross
        ),
        Role.PLATFORM_ADMIN: User.objects.create_superuser(
            "ada@example.org", "x", first_name="Ada"
        ),
        Role.OUTSIDER: _member(norrkoping, "coordinator", "olle@example.org", "Olle"),
    }
    ActivityFactory(programme=vi_ses, title="Walk and talk").leaders.add(users[Role.OTHER_LEADER])
    own = _world(
        vi_ses,
        coordinator=users[Role.COORDINATOR],
        leader=users[Role.LEADER],
        referrer=users[Role.REFERRER],
        today=today,
    )
    norrkoping_organisation = OrganisationFactory(programme=norrkoping, name="Hageby bibliotek")
    other = _world(
        norrkoping,
        coordinator=users[Role.OUTSIDER],
        leader=_member(norrkoping, "activity_leader", "nils@example.org", "Nils"),
        referrer=_member(
            norrkoping, "referrer", "nora@example.org", "Nora", organisation=norrkoping_organisation
        ),
        today=today,
    )
    sessions = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        client.get("/")  # the session's first request stamps it, so later ones need not write
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return Matrix(
        own,
        dataclasses.replace(other, programme=vi_ses),
        sessions,
        participant_session=_signed_in_session(own.newcomer),
    )


def pages_for(role: Role, world: World) -> list[tuple[str, str]]:
    """(route name, address) of every page the role gets with a 200."""
    pages = []
    for name, row in TABLE.items():
        if row.get.get(role) != 200:
            continue
        address = reverse(name, kwargs=row.address_kwargs(world))
        if row.query:
            address += "?" + urlencode(row.query(world))
        pages.append((name, address))
    return pages


def own_pages(world: World) -> list[tuple[str, str]]:
    """(route name, address) of the pages a participant sees once signed in to their own page
    (a visitor without the sign-in is sent to it), and their data as a PDF."""
    pages = [
        (name, reverse(name, kwargs=row.address_kwargs(world)))
        for name, row in TABLE.items()
        if name.startswith("privacy_public:own") and row.get.get(Role.ANONYMOUS) == REDIRECT
    ]
    pdf = reverse("privacy_public:download", args=[world.programme.slug, "pdf"])
    return [*pages, ("privacy_public:download", pdf)]


def _signed_in_session(participant: Participant) -> str:
    """A session in which the participant has signed in to their own page."""
    request = RequestFactory().get("/")
    request.session = SessionStore()
    sign_in(request, participant)
    request.session.save()
    return str(request.session.session_key)


@pytest.fixture(scope="module")
def matrix(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Matrix]:
    media = tmp_path_factory.mktemp("media")
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast_hashing),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build(timezone.localdate())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
