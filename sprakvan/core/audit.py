"""The one change log: services call `log_action`; never put names, phones or notes in `data`.

Besides changes, the log records reads that could be misused (a participant's page viewed, an
export or document downloaded, an attendance list printed) and denied access (see
`accounts.middleware`). Those reads are kept out of `history_of`, which shows what changed.
"""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q

from .models import AuditEvent, Programme

# Actions that record a read or a refusal rather than a change.
READ_SUFFIXES = (".viewed", ".downloaded", ".printed")
ACCESS_DENIED = "access.denied"


def log_action(
    action: str,
    *,
    programme: Programme | int | None,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    target: Model | None = None,
    **data: Any,
) -> AuditEvent:
    """Insert one event. `programme` may be given as its id, which saves a query on hot paths."""
    return AuditEvent.objects.create(
        programme_id=programme.pk if isinstance(programme, Programme) else programme,
        # By id: the user model lives in accounts, above core. An anonymous visitor is no one.
        actor_id=actor.pk if isinstance(actor, AbstractBaseUser) else None,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=target.pk if target is not None else None,
        data=data,
    )


def _reads() -> Q:
    reads = Q(action=ACCESS_DENIED)
    for suffix in READ_SUFFIXES:
        reads |= Q(action__endswith=suffix)
    return reads


def history_of(target: Model) -> list[AuditEvent]:
    """The changes to one object, newest first (views and downloads are left out)."""
    return list(
        AuditEvent.objects.filter(object_type=target._meta.label_lower, object_id=target.pk)
        .exclude(_reads())
        .select_related("actor")
    )
