"""Staff accounts: granting roles, inviting, accepting invitations."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.core.models import Programme
from sprakvan.partners.models import Organisation

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
    return Invitation.objects.filter(pk=pk, accepted_at__isnull=True).first()


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


@transaction.atomic
def accept_invitation(
    invitation: Invitation, *, first_name: str, last_name: str, password: str
) -> User:
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
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user
