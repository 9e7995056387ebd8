"""Staff pages of the partners app: organisations, referrals, outreach and leads, finances."""

from .finances import (
    agreement_create,
    agreement_document,
    agreement_edit,
    budget_line_create,
    contribution_create,
    cost_create,
    cost_delete,
    finances,
)
from .organisations import (
    organisation_create,
    organisation_detail,
    organisation_edit,
    organisation_list,
    organisation_qr,
)
from .outreach import (
    lead_create,
    lead_delete,
    leads_link,
    outreach_create,
    outreach_detail,
    outreach_edit,
    outreach_list,
    outreach_qr,
)
from .referrals import referral_create, referral_detail, referral_list

__all__ = [
    "agreement_create",
    "agreement_document",
    "agreement_edit",
    "budget_line_create",
    "contribution_create",
    "cost_create",
    "cost_delete",
    "finances",
    "lead_create",
    "lead_delete",
    "leads_link",
    "organisation_create",
    "organisation_detail",
    "organisation_edit",
    "organisation_list",
    "organisation_qr",
    "outreach_create",
    "outreach_detail",
    "outreach_edit",
    "outreach_list",
    "outreach_qr",
    "referral_create",
    "referral_detail",
    "referral_list",
]
