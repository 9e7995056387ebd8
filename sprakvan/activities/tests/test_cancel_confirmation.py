"""Asking before cancelling a session, and naming the session that was cancelled."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from sprakvan.activities.models import Session
from sprakvan.core.bidi import named
from sprakvan.core.concurrency import version_of

pytestmark = pytest.mark.django_db


def test_the_cancel_question_says_what_happens_and_cancels_nothing(client_for, leader, session):
    response = client_for(leader).get(
        reverse("activities:session_cancel_confirm", args=[session.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert _("Cancel this session?") in body
    assert f"<bdi>{session.activity.title}</bdi>" in body
    assert 'name="note"' in body and 'name="version"' in body
    assert f'action="{reverse("activities:session_cancel", args=[session.pk])}"' in body
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED


def test_cancelling_names_the_session(client_for, leader, session):
    response = client_for(leader).post(
        reverse("activities:session_cancel", args=[session.pk]),
        {"note": "", "version": version_of(session)},
    )

    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        named(
            _("%(activity)s on %(date)s is cancelled."),
            activity=session.activity.title,
            date=session.date.isoformat(),
        )
    ]


def test_the_session_page_asks_before_cancelling(client_for, leader, session):
    body = (
        client_for(leader)
        .get(reverse("activities:session_attendance", args=[session.pk]))
        .content.decode()
    )

    assert reverse("activities:session_cancel_confirm", args=[session.pk]) in body
    assert f'action="{reverse("activities:session_cancel", args=[session.pk])}"' not in body
