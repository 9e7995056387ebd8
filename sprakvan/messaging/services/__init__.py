"""Messaging's services: what other apps call to queue a message, and what the worker runs."""

from .notify import notify, send_receipt
from .outbox import (
    mark_stale_sending,
    queue_message,
    release_due,
    settings_for,
    withdraw_queued,
)
from .sending import send_message

__all__ = [
    "mark_stale_sending",
    "notify",
    "queue_message",
    "release_due",
    "send_message",
    "send_receipt",
    "settings_for",
    "withdraw_queued",
]
