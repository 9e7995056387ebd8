"""Switching programme, the audit log, and the platform admin's programme pages (the list, a
new programme, one programme with its coordinators and the invitation of the first one)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.core.forms import AuditFilterForm, ProgrammeForm
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.core.services import archive_programme, create_programme

from ..access import (
    SESSION_KEY,
    ProgrammeRequest,
    UserRequest,
    coordinator_view,
    memberships_of,
    platform_admin_view,
)
from ..forms import CoordinatorInvitationForm
from ..models import Invitation, Membership, Role
from ..services import invite_staff

AUDIT_PAGE_SIZE = 50


@require_POST
def programme_switch(request: HttpRequest) -> HttpResponse:
    slug = request.POST.get("programme", "")
    membership = memberships_of(request).filter(programme__slug=slug).first()
    if membership is not None:
        request.session[SESSION_KEY] = membership.programme_id
    return redirect("core:home")


@platform_admin_view
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.annotate(district_count=Count("districts"))
    return render(request, "accounts/programme_list.html", {"programmes": programmes})


@require_POST
@platform_admin_view
def programme_archive(request: UserRequest, pk: int) -> HttpResponse:
    """Archive, never delete: members lose the staff pages, the rows and the log stay."""
    programme = archive_programme(get_object_or_404(Programme, pk=pk), archived_by=request.user)
    messages.success(request, _("The programme %(name)s is archived.") % {"name": programme})
    return redirect("accounts:programme_list")


@platform_admin_view
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = create_programme(
            slug=form.cleaned_data["slug"],
            name=form.cleaned_data["name"],
            city=form.cleaned_data["city"],
            organisations=form.cleaned_data["organisations"],
            districts=form.district_names(),
        )
        messages.success(
            request,
            _("The programme %(name)s was created. Invite its first coordinator.")
            % {"name": programme},
        )
        return redirect("accounts:programme_detail", pk=programme.pk)
    return render(request, "accounts/programme_form.html", {"form": form})


@platform_admin_view
def programme_detail(request: UserRequest, pk: int) -> HttpResponse:
    """One programme: its coordinators, invitations not yet accepted, and inviting one."""
    programme = get_object_or_404(Programme.objects.prefetch_related("districts"), pk=pk)
    form = CoordinatorInvitationForm(request.POST or None)
    if request.method == "POST" and programme.archived_at is None and form.is_valid():
        invitation = invite_staff(
            programme=programme,
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            role=Role.COORDINATOR,
            invited_by=request.user,
        )
        messages.success(
            request,
            _("An invitation to be coordinator of %(programme)s was sent to %(email)s.")
            % {"programme": programme, "email": invitation.email},
        )
        return redirect("accounts:programme_detail", pk=programme.pk)
    coordinators = (
        Membership.objects.filter(programme=programme, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("user__first_name", "user__email")
    )
    invitations = Invitation.objects.pending().filter(programme=programme).order_by("created_at")
    return render(
        request,
        "accounts/programme_detail.html",
        {
            "programme": programme,
            "coordinators": coordinators,
            "invitations": invitations,
            "form": form,
        },
    )


def _audit_log(request: HttpRequest, *, programme: Programme | None) -> HttpResponse:
    events = AuditEvent.objects.select_related("actor", "programme")
    if programme is not None:
        events = events.filter(programme=programme)
    form = AuditFilterForm(request.GET or None, programme=programme)
    page = Paginator(form.apply(events), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode(), "programme": programme},
    )


@coordinator_view
def audit_log(request: ProgrammeRequest) -> HttpResponse:
    """The coordinator's view of the log: their programme's events only."""
    return _audit_log(request, programme=request.programme)


@platform_admin_view
def platform_audit_log(request: HttpRequest) -> HttpResponse:
    """The platform admin's view of the log: every programme, and events of none."""
    return _audit_log(request, programme=None)
