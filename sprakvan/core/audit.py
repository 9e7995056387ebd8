"""The one change log: services call `log_action`; never put names, phones or notes in `data`."""

from typing import Any

from django.db.models import Model

from .models import AuditEvent, Programme


def log_action(
    action: str,
    *,
    programme: Programme | None,
    actor: Any = None,
    target: Model | None = None,
    **data: Any,
) -> AuditEvent:
    return AuditEvent.objects.create(
        programme=programme,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=target.pk if target is not None else None,
        data=data,
    )


def history_of(target: Model) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            object_type=target._meta.label_lower, object_id=target.pk
        ).select_related("actor")
    )
