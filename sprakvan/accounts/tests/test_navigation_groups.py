"""The staff menu in groups: what each role sees, the marked section, and that it fits."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from sprakvan.accounts.models import User
from sprakvan.accounts.navigation import MenuGroup

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def _groups(client: Client, url: str = "/") -> list[MenuGroup]:
    groups: list[MenuGroup] = client.get(url).context["staff_menu_groups"]
    return groups


def _shape(groups: list[MenuGroup]) -> dict[str, list[str]]:
    return {group.label: [link.name for link in group.links] for group in groups}


def test_a_leader_sees_only_the_activities_group(leader: User, client_for: Any) -> None:
    assert _shape(_groups(client_for(leader))) == {
        gettext("Activities"): ["activities:activity_list", "activities:session_list"]
    }


def test_a_partner_viewer_sees_finances_under_partners_and_the_reports(
    partner_viewer: User, client_for: Any
) -> None:
    assert _shape(_groups(client_for(partner_viewer))) == {
        gettext("Partners"): ["partners:finances"],
        gettext("Reports"): ["reports:dashboard", "reports:document"],
    }


def test_a_referrer_sees_only_referrals(referrer: User, client_for: Any) -> None:
    assert _shape(_groups(client_for(referrer))) == {
        gettext("Partners"): ["partners:referral_list"]
    }


def test_a_coordinator_sees_all_six_groups_in_order(coordinator: User, client_for: Any) -> None:
    groups = _shape(_groups(client_for(coordinator)))

    assert list(groups) == [
        gettext("Participants"),
        pgettext("menu group", "Matching"),
        gettext("Activities"),
        gettext("Partners"),
        gettext("Reports"),
        gettext("Settings"),
    ]
    assert groups[gettext("Reports")] == [
        "reports:dashboard",
        "reports:document",
        "reports:goal_list",
    ]
    assert "accounts:audit_log" in groups[gettext("Settings")]
    assert "messaging:outbox" in groups[gettext("Settings")]


def test_a_single_link_group_is_a_plain_link_and_a_larger_one_a_disclosure(
    partner_viewer: User, client_for: Any
) -> None:
    html = client_for(partner_viewer).get("/").content.decode()

    assert f'href="{reverse("partners:finances")}"' in html
    assert html.count("<details") == 1  # Reports; Partners holds only the finances


def test_the_group_of_the_current_page_is_marked(coordinator: User, client_for: Any) -> None:
    client = client_for(coordinator)
    html = client.get(reverse("matching:pair_list")).content.decode()

    summary = f'<summary class="nav-link dropdown-toggle active" aria-current="true">{pgettext("menu group", "Matching")}</summary>'
    assert summary in html
    menu = html.split('id="staff-menu"')[1].split("</ul>\n      </div>")[0]
    assert menu.count('aria-current="true"') == 1
    assert f'href="{reverse("matching:pair_list")}" aria-current="page"' in html


def test_a_detail_page_marks_its_list_and_not_the_shorter_prefix(
    coordinator: User, client_for: Any
) -> None:
    groups = _groups(client_for(coordinator), reverse("reports:goal_list"))
    active = [link.name for group in groups for link in group.links if link.active]

    assert active == ["reports:goal_list"]
    assert [group.label for group in groups if group.active] == [gettext("Reports")]


def test_a_page_outside_the_menu_marks_no_group(coordinator: User, client_for: Any) -> None:
    assert not any(group.active for group in _groups(client_for(coordinator), "/"))


def test_the_menu_speaks_the_users_language(coordinator: User, client_for: Any) -> None:
    client = client_for(coordinator)
    client.cookies["django_language"] = "sv"
    with translation.override("sv"):
        expected = gettext("Settings")

    assert _groups(client)[-1].label == expected


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_coordinators_menu_fits_passes_axe_and_opens_by_keyboard(
    language: str,
    page: Any,
    live_server: Any,
    coordinator: User,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
) -> None:
    login_page(coordinator)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.set_viewport_size(DESKTOP)

    for name in ["participants:list", "reports:dashboard"]:
        page.goto(live_server.url + reverse(name))
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        assert axe_violations(page) == []

    with translation.override(language):
        settings_label, audit_label = gettext("Settings"), gettext("Audit log")
    menu = page.locator(".staff-menu")
    settings_group = menu.locator("summary", has_text=settings_label)
    audit_link = menu.get_by_role("link", name=audit_label)
    assert not audit_link.is_visible()
    settings_group.focus()
    page.keyboard.press("Enter")
    assert audit_link.is_visible()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    assert not audit_link.is_visible()

    page.keyboard.press("Enter")
    audit_link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("accounts:audit_log"))
    assert settings_group.get_attribute("aria-current") == "true"

    page.set_viewport_size(PHONE)
    assert not audit_link.is_visible()
    page.locator(".navbar-toggler").click()
    # The menu slides open; a click on the group before it has finished can miss it.
    page.locator("#staff-menu.collapse.show").wait_for(state="visible")
    settings_group.click()
    audit_link.wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
