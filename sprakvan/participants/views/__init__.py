"""Pages of the participants app: the staff pages (`staff`), the import's help and template
(`imports`) and the public sign-up (`public`)."""

from .imports import import_help, import_template
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
    "import_help",
    "import_preview",
    "import_progress",
    "import_retry",
    "import_template",
    "import_upload",
    "participant_create",
    "participant_detail",
    "participant_edit",
    "participant_list",
    "participant_reviewed",
    "participant_status",
    "waiting_list",
]
