"""The programme's matching weights, as the engine knows them."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

from ..models import MatchingSettings
from ..terms import Weights


@transaction.atomic
def update_settings(
    programme: Programme, *, weights: dict[str, Any], changed_by: User | None
) -> MatchingSettings:
    """Store the programme's weights (only the engine's known names, validated by it)."""
    known = {f.name for f in dataclasses.fields(Weights)}
    clean = {k: v for k, v in weights.items() if k in known and v is not None}
    Weights(**clean)  # raises ValueError on a negative weight
    settings, _created = MatchingSettings.objects.get_or_create(programme=programme)
    settings.weights = clean
    settings.save(update_fields=["weights"])
    log_action(
        "matching.settings.changed",
        programme=programme,
        actor=changed_by,
        target=settings,
        weights=clean,
    )
    return settings
