"""The coordinator's staff page and the invitation flow."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sprakvan.core.access import ProgrammeRequest, staff_view

from .forms import AcceptInvitationForm, InvitationForm
from .models import Invitation, Membership, Role
from .services import accept_invitation, invitation_from_token, invite_staff


@staff_view(Role.COORDINATOR)
def staff_list(request: ProgrammeRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        invite_staff(
            programme=request.programme,
            invited_by=request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )
        messages.success(request, _("The invitation was sent."))
        return redirect("accounts:staff_list")
    members = (
        Membership.objects.filter(programme=request.programme)
        .select_related("user", "organisation")
        .order_by("user__first_name", "role")
    )
    invitations = Invitation.objects.filter(programme=request.programme, accepted_at__isnull=True)
    return render(
        request,
        "accounts/staff_list.html",
        {"members": members, "invitations": invitations, "form": form},
    )


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, initial={"first_name": invitation.first_name})
    if request.method == "POST" and form.is_valid():
        user = accept_invitation(invitation, **form.cleaned_data)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome to %(programme)s.") % {"programme": invitation.programme}
        )
        return redirect("core:home")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
