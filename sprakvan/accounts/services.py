"""Staff accounts: granting roles, inviting, accepting invitations, lockouts, deactivation."""

from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes_attempts
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation

from .models import Invitation, Membership, User

INVITATION_SALT = "accounts.invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600


def grant_role(
    *, user: User, programme: Programme, role: str, organisation: Organisation | None = None
) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user, programme=programme, role=role, defaults={"organisation": organisation}
    )
    return membership


def invitation_token(invitation: Invitation) -> str:
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invitation_from_token(token: str) -> Invitation | None:
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(token, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    # Pending only: an accepted invitation, or one replaced by a newer one, is used up.
    return Invitation.objects.pending().filter(pk=pk).first()


def invite_staff(
    *,
    programme: Programme,
    email: str,
    role: str,
    invited_by: User,
    first_name: str = "",
    organisation: Organisation | None = None,
) -> Invitation:
    invitation = Invitation.objects.create(
        programme=programme,
        email=email.lower(),
        first_name=first_name,
        role=role,
        organisation=organisation,
        invited_by=invited_by,
    )
    link = settings.SITE_URL + reverse(
        "accounts:invitation_accept", args=[invitation_token(invitation)]
    )
    send_mail(
        subject=_("You are invited to %(programme)s on Språkvän") % {"programme": programme},
        message=_("%(name)s has invited you to %(programme)s as %(role)s.\n\nAccept: %(link)s")
        % {
            "name": invited_by,
            "programme": programme,
            "role": invitation.get_role_display(),
            "link": link,
        },
        from_email=None,
        recipient_list=[invitation.email],
    )
    return invitation


class InvitationUsedError(Exception):
    pass


@transaction.atomic
def accept_invitation(
    invitation: Invitation, *, first_name: str = "", last_name: str = "", password: str = ""
) -> User:
    """Grants the invited role; creates the account (with this name and password) if new."""
    # A conditional UPDATE, so two clicks on one link cannot both use it.
    used = Invitation.objects.pending().filter(pk=invitation.pk).update(accepted_at=timezone.now())
    if not used:
        raise InvitationUsedError
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            invitation.email, password, first_name=first_name, last_name=last_name
        )
    grant_role(
        user=user,
        programme=invitation.programme,
        role=invitation.role,
        organisation=invitation.organisation,
    )
    return user


def locked_emails(emails: list[str]) -> set[str]:
    """Which of these logins axes currently locks out (failures within the cool-off)."""
    cool_off = get_cool_off() or timedelta(days=365 * 100)
    rows = (
        AccessAttempt.objects.filter(
            username__in=emails, attempt_time__gte=timezone.now() - cool_off
        )
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    return {row["username"] for row in rows}


def unlock_user(user: User, *, unlocked_by: User, programme: Programme | None) -> None:
    """Forget the user's failed logins (from every address), so they can log in again."""
    reset_axes_attempts(username=user.email)
    log_action("accounts.user.unlocked", programme=programme, actor=unlocked_by, target=user)


def end_sessions(user: User) -> int:
    """Delete every live session of the user (database sessions; the auth middleware also
    refuses an inactive user on the next request, whichever session engine is used)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def deactivate_user(user: User, *, by: User, programme: Programme | None = None) -> None:
    """Users are deactivated, never deleted (the audit log keeps pointing at them)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions(user)
    log_action("accounts.user.deactivated", programme=programme, actor=by, target=user)


class RemoveMembershipError(Exception):
    pass


@transaction.atomic
def remove_membership(membership: Membership, *, removed_by: User) -> bool:
    """Take away one role; a user left with no role anywhere is deactivated. Returns that."""
    if membership.user_id == removed_by.pk:
        raise RemoveMembershipError(_("You cannot remove your own role."))
    user = membership.user
    programme = membership.programme
    membership.delete()
    log_action(
        "accounts.membership.removed",
        programme=programme,
        actor=removed_by,
        target=user,
        role=membership.role,
    )
    if user.memberships.exists() or user.is_staff or user.is_superuser:
        return False
    deactivate_user(user, by=removed_by, programme=programme)
    return True
