"""E-mail: the message with a plain-text and an HTML part, the programme as sender name, a
one-click unsubscribe (RFC 8058) whose link carries a signed message id, and a link to the
person's own page."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sprakvan.core.models import Programme

from ..models import Message

UNSUBSCRIBE_SALT = "messaging.unsubscribe"


def unsubscribe_token(message: Message) -> str:
    """The same token every time for a message (no timestamp: the link does not expire)."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(message.pk)


def message_of_token(token: str) -> Message | None:
    """The message an unsubscribe link was sent with; None for a forged or unknown token.
    The link does not expire: people unsubscribe from old e-mail too."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Message.objects.select_related("programme", "participant").filter(pk=pk).first()


def unsubscribe_url(message: Message) -> str:
    path = reverse("messaging_public:unsubscribe", kwargs={"token": unsubscribe_token(message)})
    return settings.SITE_URL.rstrip("/") + path


def own_page_url(programme: Programme) -> str:
    """The participant's own page of the programme (privacy's page, reached by its name:
    messaging stands below privacy and imports nothing of it)."""
    path = reverse("privacy_public:own_page", kwargs={"programme_slug": programme.slug})
    return settings.SITE_URL.rstrip("/") + path


def build_email(message: Message, *, sender_name: str) -> EmailMultiAlternatives:
    """The e-mail of one message, in its language; the HTML part is the message's own or its
    text as paragraphs."""
    url = unsubscribe_url(message)
    context = {
        "message": message,
        "unsubscribe_url": url,
        "sender_name": sender_name,
        "own_page_url": own_page_url(message.programme),
    }
    with translation.override(message.language):
        text = render_to_string("messaging/email/message.txt", context)
        html = render_to_string("messaging/email/message.html", context)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=text,
        from_email=formataddr((sender_name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])),
        to=[message.recipient],
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


def open_mail_connection() -> BaseEmailBackend:
    """An open connection to the mail server; raises (OSError, SMTPException) when there is
    none, before anything was sent."""
    connection = mailers.default
    connection.open()
    return connection
