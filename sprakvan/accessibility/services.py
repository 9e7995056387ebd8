"""Receiving a report about an accessibility problem, and marking it handled.

A report is open until a coordinator marks it handled; handling clears the contact (an e-mail
or phone number kept only to answer the person), so the coordinator answers first. Both steps
are audited with ids and flags only: never the description, page or contact.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

from .models import AccessibilityReport


def receive_report(
    *, programme: Programme, description: str, page: str = "", contact: str = ""
) -> AccessibilityReport:
    """Store what a visitor reported through the statement's form."""
    with transaction.atomic():
        report = AccessibilityReport.objects.create(
            programme=programme, description=description, page=page, contact=contact
        )
        log_action(
            "accessibility.report.received",
            programme=programme,
            target=report,
            with_page=bool(page),
            with_contact=bool(contact),
        )
    return report


def mark_handled(report: AccessibilityReport, *, handled_by: User) -> AccessibilityReport:
    """Mark the report handled and clear its contact; a report handled already stays as it is."""
    with transaction.atomic():
        # Locked, so two coordinators clicking at once write one handling and one audit entry.
        report = AccessibilityReport.objects.select_for_update().get(pk=report.pk)
        if report.is_handled:
            return report
        report.handled_at = timezone.now()
        report.handled_by = handled_by
        report.contact = ""
        report.save(update_fields=["handled_at", "handled_by", "contact"])
        log_action(
            "accessibility.report.handled",
            programme=report.programme_id,
            actor=handled_by,
            target=report,
        )
    return report
