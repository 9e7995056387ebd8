"""Every change to activities: schedules and their sessions, cancellations, attendance."""

from .attendance import (
    REGULAR_WINDOW_DAYS,
    add_new_person,
    find_for_checkin,
    find_on_list,
    listed_for,
    record_attendance,
    regulars_of,
    remove_attendance,
    set_walk_ins,
)
from .nearby import NearbyActivity, nearest_activities
from .picture_steps import (
    add_picture_step,
    change_picture_step,
    move_picture_step,
    remove_picture_step,
)
from .preparation import (
    PreparedActivity,
    districts_in_preparation,
    in_preparation,
    mark_scheduled,
    save_preparation,
)
from .reminders import (
    activity_listed,
    activity_regulars,
    find_listed,
    queue_reminders,
    subscribe,
    subscribers_of,
    unsubscribe,
)
from .schedules import (
    DEFAULT_WEEKS_AHEAD,
    add_schedule,
    end_schedule,
    expand_schedule,
    expand_sessions,
    save_activity,
)
from .sessions import add_session, cancel_session, move_session, restore_session

__all__ = [
    "DEFAULT_WEEKS_AHEAD",
    "REGULAR_WINDOW_DAYS",
    "NearbyActivity",
    "PreparedActivity",
    "activity_listed",
    "activity_regulars",
    "add_new_person",
    "add_picture_step",
    "add_schedule",
    "add_session",
    "cancel_session",
    "change_picture_step",
    "districts_in_preparation",
    "end_schedule",
    "expand_schedule",
    "expand_sessions",
    "find_for_checkin",
    "find_listed",
    "find_on_list",
    "in_preparation",
    "listed_for",
    "mark_scheduled",
    "move_picture_step",
    "move_session",
    "nearest_activities",
    "queue_reminders",
    "record_attendance",
    "regulars_of",
    "remove_attendance",
    "remove_picture_step",
    "restore_session",
    "save_activity",
    "save_preparation",
    "set_walk_ins",
    "subscribe",
    "subscribers_of",
    "unsubscribe",
]
