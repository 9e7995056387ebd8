"""The human sentence for each audit action, shown in histories and the audit log.

Core knows the action names as strings only (the apps that log them stand above it). A test
collects every action the code logs and fails when one has no sentence here.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SENTENCES: dict[str, Promise] = {
    "access.denied": _("Access was refused"),
    # accessibility
    "accessibility.report.handled": _("The accessibility report was marked as handled"),
    "accessibility.report.received": _("An accessibility problem was reported"),
    # api
    "api.request": _("The API read or changed participants' data"),
    "api.token.created": _("An API token was created"),
    "api.token.revoked": _("An API token was revoked"),
    # accounts
    "accounts.login.failed": _("A login failed"),
    "accounts.membership.removed": _("A role was removed"),
    "accounts.user.deactivated": _("The account was deactivated"),
    "accounts.user.unlocked": _("The account was unlocked"),
    # core
    "core.programme.archived": _("The programme was archived"),
    # participants
    "participants.consent.withdrawn": _("A consent was withdrawn"),
    "participants.duplicate.dismissed": _("Kept apart from a possible duplicate"),
    "participants.duplicate.merged": _("Two registrations were merged"),
    "participants.import.done": _("Participants were imported"),
    "participants.import.failed": _("An import failed"),
    "participants.import.retried": _("A failed import was started again"),
    "participants.participant.changed": _("The participant's details were changed"),
    "participants.participant.registered": _("The participant was registered"),
    "participants.participant.reviewed": _("The new registration was looked at"),
    "participants.participant.viewed": _("The participant's page was viewed"),
    "participants.status.changed": _("The status was changed"),
    # matching
    "matching.call.recorded": _("A call about the proposed pair was recorded"),
    "matching.check_in.answered": _("A check-in was answered"),
    "matching.follow_up.recorded": _("A follow-up was recorded"),
    "matching.pair.confirmed": _("The pair was confirmed"),
    "matching.pair.declined": _("The proposed pair was declined in a call"),
    "matching.pair.ended": _("The pair was ended"),
    "matching.pair.imported": _("The pair was imported"),
    "matching.pair.paused": _("The pair was paused"),
    "matching.pair.proposed": _("The pair was proposed"),
    "matching.pair.resumed": _("The pair was resumed"),
    "matching.pair.swapped": _("A person in the proposal was swapped"),
    "matching.proposal.rejected": _("The proposal was rejected"),
    "matching.run.failed": _("A matching run failed"),
    "matching.run.retried": _("A failed matching run was started again"),
    "matching.settings.changed": _("The matching settings were changed"),
    # messaging
    "messaging.group.sent": _("A message was sent to a group"),
    "messaging.message.cancelled": _("A message was cancelled"),
    "messaging.message.retried": _("A message was sent again"),
    "messaging.settings.changed": _("The message settings were changed"),
    "messaging.template.changed": _("A message text was changed"),
    "messaging.template.created": _("A message text was written"),
    "messaging.template.reset": _("A message text was reset to the default"),
    # activities
    "activities.activity.changed": _("The activity was changed"),
    "activities.activity.created": _("The activity was created"),
    "activities.activity.scheduled": _("The activity was given a schedule"),
    "activities.attendance.changed": _("Attendance was recorded"),
    "activities.attendance_list.downloaded": _("The attendance list was downloaded"),
    "activities.attendance_list.printed": _("The attendance list was printed"),
    "activities.reminder.code_sent": _("A code for reminders was sent"),
    "activities.reminder.consent_given": _("Consent to reminders was given"),
    "activities.reminder.subscribed": _("Reminders were switched on"),
    "activities.reminder.withdrawn": _("Reminders were switched off"),
    "activities.schedule.added": _("A schedule was added"),
    "activities.schedule.ended": _("A schedule was ended"),
    "activities.picture_step.added": _("A picture was added to the picture support"),
    "activities.picture_step.changed": _("A picture of the picture support was changed"),
    "activities.picture_step.moved": _("A picture of the picture support was moved"),
    "activities.picture_step.removed": _("A picture was removed from the picture support"),
    "activities.session.added": _("A session was added"),
    "activities.session.cancelled": _("The session was cancelled"),
    "activities.session.moved": _("The session was moved"),
    "activities.session.restored": _("The cancelled session was restored"),
    "activities.walk_ins.counted": _("Walk-ins were counted"),
    # partners
    "partners.agreement.changed": _("The agreement was changed"),
    "partners.agreement.created": _("The agreement was written"),
    "partners.agreement.document_downloaded": _("The agreement document was downloaded"),
    "partners.budget_line.added": _("A budget line was added"),
    "partners.budget_line.changed": _("A budget line was changed"),
    "partners.budget_line.deleted": _("A budget line was removed"),
    "partners.contribution.added": _("A contribution was added"),
    "partners.contribution.changed": _("A contribution was changed"),
    "partners.contribution.deleted": _("A contribution was removed"),
    "partners.cost.added": _("A cost was added"),
    "partners.cost.changed": _("A cost was changed"),
    "partners.cost.deleted": _("A cost was removed"),
    "partners.cost.recorded": _("A cost was recorded"),
    "partners.lead.captured": _("A lead was noted at an outreach event"),
    "partners.lead.deleted": _("A lead was removed"),
    "partners.lead.linked": _("A lead was linked to a participant"),
    "partners.organisation.changed": _("The organisation was changed"),
    "partners.organisation.created": _("The organisation was added"),
    "partners.organisation.link_rotated": _("The organisation's referral link was replaced"),
    "partners.outreach.link_rotated": _("The event's sign-up link was replaced"),
    "partners.outreach_event.changed": _("The outreach event was changed"),
    "partners.outreach_event.created": _("The outreach event was added"),
    "partners.popup.booked": _("A pop-up café was booked"),
    "partners.popup.changed": _("A pop-up café booking was changed"),
    "partners.referral.created": _("A referral was made"),
    # privacy
    "privacy.consent.renewed": _("The participant agreed to the new privacy notice"),
    "privacy.erase_code.sent": _("A code to erase the data was sent"),
    "privacy.export.downloaded": _("The participant's data was exported"),
    "privacy.notice.published": _("A privacy notice was published"),
    "privacy.own.consent_given": _("The participant gave consent on their own page"),
    "privacy.own.left": _("The participant left the programme on their own page"),
    "privacy.own.paused": _("The participant paused on their own page"),
    "privacy.own.resumed": _("The participant came back on their own page"),
    "privacy.participant.erased": _("The participant was erased"),
    "privacy.purge.done": _("Expired data was removed"),
    "privacy.settings.saved": _("The privacy settings were saved"),
    "privacy.sign_in.sent": _("A sign-in link to the own page was sent"),
    "privacy.sign_in.used": _("The participant signed in to their own page"),
    # reports
    "reports.document.downloaded": _("The partner-dialogue document was downloaded"),
    "reports.document_build.failed": _("Building the partner-dialogue document failed"),
    "reports.document_build.retried": _("A failed partner-dialogue document was built again"),
    "reports.document_text.saved": _("A text of the partner-dialogue document was saved"),
    "reports.export.downloaded": _("A report table was downloaded"),
    "reports.goal.changed": _("A goal was changed"),
    "reports.goal.created": _("A goal was set"),
    "reports.goal.deleted": _("A goal was removed"),
    "reports.statistics.filed": _("The statistics were filed"),
}


def sentence_of(action: str) -> str:
    """The action in words in the active language; an action of the past that the code no
    longer logs keeps its dotted name."""
    sentence = SENTENCES.get(action)
    return str(sentence) if sentence is not None else action
