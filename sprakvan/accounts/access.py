"""Who may see what: every staff view loads its programme and rows through these helpers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from sprakvan.core.models import Programme

from .models import Membership, Role, User

M = TypeVar("M", bound=Model)
SESSION_KEY = "programme_id"


class UserRequest(HttpRequest):
    """A request whose user is logged in (it passed `staff_view` or `platform_admin_view`)."""

    user: User


class ProgrammeRequest(UserRequest):
    """A request that passed `staff_view`: it knows its programme and the user's role there."""

    programme: Programme
    membership: Membership


def memberships_of(request: HttpRequest) -> QuerySet[Membership]:
    if not request.user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=request.user).select_related("programme", "organisation")


def current_memberships(request: HttpRequest) -> list[Membership]:
    """The user's roles in the programme chosen in the session (else their first programme)."""
    cached: list[Membership] | None = getattr(request, "_current_memberships", None)
    if cached is not None:
        return cached
    rows = list(memberships_of(request).order_by("programme__name", "id"))
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    programme_ids = [m.programme_id for m in rows]
    if chosen not in programme_ids:
        chosen = programme_ids[0] if programme_ids else None
    result = [m for m in rows if m.programme_id == chosen]
    request._current_memberships = result  # type: ignore[attr-defined]
    return result


def staff_view(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let in users with one of `roles` in their current programme; others get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = [m for m in current_memberships(request) if m.role in roles]
            if not allowed:
                raise PermissionDenied
            programme_request = cast(ProgrammeRequest, request)
            programme_request.programme = allowed[0].programme
            programme_request.membership = allowed[0]
            return view(programme_request, *args, **kwargs)

        return wrapped

    return decorator


# The doors every staff view uses (one spelling each; see docs/architecture.md):
# the programme's coordinators only; coordinators and activity leaders (who then see only their
# own activities); coordinators and partner viewers (the reports, the finances).
coordinator_view = staff_view(Role.COORDINATOR)
leader_view = staff_view(Role.COORDINATOR, Role.ACTIVITY_LEADER)
viewer_view = staff_view(Role.COORDINATOR, Role.PARTNER_VIEWER)


def platform_admin_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def scoped[M: Model](queryset: QuerySet[M], request: ProgrammeRequest) -> QuerySet[M]:
    """Rows of the request's programme only (the model must have a `programme` field)."""
    return queryset.filter(programme=request.programme)


def get_scoped[M: Model](queryset: QuerySet[M], request: ProgrammeRequest, **lookup: Any) -> M:
    """One row of the request's programme, or 404: another programme's row does not exist."""
    return get_object_or_404(scoped(queryset, request), **lookup)


def get_programme_or_404(slug: str) -> Programme:
    try:
        return Programme.objects.get(slug=slug)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
