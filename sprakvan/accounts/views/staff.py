"""The coordinator's staff page, unlocking and removing staff, and the invitation flow."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import (
    ProgrammeRequest,
    UserRequest,
    coordinator_view,
    get_scoped,
    platform_admin_view,
)
from ..forms import AcceptInvitationForm, InvitationForm
from ..models import Invitation, Membership, User
from ..services import (
    InvitationUsedError,
    RemoveMembershipError,
    accept_invitation,
    invitation_from_token,
    invite_staff,
    locked_emails,
    remove_membership,
    unlock_user,
)


@coordinator_view
def staff_list(request: ProgrammeRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        invite_staff(
            programme=request.programme,
            invited_by=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("The invitation was sent."))
        return redirect("accounts:staff_list")
    members = list(
        Membership.objects.filter(programme=request.programme)
        .select_related("user", "organisation")
        .order_by("user__first_name", "role")
    )
    invitations = Invitation.objects.pending().filter(programme=request.programme)
    return render(
        request,
        "accounts/staff_list.html",
        {
            "members": members,
            "locked": locked_emails([m.user.email for m in members]),
            "invitations": invitations,
            "form": form,
        },
    )


@require_POST
@coordinator_view
def staff_unlock(request: ProgrammeRequest, user_id: int) -> HttpResponse:
    """The coordinator unlocks a locked-out account of their own programme's staff."""
    user = get_object_or_404(
        User.objects.filter(memberships__programme=request.programme).distinct(), pk=user_id
    )
    unlock_user(user, unlocked_by=request.user, programme=request.programme)
    messages.success(request, _("The account was unlocked."))
    return redirect("accounts:staff_list")


@require_POST
@coordinator_view
def membership_remove(request: ProgrammeRequest, membership_id: int) -> HttpResponse:
    """Take a role away; someone left with no role anywhere is deactivated and logged out."""
    membership = get_scoped(
        Membership.objects.select_related("user", "programme"), request, pk=membership_id
    )
    try:
        deactivated = remove_membership(membership, removed_by=request.user)
    except RemoveMembershipError as error:
        messages.error(request, str(error))
        return redirect("accounts:staff_list")
    if deactivated:
        messages.success(request, _("The role was removed and the account deactivated."))
    else:
        messages.success(request, _("The role was removed."))
    return redirect("accounts:staff_list")


@platform_admin_view
def locked_list(request: HttpRequest) -> HttpResponse:
    """The platform admin sees every locked-out account."""
    users = list(User.objects.order_by("email"))
    locked = locked_emails([user.email for user in users])
    return render(
        request,
        "accounts/locked_list.html",
        {"users": [user for user in users if user.email in locked]},
    )


@require_POST
@platform_admin_view
def locked_unlock(request: UserRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    unlock_user(user, unlocked_by=request.user, programme=None)
    messages.success(request, _("The account was unlocked."))
    return redirect("accounts:locked_list")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        return _invitation_accept(request, token)
    except InvitationUsedError:
        return render(request, "accounts/invitation_invalid.html", status=404)


def _invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if User.objects.filter(email=invitation.email).exists():
        # The link is not a login: someone who already has an account gets the role and then
        # logs in with their password and second factor as usual.
        if request.method == "POST":
            accept_invitation(invitation)
            messages.success(
                request,
                _("Your role in %(programme)s is ready. Log in as usual.")
                % {"programme": invitation.programme},
            )
            return redirect("account_login")
        return render(
            request, "accounts/invitation_accept.html", {"form": None, "invitation": invitation}
        )
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
