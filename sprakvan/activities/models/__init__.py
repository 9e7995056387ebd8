"""Activities: venues, activities, their recurring schedules, sessions and who came."""

from .activity import Activity, ActivityQuerySet, Schedule, Venue
from .attendance import WALK_IN_FIELDS, WALK_IN_GROUPS, Attendance, NamedCount, WalkInCount
from .choices import (
    TYPE_DESCRIPTIONS,
    ActivityState,
    ActivityType,
    HallBooking,
    LanguageLevel,
    type_description,
    type_picture,
)
from .picture_steps import MAX_PICTURE_STEPS, PictureStep, StepPicture, step_picture
from .reminders import ReminderCode, ReminderSubscription, ReminderSubscriptionQuerySet
from .session import Session, SessionQuerySet

__all__ = [
    "MAX_PICTURE_STEPS",
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
    "NamedCount",
    "PictureStep",
    "ReminderCode",
    "ReminderSubscription",
    "ReminderSubscriptionQuerySet",
    "Schedule",
    "Session",
    "SessionQuerySet",
    "StepPicture",
    "Venue",
    "WalkInCount",
    "step_picture",
    "type_description",
    "type_picture",
]
