"""Pages of the participants app: the staff pages (`staff`) and the public sign-up (`public`)."""

from .staff import (
    duplicate_dismiss,
    duplicate_list,
    duplicate_merge,
    import_confirm,
    import_preview,
    import_progress,
    import_retry,
    import_upload,
    participant_create,
    participant_detail,
    participant_edit,
    participant_list,
    participant_reviewed,
    participant_status,
    waiting_list,
)

__all__ = [
    "duplicate_dismiss",
    "duplicate_list",
    "duplicate_merge",
    "import_confirm",
    "import_preview",
    "import_progress",
    "import_retry",
    "import_upload",
    "participant_create",
    "participant_detail",
    "participant_edit",
    "participant_list",
    "participant_reviewed",
    "participant_status",
    "waiting_list",
]
