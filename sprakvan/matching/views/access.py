"""Who may open the matching pages: the programme's coordinators."""

from __future__ import annotations

from sprakvan.accounts.access import staff_view
from sprakvan.accounts.models import Role

coordinator_view = staff_view(Role.COORDINATOR)
