"""What the coordinator changes by hand: a message cancelled or sent again, a template, the
programme's sending settings. Each change is audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged
from sprakvan.core.models import Programme

from ..models import Message, MessageTemplate, MessagingSettings
from .outbox import queue_message

CANCELLABLE = [Message.Status.QUEUED, Message.Status.HELD, Message.Status.UNKNOWN]
RETRIABLE = [Message.Status.UNKNOWN, Message.Status.FAILED]


class NotAllowed(Exception):
    """The message is not in a state that allows this; the text is for the coordinator."""


@transaction.atomic
def cancel_message(message: Message, *, cancelled_by: User) -> Message:
    """A queued, held or unknown message is not sent (any more). The worker checks the status
    under the same lock before it sends, so a cancelled message never goes out."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status not in CANCELLABLE:
        raise NotAllowed(_("Only a queued, held or unknown message can be cancelled."))
    old_status = message.status
    message.status, message.reason = Message.Status.CANCELLED, "cancelled_by_staff"
    message.save(update_fields=["status", "reason"])
    log_action(
        "messaging.message.cancelled",
        programme=message.programme_id,
        actor=cancelled_by,
        target=message,
        status=old_status,
    )
    return message


@transaction.atomic
def retry_message(message: Message, *, retried_by: User) -> Message:
    """A failed or unknown message again, as a new message with a key of its own (a key is
    never reused: the old row stays as it was, for the record). The new one goes through the
    outbox like any other, so consent and quiet hours are checked again."""
    message = Message.objects.select_for_update().select_related("programme").get(pk=message.pk)
    if message.status not in RETRIABLE:
        raise NotAllowed(_("Only a failed or unknown message can be sent again."))
    if message.participant is None:
        raise NotAllowed(_("The person this message was for is no longer in the register."))
    number = 1
    while Message.objects.filter(key=f"{message.key}:retry:{number}").exists():
        number += 1
    retry = queue_message(
        programme=message.programme,
        participant=message.participant,
        channel=message.channel,
        kind=message.kind,
        key=f"{message.key}:retry:{number}",
        subject=message.subject,
        body=message.body,
        html_body=message.html_body,
        language=message.language,
    )
    log_action(
        "messaging.message.retried",
        programme=message.programme_id,
        actor=retried_by,
        target=message,
        retry=retry.pk,
    )
    return retry


@transaction.atomic
def save_template(
    *,
    programme: Programme,
    kind: str,
    language: str,
    subject: str,
    body: str,
    saved_by: User,
    version: str | None = None,
) -> MessageTemplate:
    """The programme's own text for this kind and language, replacing the default. With the
    form's `version`, a template someone else saved meanwhile raises `EditConflict`."""
    existing = MessageTemplate.objects.filter(
        programme=programme, kind=kind, language=language
    ).first()
    if existing is not None:
        lock_unchanged(existing, version=version, fields=["subject", "body"])
    template, created = MessageTemplate.objects.update_or_create(
        programme=programme,
        kind=kind,
        language=language,
        defaults={"subject": subject, "body": body, "updated_by": saved_by},
    )
    log_action(
        "messaging.template.created" if created else "messaging.template.changed",
        programme=programme,
        actor=saved_by,
        target=template,
        kind=kind,
        language=language,
    )
    return template


@transaction.atomic
def reset_template(*, programme: Programme, kind: str, language: str, reset_by: User) -> bool:
    """Back to the default text: the programme's own template is removed. False if there was
    none."""
    template = MessageTemplate.objects.filter(
        programme=programme, kind=kind, language=language
    ).first()
    if template is None:
        return False
    log_action(
        "messaging.template.reset",
        programme=programme,
        actor=reset_by,
        target=template,
        kind=kind,
        language=language,
    )
    template.delete()
    return True


@transaction.atomic
def save_messaging_settings(
    programme_settings: MessagingSettings,
    *,
    values: dict[str, Any],
    saved_by: User,
    version: str | None,
) -> MessagingSettings:
    """The programme's sender, quiet hours, budget and kinds; `EditConflict` if someone else
    saved them after the form was loaded."""
    current = lock_unchanged(programme_settings, version=version, fields=list(values))
    changed = sorted(name for name, value in values.items() if getattr(current, name) != value)
    for name, value in values.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    log_action(
        "messaging.settings.changed",
        programme=current.programme_id,
        actor=saved_by,
        target=current,
        fields=changed,
    )
    return current
