"""The staff menu: which pages each role reaches."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

COORDINATOR = "coordinator"
LEADER = "activity_leader"
VIEWER = "partner_viewer"
REFERRER = "referrer"

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
    ("accounts:staff_list", _("Staff"), {COORDINATOR}),
    ("core:audit_log", _("Audit log"), {COORDINATOR}),
]


def menu_for(roles: set[str]) -> list[tuple[str, str, str]]:
    """(url name, url, label) of the pages the roles reach."""
    return [(name, reverse(name), str(label)) for name, label, allowed in MENU if roles & allowed]
