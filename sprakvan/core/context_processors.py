"""Template context every page needs: the staff menu and the current programme."""

from typing import Any

from django.http import HttpRequest

from .access import current_memberships, memberships_of
from .navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
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
