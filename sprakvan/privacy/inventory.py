"""The inventory of personal fields: purpose, legal basis, who sees it, how long it is kept.

Pure, no Django: docs/privacy.md holds it as tables between two markers (inventory_doc.py,
`python -m sprakvan.privacy.inventory_doc --write`); tests/test_inventory.py checks it and, with
inventory_check.py, the models.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalField:
    model: str
    field: str
    purpose: str
    basis: str
    seen_by: str
    kept: str


# Legal bases (GDPR Art. 6(1)) as a Red Cross chapter and a municipality running a programme use them.
CONSENT = "consent, Art. 6(1)(a)"
PUBLIC_TASK = "public task, Art. 6(1)(e)"
LEGITIMATE = "legitimate interest, Art. 6(1)(f)"
LEGAL_OBLIGATION = "legal obligation, Art. 6(1)(c)"

# Who sees it, by role.
COORDINATOR = "coordinator"
COORDINATOR_LEADER = "coordinator; activity leader (people at their activities)"
# What leaders read in the leader's label and lists (activities/labels.py), and why.
COORDINATOR_LEADER_LABEL = (
    "coordinator; activity leader (people at their activities: first name, last-name initial, "
    "birth year and district, to take attendance)"
)
LEADER_READERS = frozenset({COORDINATOR_LEADER, COORDINATOR_LEADER_LABEL})
COORDINATOR_REFERRER = "coordinator; the referrer who made the referral"
STAFF = "the user; coordinators of their programmes; platform admin"
PLATFORM = "platform admin (operators)"

# How long it is kept.
PARTICIPANT_PERIOD = (
    "while in the programme; anonymised after the retention period without pair, attendance "
    "or contact (default 24 months) or at erasure"
)
UNTIL_ERASURE = "as long as the participant row; blanked at erasure or anonymisation"
NOTES_PERIOD = "12 months after writing, and blanked at erasure"
IMPORT_PERIOD = "the uploaded file: 7 days after the import is done or abandoned"
LEAD_PERIOD = "6 months when the person never registered; blanked at erasure"
MESSAGE_PERIOD = "recipient and text as long as the participant row; blanked at erasure"
STAFF_PERIOD = "while the account exists; removed with the account"
INVITATION_PERIOD = "until accepted or withdrawn"
CONTACT_PERIOD = "while the organisation takes part; replaced when the contact changes"
ORGANISATION_NOTES_PERIOD = (
    "while the organisation takes part (no purge: notes about organisations, not people)"
)
CONSENT_PERIOD = "kept after erasure, attached only to the blanked participant row"
AUDIT_PERIOD = "kept; payloads hold ids and counts only, never names"
SUBSCRIPTION_PERIOD = "until withdrawn; deleted at erasure"
CODE_PERIOD = "until the code expires; deleted at erasure"
SIGN_IN_PERIOD = "30 minutes; deleted by the daily purge once expired, and at erasure"
NOBODY = "nobody (a hash of the code)"
AUDIT_READERS = "coordinator (own programme); platform admin"
DOCUMENT_PERIOD = "with the partner-dialogue document (the agreement's documentation duty)"
REPORT_CONTACT_PERIOD = "until the coordinator marks the report handled (after answering)"
BUILT_FILE_PERIOD = "until the day after it was built (deleted by the daily tick)"

_P = "participants.Participant"


def _fields(
    model: str, how: tuple[str, str, str], *rows: tuple[str, str]
) -> tuple[PersonalField, ...]:
    """One model's fields sharing (basis, who sees them, how long kept): rows of (field, purpose)."""
    return tuple(PersonalField(model, field, purpose, *how) for field, purpose in rows)


WISH = "the person's wish about their friend"
ORIGIN = "where the person came from: follow-up with partners and of outreach"
MESSAGE = "the message as sent"
PAIR = "the pair and its follow-up"
PAIRED = ("newcomer", "established")
STAFF_NAME = "staff name in the menu and the audit log"
PARTNER_CONTACT = "the partner's contact person"
DIALOGUE = "coordinator; partner viewer"

INVENTORY: tuple[PersonalField, ...] = (
    *_fields(
        _P,
        (CONSENT, COORDINATOR_LEADER, PARTICIPANT_PERIOD),
        ("group", "newcomer or established: whom to match"),
    ),
    *_fields(
        _P,
        (CONSENT, COORDINATOR_LEADER_LABEL, PARTICIPANT_PERIOD),
        ("first_name", "addressing the person; shown to their friend"),
        (
            "last_name",
            "telling people apart (activity leaders see the initial, and more letters only "
            "when two people at their activity would otherwise look the same)",
        ),
        ("birth_year", "age wishes; statistics by age; telling people apart at activities"),
        ("district", "matching people who live near each other; statistics; telling people apart"),
    ),
    *_fields(
        _P,
        (CONSENT, COORDINATOR, PARTICIPANT_PERIOD),
        ("external_id", "finding the person again in the municipality's own register"),
        ("phone", "calls and SMS about pairs and activities"),
        ("email", "e-mail about pairs and activities"),
        ("gender", "the friend's gender wish; statistics by gender"),
        ("languages", "languages the pair can share while practising Swedish"),
        ("swedish_level", "matching and choosing activities"),
        ("interests", "matching on shared interests"),
        ("availability", "matching on times both can meet"),
        ("wish_gender", WISH),
        ("wish_age_min", WISH),
        ("wish_age_max", WISH),
        ("is_family", "matching families with families"),
        ("accepts_family", "matching families with families"),
        ("capacity", "how many newcomers an established person takes"),
        ("source", ORIGIN),
        ("source_organisation", ORIGIN),
        ("source_event", ORIGIN),
        ("heard_about", ORIGIN),
        ("import_batch", ORIGIN),
        ("status", "where the person stands in the programme"),
        ("status_changed_on", "where the person stands in the programme"),
        ("registered_on", "the retention clock; statistics by year"),
        ("preferred_language", "the language of messages and pages"),
        ("possible_duplicate_of", "finding the same person registered twice"),
        ("paused_until", "the person is away until then: no proposals, no news"),
    ),
    *_fields(
        _P,
        (CONSENT, COORDINATOR, NOTES_PERIOD),
        ("notes", "the coordinator's working notes"),
        ("notes_written_on", "the notes' retention clock"),
    ),
    *_fields(
        "participants.Consent",
        (LEGAL_OBLIGATION, COORDINATOR, CONSENT_PERIOD),
        ("participant", "proof that consent was given and withdrawn (Art. 7(1))"),
    ),
    *_fields(
        "participants.ImportBatch",
        (CONSENT, COORDINATOR, IMPORT_PERIOD),
        ("content", "the uploaded spreadsheet, read once by the import"),
        ("filename", "telling imports apart (a file name may carry a person's name)"),
        ("error", "why an import stopped (may quote a row)"),
    ),
    *_fields(
        "partners.Lead",
        (CONSENT, COORDINATOR, LEAD_PERIOD),
        ("first_name", "calling back someone met at an outreach event"),
        ("phone", "calling back someone met at an outreach event"),
        ("group", "newcomer or established: whom to call"),
        ("interest", "what the person wanted to hear about"),
        ("participant", "the lead who registered"),
    ),
    *_fields(
        "partners.Referral",
        (CONSENT, COORDINATOR_REFERRER, UNTIL_ERASURE),
        ("participant", "who was referred"),
        ("consent_given_by", "who agreed to the referral (the person or a guardian)"),
    ),
    *_fields(
        "messaging.Message",
        (CONSENT, COORDINATOR, MESSAGE_PERIOD),
        ("participant", "whom a message went to"),
        ("recipient", "the phone number or address sent to"),
        ("language", "the language the person reads"),
        ("subject", MESSAGE),
        ("body", MESSAGE),
        ("html_body", MESSAGE),
    ),
    *_fields("matching.Pair", (CONSENT, COORDINATOR, UNTIL_ERASURE), *((f, PAIR) for f in PAIRED)),
    *_fields(
        "matching.Rejection",
        (CONSENT, COORDINATOR, UNTIL_ERASURE),
        ("newcomer", "not proposing the same pair again"),
        ("established", "not proposing the same pair again"),
    ),
    *_fields(
        "matching.CallRecord",
        (CONSENT, COORDINATOR, UNTIL_ERASURE),
        ("share_phone", "whether the person agreed to give their phone to their friend"),
    ),
    *_fields(
        "matching.CheckInAnswer",
        (CONSENT, COORDINATOR, UNTIL_ERASURE),
        ("participant", "who answered the check-in"),
        ("answer", "how the pair is going, in the person's answer"),
    ),
    *_fields(
        "matching.CheckInAnswer",
        (CONSENT, COORDINATOR, NOTES_PERIOD),
        ("comment", "the person's own words about the pair"),
    ),
    *_fields(
        "activities.Attendance",
        (CONSENT, COORDINATOR_LEADER, UNTIL_ERASURE),
        ("participant", "who came: statistics and follow-up"),
    ),
    *_fields(
        "activities.ReminderSubscription",
        (CONSENT, COORDINATOR_LEADER, SUBSCRIPTION_PERIOD),
        ("participant", "reminders for an activity"),
    ),
    *_fields(
        "activities.ReminderCode",
        (CONSENT, NOBODY, CODE_PERIOD),
        ("participant", "confirming a reminder sign-up"),
    ),
    *_fields(
        "privacy.SignInToken",
        (CONSENT, NOBODY, SIGN_IN_PERIOD),
        ("participant", "signing in to the own page, confirming erasure"),
    ),
    *_fields(
        "privacy.PrivacySettings",
        (LEGITIMATE, "participants of the programme (their own page); coordinator", CONTACT_PERIOD),
        ("contact_name", "whom participants ask"),
        ("contact_phone", "whom participants ask"),
        ("contact_email", "whom participants ask"),
    ),
    *_fields(
        "accounts.User",
        (LEGITIMATE, STAFF, STAFF_PERIOD),
        ("first_name", STAFF_NAME),
        ("last_name", STAFF_NAME),
        ("email", "signing in and invitations"),
    ),
    *_fields(
        "accounts.User",
        (LEGITIMATE, PLATFORM, STAFF_PERIOD),
        ("last_login", "security: spotting unused accounts"),
    ),
    *_fields(
        "accounts.Invitation",
        (LEGITIMATE, COORDINATOR, INVITATION_PERIOD),
        ("email", "sending the invitation"),
        ("first_name", "greeting the invited person"),
    ),
    *_fields(
        "organisations.Organisation",
        (LEGITIMATE, COORDINATOR, CONTACT_PERIOD),
        ("contact_name", PARTNER_CONTACT),
        ("contact_email", PARTNER_CONTACT),
        ("contact_phone", PARTNER_CONTACT),
    ),
    *_fields(
        "organisations.Organisation",
        (LEGITIMATE, COORDINATOR, ORGANISATION_NOTES_PERIOD),
        ("notes", "working notes about the partner"),
    ),
    *_fields(
        "organisations.OutreachEvent",
        (LEGITIMATE, COORDINATOR, ORGANISATION_NOTES_PERIOD),
        ("notes", "working notes about the event"),
    ),
    *_fields(
        "partners.PopUpCafe",
        (LEGITIMATE, COORDINATOR, CONTACT_PERIOD),
        ("contact_name", "the host's contact person for a pop-up café"),
    ),
    *_fields(
        "partners.PopUpCafe",
        (LEGITIMATE, COORDINATOR, ORGANISATION_NOTES_PERIOD),
        ("follow_up", "working notes after a pop-up café"),
    ),
    *_fields(
        "reports.DocumentText",
        (PUBLIC_TASK, DIALOGUE, DOCUMENT_PERIOD),
        ("participants", "who took part in the partner dialogue (staff and partners by name)"),
        ("signatures", "who signed the partner-dialogue document"),
    ),
    *_fields(
        "reports.DocumentBuild",
        (PUBLIC_TASK, DIALOGUE, BUILT_FILE_PERIOD),
        (
            "content",
            "the partner-dialogue document as a PDF or Word file, kept so that asking again is "
            "quick (it holds the dialogue's participants and signatories by name)",
        ),
    ),
    *_fields(
        "accessibility.AccessibilityReport",
        (LEGAL_OBLIGATION, COORDINATOR, REPORT_CONTACT_PERIOD),
        ("contact", "answering a reported accessibility problem (optional)"),
    ),
    *_fields(
        "accessibility.AccessibilityReport",
        (LEGAL_OBLIGATION, COORDINATOR, "with the report: the record of problems and answers"),
        ("description", "the reported accessibility problem, in the person's own words"),
    ),
    *_fields(
        "core.AuditEvent",
        (LEGITIMATE, AUDIT_READERS, AUDIT_PERIOD),
        ("actor", "who did what (accountability, Art. 5(2))"),
    ),
)

# Fields whose names look personal but hold none, each with the reason.
NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("core.Programme", "name"): "the programme's name",
    ("core.District", "name"): "a district's name",
    ("activities.PictureStep", "note"): "a note to a picture, such as where to meet",
    ("api.ApiToken", "name"): "what the coordinator calls the token, e.g. the door tablet",
    ("core.AuditEvent", "data"): "ids and counts only (the erasure test asserts no names)",
    ("organisations.Organisation", "name"): "an organisation's name",
    ("organisations.OutreachEvent", "name"): "an event's name",
    ("organisations.OutreachEvent", "district"): "the event's district",
    ("participants.Participant", "needs_review"): "a flag on the row",
    ("participants.Participant", "erased_at"): "when the row was erased",
    ("participants.Consent", "text_version"): "which version of the notice",
    ("participants.PrivacyNotice", "own_text"): "the programme's part of its privacy notice",
    ("partners.Lead", "event"): "the outreach event",
    ("messaging.MessagingSettings", "email_sender_name"): "the programme's sender name",
    ("messaging.MessagingSettings", "stop_contact"): "the programme's contact for STOP",
    ("messaging.MessageTemplate", "language"): "the template's language",
    ("matching.CheckInAnswer", "answered_at"): "when (the row is personal through its participant)",
    ("messaging.MessageTemplate", "body"): "a template with placeholders, no one's data",
    ("messaging.GroupMessage", "texts"): "the texts of a group message, no one's data",
    ("matching.Pair", "reasons"): "the engine's scores per criterion",
    ("activities.Venue", "name"): "a venue's name",
    ("activities.Venue", "address"): "a venue's address",
    ("activities.Venue", "district"): "the venue's district",
    ("activities.Activity", "district"): "the activity's district",
    ("activities.Activity", "description"): "the activity's public description",
    ("activities.Activity", "language_level"): "the activity's level",
    ("activities.Session", "note"): "a public note on a session (moved, cancelled)",
    ("partners.BudgetLine", "name"): "a budget line",
    ("partners.Cost", "description"): "what a cost was for",
    ("reports.Goal", "district"): "the goal's district",
}


def seen_by_leaders(model: str) -> frozenset[str]:
    """The model's fields the inventory lets activity leaders see."""
    return frozenset(
        item.field for item in INVENTORY if item.model == model and item.seen_by in LEADER_READERS
    )
