"""The coordinator's matching pages: proposals, pairs, calls, follow-ups, settings."""

from .confirmations import pair_end_confirm, proposal_reject_confirm
from .follow_up_pages import follow_up_record, follow_ups
from .pair_pages import pair_call, pair_detail, pair_end, pair_list, pair_pause, pair_resume
from .proposal_pages import (
    proposal_accept,
    proposal_candidates,
    proposal_reject,
    proposal_run_retry,
    proposal_run_start,
    proposal_run_status,
    proposals,
)
from .settings_page import matching_settings

__all__ = [
    "follow_up_record",
    "follow_ups",
    "matching_settings",
    "pair_call",
    "pair_detail",
    "pair_end",
    "pair_end_confirm",
    "pair_list",
    "pair_pause",
    "pair_resume",
    "proposal_accept",
    "proposal_candidates",
    "proposal_reject",
    "proposal_reject_confirm",
    "proposal_run_retry",
    "proposal_run_start",
    "proposal_run_status",
    "proposals",
]
