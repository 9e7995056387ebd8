"""Who came to a session: named attendance and counted walk-ins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sprakvan.participants.choices import Gender, Group

from .session import Session


class Attendance(models.Model):
    """A named participant who came. One row per (session, participant), however often ticked."""

    class Via(models.TextChoices):
        LEADER = "leader", _("Ticked by a leader")
        QR = "qr", _("Checked in with the QR code")
        NEW = "new", _("New person, added at the door")
        IMPORT = "import", _("Imported")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="attendances"
    )
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.LEADER)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        indexes = [models.Index(fields=["participant", "session"])]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.participant_id}"


class NamedCount(models.Model):
    """How many named participants of each group came to a session, for the reports.

    Kept by database triggers (migration 0009), on SQLite and PostgreSQL alike, whatever writes
    the rows: a tick, an untick, the admin, a bulk insert, a participant's group changed, a
    participant or a session deleted. The reports then read one row per session instead of
    joining every attendance row to its person (docs/performance.md, "Reports"). No Python
    code writes these rows: a saved stale copy would undo the triggers' counting."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, primary_key=True, related_name="named_counts"
    )
    newcomers = models.IntegerField(default=0)
    established = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("named attendance count")
        verbose_name_plural = _("named attendance counts")

    def __str__(self) -> str:
        return f"{self.session_id}: {self.newcomers}+{self.established}"


# Walk-ins are counted by the participants' own groups and genders: one source for both.
# The plural names head the rows of the printed list.
WALK_IN_GROUPS: list[tuple[Group, Any]] = [
    (Group.NEWCOMER, _("Newcomers")),
    (Group.ESTABLISHED, _("Established residents")),
]
# (group, gender) -> field name, in the order the form and the reports show them.
WALK_IN_FIELDS = [
    (group.value, gender.value, f"{group.value}_{gender.value}")
    for group, _plural in WALK_IN_GROUPS
    for gender in Gender
]


class WalkInCount(models.Model):
    """People who came without being named, counted by group and gender (one row a session)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="walk_ins")
    newcomer_woman = models.PositiveSmallIntegerField(default=0)
    newcomer_man = models.PositiveSmallIntegerField(default=0)
    newcomer_another = models.PositiveSmallIntegerField(default=0)
    newcomer_undisclosed = models.PositiveSmallIntegerField(default=0)
    established_woman = models.PositiveSmallIntegerField(default=0)
    established_man = models.PositiveSmallIntegerField(default=0)
    established_another = models.PositiveSmallIntegerField(default=0)
    established_undisclosed = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("walk-in count")
        verbose_name_plural = _("walk-in counts")

    def __str__(self) -> str:
        return f"{self.session_id}: {self.total}"

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for _g, _s, name in WALK_IN_FIELDS)
