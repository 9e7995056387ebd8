"""Template helpers for participant pages."""

import datetime

from django import template

from sprakvan.participants.models import Participant

register = template.Library()


@register.filter
def days_waited(participant: Participant, today: datetime.date) -> int:
    return participant.days_waited(today)
