"""The staff menu: which pages each role reaches, in groups, and the context every page gets."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .access import current_memberships, memberships_of
from .models import Role

COORDINATOR, LEADER = Role.COORDINATOR, Role.ACTIVITY_LEADER
VIEWER, REFERRER = Role.PARTNER_VIEWER, Role.REFERRER

MenuItem = tuple[str, Promise, set[str]]

# (group label, [(url name, label, roles that reach it)]).
GROUPS: list[tuple[Promise, list[MenuItem]]] = [
    (
        _("Participants"),
        [
            ("participants:list", _("Participants"), {COORDINATOR}),
            ("participants:waiting", _("Waiting list"), {COORDINATOR}),
        ],
    ),
    (
        pgettext_lazy("menu group", "Matching"),
        [
            ("matching:proposals", _("Propose pairs"), {COORDINATOR}),
            ("matching:pair_list", _("Pairs"), {COORDINATOR}),
        ],
    ),
    (
        _("Activities"),
        [
            ("activities:activity_list", _("Activities"), {COORDINATOR, LEADER}),
            ("activities:session_list", _("Sessions"), {COORDINATOR, LEADER}),
            ("activities:venue_list", _("Venues"), {COORDINATOR}),
        ],
    ),
    (
        _("Partners"),
        [
            ("partners:organisation_list", _("Partners"), {COORDINATOR}),
            ("partners:referral_list", _("Referrals"), {COORDINATOR, REFERRER}),
            ("partners:outreach_list", _("Outreach"), {COORDINATOR}),
            ("partners:finances", _("Finances"), {COORDINATOR, VIEWER}),
        ],
    ),
    (
        _("Reports"),
        [
            ("reports:dashboard", _("Reports"), {COORDINATOR, VIEWER}),
            ("reports:document", _("Partner dialogue"), {COORDINATOR, VIEWER}),
            ("reports:goal_list", _("Goals"), {COORDINATOR}),
        ],
    ),
    (
        _("Settings"),
        [
            ("accounts:staff_list", _("Staff"), {COORDINATOR}),
            ("messaging:outbox", _("Messages"), {COORDINATOR}),
            ("accounts:audit_log", _("Audit log"), {COORDINATOR}),
            ("privacy:settings", _("Privacy"), {COORDINATOR}),
            ("accessibility:report_list", _("Accessibility reports"), {COORDINATOR}),
            ("api:token_list", _("API tokens"), {COORDINATOR}),
        ],
    ),
]

MENU: list[MenuItem] = [item for _label, items in GROUPS for item in items]


@dataclass(frozen=True)
class MenuLink:
    name: str
    url: str
    label: str
    current: bool  # this very page: aria-current="page"
    active: bool  # the page belongs to this link's section (a detail page below its list)


@dataclass(frozen=True)
class MenuGroup:
    label: str
    links: list[MenuLink]

    @property
    def active(self) -> bool:
        return any(link.active for link in self.links)


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # an item whose page does not exist yet
        return None


def menu_for(roles: set[str]) -> list[tuple[str, str, str]]:
    """(url name, url, label) of the pages the roles reach."""
    return [
        (name, url, str(label))
        for name, label, allowed in MENU
        if roles & allowed and (url := _url(name)) is not None
    ]


def menu_groups_for(roles: set[str], path: str) -> list[MenuGroup]:
    """The groups the roles reach, each with its links, marking the section `path` is in.

    A page belongs to the link whose URL is the longest prefix of its path, so a pair's page
    (/matching/pairs/7/) marks "Pairs" and not "Propose pairs" (/matching/).
    """
    reached = menu_for(roles)
    section = max(
        (url for _name, url, _label in reached if path.startswith(url)), key=len, default=None
    )
    groups = []
    for group_label, items in GROUPS:
        in_group = {item[0] for item in items}
        links = [
            MenuLink(name, url, label, current=path == url, active=url == section)
            for name, url, label in reached
            if name in in_group
        ]
        if links:
            groups.append(MenuGroup(str(group_label), links))
    return groups


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
        "staff_menu_groups": menu_groups_for(roles, request.path),
        "user_programmes": sorted(programmes, key=lambda p: p.name),
    }
