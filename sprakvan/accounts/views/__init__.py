"""Staff views of accounts: the staff and their roles (`staff`), the programmes and the audit
log (`programmes`)."""

from .programmes import (
    audit_log,
    platform_audit_log,
    programme_archive,
    programme_create,
    programme_detail,
    programme_list,
    programme_switch,
)
from .staff import (
    invitation_accept,
    locked_list,
    locked_unlock,
    membership_remove,
    staff_list,
    staff_unlock,
)

__all__ = [
    "audit_log",
    "invitation_accept",
    "locked_list",
    "locked_unlock",
    "membership_remove",
    "platform_audit_log",
    "programme_archive",
    "programme_create",
    "programme_detail",
    "programme_list",
    "programme_switch",
    "staff_list",
    "staff_unlock",
]
