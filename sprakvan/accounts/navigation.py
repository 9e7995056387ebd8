"""The staff menu: which pages each role reaches, and the context every page gets from it."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import current_memberships, memberships_of
from .models import Role

COORDINATOR, LEADER = Role.COORDINATOR, Role.ACTIVITY_LEADER
VIEWER, REFERRER = Role.PARTNER_VIEWER, Role.REFERRER

MENU = [
    ("participants:list", _("Participants"), {COORDINATOR}),
    ("participants:waiting", _("Waiting list"), {COORDINATOR}),
    ("matching:proposals", _("Propose pairs"), {COORDINATOR}),
    ("matching:pair_list", _("Pairs"), {COORDINATOR}),
    ("activities:activity_list", _("Activities"), {COORDINATOR, LEADER}),
    ("activities:session_list", _("Sessions"), {COORDINATOR, LEADER}),
    ("activities:venue_list", _("Venues"), {COORDINATOR}),
    ("partners:organisation_list", _("Partners"), {COORDINATOR}),
    ("partners:referral_list", _("Referrals"), {COORDINATOR, REFERRER}),
    ("partners:outreach_list", _("Outreach"), {COORDINATOR}),
    ("partners:finances", _("Finances"), {COORDINATOR, VIEWER}),
    ("reports:dashboard", _("Reports"), {COORDINATOR, VIEWER}),
    ("messaging:outbox", _("Messages"), {COORDINATOR}),
    ("accounts:staff_list", _("Staff"), {COORDINATOR}),
    ("accounts:audit_log", _("Audit log"), {COORDINATOR}),
    ("privacy:settings", _("Privacy"), {COORDINATOR}),
]


def menu_for(roles: set[str]) -> list[tuple[str, str, str]]:
    """(url name, url, label) of the pages the roles reach."""
    return [(name, reverse(name), str(label)) for name, label, allowed in MENU if roles & allowed]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: the menu, the current programme and the user's programmes."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    current = current_memberships(request)
    roles = {m.role for m in current}
    programmes = {m.programme for m in memberships_of(request)}
    return {
        "current_programme": current[0].programme if current else None,
        "current_roles": roles,
        "staff_menu": menu_for(roles),
        "user_programmes": sorted(programmes, key=lambda p: p.name),
    }
