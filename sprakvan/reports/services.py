"""Writes of the reports app: goals, document texts and filing figures. (Erasure, which the
statistics must survive, is `sprakvan.privacy.services.erase_participant`.)"""

from __future__ import annotations

import datetime
from typing import Any

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

from .models import DocumentText, Goal, StatisticsRecord
from .statistics import Figures, figures_as_json


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
