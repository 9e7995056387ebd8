"""Writes of the reports app: goals, document texts, filing figures, and the erasure the
statistics rely on (until a privacy app owns erasure, this is the reference for what it keeps)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant

from .models import DocumentText, Goal, StatisticsRecord
from .statistics import Figures, figures_as_json

# What erasure blanks: everything that identifies or describes the person. It keeps the row,
# and with it group, gender, registered_on, district, status and the dates, which the
# statistics count and which other rows (pairs, attendance, referrals) point to.
PERSONAL_FIELDS: dict[str, Any] = {
    "first_name": "",
    "last_name": "",
    "phone": "",
    "email": "",
    "birth_year": None,
    "notes": "",
    "external_id": "",
    "languages": 0,
    "interests": 0,
    "availability": 0,
    "wish_gender": "",
    "wish_age_min": None,
    "wish_age_max": None,
    "swedish_level": None,
    "preferred_language": "",
}


@transaction.atomic
def anonymise_participant(
    participant: Participant, *, erased_by: User | None = None
) -> Participant:
    """Blank the person's personal data and mark the row erased; the counted fields stay."""
    for name, value in PERSONAL_FIELDS.items():
        setattr(participant, name, value)
    participant.erased_at = timezone.now()
    participant.save(update_fields=[*PERSONAL_FIELDS, "erased_at", "updated_at"])
    participant.consents.all().delete()
    log_action(
        "participants.participant.erased",
        programme=participant.programme,
        actor=erased_by,
        target=participant,
    )
    return participant


def save_document_text(
    *,
    programme: Programme,
    period_start: datetime.date,
    period_end: datetime.date,
    values: dict[str, Any],
    saved_by: User | None,
) -> DocumentText:
    text, _created = DocumentText.objects.get_or_create(
        programme=programme, period_start=period_start, period_end=period_end
    )
    for name, value in values.items():
        setattr(text, name, value)
    text.updated_by = saved_by
    text.save()
    log_action("reports.document_text.saved", programme=programme, actor=saved_by, target=text)
    return text


def save_goal(*, goal: Goal, saved_by: User | None) -> Goal:
    created = goal.pk is None
    goal.full_clean()
    goal.save()
    log_action(
        "reports.goal.created" if created else "reports.goal.changed",
        programme=goal.programme,
        actor=saved_by,
        target=goal,
    )
    return goal


def delete_goal(goal: Goal, *, deleted_by: User | None) -> None:
    log_action("reports.goal.deleted", programme=goal.programme, actor=deleted_by, target=goal)
    goal.delete()


def file_statistics(
    *, programme: Programme, current: Figures, previous: Figures, filed_by: User | None
) -> StatisticsRecord:
    """Keep the figures as sent to the partners (counts only)."""
    record = StatisticsRecord.objects.create(
        programme=programme,
        period_start=current.period.start,
        period_end=current.period.end,
        figures={"current": figures_as_json(current), "previous": figures_as_json(previous)},
        filed_by=filed_by,
    )
    log_action("reports.statistics.filed", programme=programme, actor=filed_by, target=record)
    return record
