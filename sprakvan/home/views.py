"""The start page: what needs doing, for each role in the user's current programme."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sprakvan.accounts.access import current_memberships
from sprakvan.accounts.models import Role, User
from sprakvan.core import views as core_views

from . import queries


def home(request: HttpRequest) -> HttpResponse:
    """Staff with a role in a programme: their home. Visitors, the platform admin without a
    role, and users without a programme: the front page (core)."""
    memberships = current_memberships(request)
    if not memberships:
        return core_views.home(request)
    programme = memberships[0].programme
    roles = {m.role for m in memberships}
    user = cast(User, request.user)
    today = timezone.localdate()
    context: dict[str, Any] = {"programme": programme, "roles": roles, "today": today}
    if Role.COORDINATOR in roles:
        # The coordinator's home holds every other role's part (sessions, referrals, reports).
        context["coordinator"] = queries.coordinator_home(programme, today=today)
        return render(request, "home/home.html", context)
    if Role.ACTIVITY_LEADER in roles:
        context["leader"] = queries.leader_home(programme, user, today=today)
    referrer = next((m for m in memberships if m.role == Role.REFERRER), None)
    if referrer is not None:
        context["referrer"] = queries.referrer_home(programme, user, referrer.organisation)
    context["viewer"] = Role.PARTNER_VIEWER in roles
    return render(request, "home/home.html", context)
