"""Activities: venues, activities, their recurring schedules, sessions and who came."""

from .activity import Activity, ActivityQuerySet, Schedule, Venue
from .attendance import WALK_IN_FIELDS, WALK_IN_GROUPS, Attendance, WalkInCount
from .choices import (
    TYPE_DESCRIPTIONS,
    ActivityState,
    ActivityType,
    HallBooking,
    LanguageLevel,
    type_description,
    type_picture,
)
from .reminders import ReminderCode, ReminderSubscription, ReminderSubscriptionQuerySet
from .session import Session, SessionQuerySet

__all__ = [
    "TYPE_DESCRIPTIONS",
    "WALK_IN_FIELDS",
    "WALK_IN_GROUPS",
    "Activity",
    "ActivityQuerySet",
    "ActivityState",
    "ActivityType",
    "Attendance",
    "HallBooking",
    "LanguageLevel",
    "ReminderCode",
    "ReminderSubscription",
    "ReminderSubscriptionQuerySet",
    "Schedule",
    "Session",
    "SessionQuerySet",
    "Venue",
    "WalkInCount",
    "type_description",
    "type_picture",
]
