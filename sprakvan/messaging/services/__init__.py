"""Messaging's services: what other apps call to queue a message, and what the worker runs."""

from .outbox import mark_stale_sending, queue_message, release_due, settings_for
from .sending import send_message

__all__ = ["mark_stale_sending", "queue_message", "release_due", "send_message", "settings_for"]
