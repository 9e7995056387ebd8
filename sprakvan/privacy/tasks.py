"""Background work of privacy: making and sending a sign-in code and link, in the worker."""

from __future__ import annotations

import datetime

from django.tasks import task

from sprakvan.participants.models import Participant

from .signin import send_sign_in


@task
def send_sign_in_task(participant_id: int | None, channel: str, request_hash: str, at: str) -> None:
    """Send a sign-in code and link to this participant; nothing for an address that is
    nobody's (None: the request looked the same from outside)."""
    if participant_id is None:
        return
    participant = Participant.objects.current().filter(pk=participant_id).first()
    if participant is None:
        return
    send_sign_in(
        participant,
        channel=channel,
        request_hash=request_hash,
        now=datetime.datetime.fromisoformat(at),
    )
