"""Every change to pairs: proposing, accepting, rejecting, calls, pauses, endings, follow-ups.

State machine of a pair: proposed → active ⇄ paused → ended; proposed → ended (declined or
withdrawn). Participants' statuses follow through `participants.services.change_status`.
"""

from .check_ins import queue_check_ins, record_check_in_answer, send_introductions
from .errors import MatchingError
from .follow_ups import due_follow_ups, not_meeting, record_follow_up
from .lifecycle import NEWCOMER_STATUS_AFTER, end_pair, pause_pair, record_call, resume_pair
from .proposals import (
    Progress,
    accept_proposal,
    candidates,
    propose_pairs,
    reject_proposal,
    score_of,
    swap_candidate,
)
from .weights import update_settings

__all__ = [
    "NEWCOMER_STATUS_AFTER",
    "MatchingError",
    "Progress",
    "accept_proposal",
    "candidates",
    "due_follow_ups",
    "end_pair",
    "not_meeting",
    "pause_pair",
    "propose_pairs",
    "queue_check_ins",
    "record_call",
    "record_check_in_answer",
    "record_follow_up",
    "reject_proposal",
    "resume_pair",
    "score_of",
    "send_introductions",
    "swap_candidate",
    "update_settings",
]
