"""Who may open the matching pages: the programme's coordinators."""

from __future__ import annotations

from sprakvan.accounts.models import Role
from sprakvan.core.access import staff_view

coordinator_view = staff_view(Role.COORDINATOR)
