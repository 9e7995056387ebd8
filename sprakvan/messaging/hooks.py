"""Hooks that apps above messaging fill at start-up, so that messaging never imports them.

- `audience_filters`: more ways to choose the people of a group message, each one a select
  on the page (activities adds "came to this activity in the last 3 months"). `choices`
  lists the options of a programme; `apply` narrows the participants to one chosen value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise

from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant


@dataclass(frozen=True)
class AudienceFilter:
    name: str
    label: str | Promise
    choices: Callable[[Programme], list[tuple[str, str]]]
    apply: Callable[[QuerySet[Participant], str], QuerySet[Participant]]


audience_filters: list[AudienceFilter] = []


def add_audience_filter(audience_filter: AudienceFilter) -> None:
    """Add the filter, replacing one of the same name: ready() may run twice."""
    audience_filters[:] = [f for f in audience_filters if f.name != audience_filter.name]
    audience_filters.append(audience_filter)
