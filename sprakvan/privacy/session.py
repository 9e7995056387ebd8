"""Who is signed in to a programme's own page: a participant id in the Django session.

A participant never has an account: a one-time link or code (privacy.signin) puts their id in
the session, for this programme only. The sign-in ends after IDLE without a request, when they
sign out, and at once when they are erased (their row no longer lets anyone in).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant

IDLE_SECONDS = 30 * 60


def _key(programme: Programme) -> str:
    return f"privacy.own:{programme.pk}"


def sign_in(request: HttpRequest, participant: Participant) -> None:
    """Sign the person in to their programme's own page, with a new session key."""
    request.session.cycle_key()
    request.session[_key(participant.programme)] = {"id": participant.pk, "seen": time.time()}


def sign_out(request: HttpRequest, programme: Programme) -> None:
    request.session.pop(_key(programme), None)


def signed_in(request: HttpRequest, programme: Programme) -> Participant | None:
    """The participant signed in to this programme's page, or None (and the sign-in ends)
    when there is none, it was idle too long, or the person was erased."""
    entry = request.session.get(_key(programme))
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), int):
        return None
    now = time.time()
    participant = None
    if now - entry.get("seen", 0) <= IDLE_SECONDS:
        participant = Participant.objects.filter(
            pk=entry["id"], programme=programme, erased_at__isnull=True
        ).first()
    if participant is None:
        sign_out(request, programme)
        return None
    request.session[_key(programme)] = {"id": participant.pk, "seen": now}
    return participant


class OwnPageRequest(HttpRequest):
    """A request to a signed-in participant's own page (for type checking)."""

    programme: Programme
    participant: Participant


def own_page_view(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """A view of the signed-in participant's own page: sets `request.programme` and
    `request.participant`; without a sign-in, to the sign-in page of that programme."""

    @wraps(view)
    def wrapper(request: HttpRequest, programme_slug: str, *args: Any, **kwargs: Any) -> Any:
        programme = get_programme_or_404(programme_slug)
        participant = signed_in(request, programme)
        if participant is None:
            return redirect("privacy_public:sign_in", programme_slug=programme.slug)
        request.programme = programme  # type: ignore[attr-defined]
        request.participant = participant  # type: ignore[attr-defined]
        response = view(request, programme_slug, *args, **kwargs)
        # Personal pages are never kept by a shared computer's browser or a proxy.
        add_never_cache_headers(response)
        return response

    return wrapper
