"""Language-friend pairs and their life: settings, pairs, rejections, calls, follow-ups, runs."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant

from .terms import Reason, Weights

# Pools larger than this (people on one side) are matched by a background task.
BACKGROUND_FROM = 1500


class MatchingSettings(models.Model):
    """A programme's weights for the score components; missing keys take the engine defaults."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="matching_settings"
    )
    weights = models.JSONField(_("weights"), default=dict, blank=True)
    background_from = models.PositiveIntegerField(
        _("match in the background from this many people on one side"), default=BACKGROUND_FROM
    )

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")

    def __str__(self) -> str:
        return str(self.programme)

    def engine_weights(self) -> Weights:
        known = {f.name for f in dataclasses.fields(Weights)}
        return Weights(**{k: v for k, v in self.weights.items() if k in known})

    @classmethod
    def for_programme(cls, programme: Programme) -> MatchingSettings:
        """The stored settings, or unsaved defaults."""
        found = cls.objects.filter(programme=programme).first()
        return found or cls(programme=programme)


class PairQuerySet(models.QuerySet["Pair"]):
    def open(self) -> PairQuerySet:
        """Proposed, active or paused: the pair still holds both people."""
        return self.filter(state__in=Pair.OPEN_STATES)

    def started_between(self, start: datetime.date, end: datetime.date) -> PairQuerySet:
        """New in the period: started_on within start..end (inclusive)."""
        return self.filter(started_on__gte=start, started_on__lte=end)

    def active_during(self, start: datetime.date, end: datetime.date) -> PairQuerySet:
        """Active at some time in start..end: it started (not merely proposed) by the end and
        had not ended before the start."""
        return self.filter(started_on__isnull=False, started_on__lte=end).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=start)
        )

    def of_participant(self, participant: Participant) -> PairQuerySet:
        return self.filter(Q(newcomer=participant) | Q(established=participant))


# Pair's choices live beside it (not inside) so that its Meta constraints can name them too;
# use them as `Pair.State` and `Pair.EndReason`.
class PairState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, to call")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class PairEndReason(models.TextChoices):
    NONE = "", _("(not ended)")
    COMPLETED = "completed", _("Completed")
    MOVED_AWAY = "moved_away", _("Moved away")
    NO_CONTACT = "no_contact", _("No contact")
    DECLINED = "declined", _("Declined when called")
    OTHER = "other", _("Other")


class Side(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer")
    ESTABLISHED = "established", _("Established")


class CheckInFlag(models.TextChoices):
    """What the latest check-in answers ask of the coordinator."""

    NONE = "", _("(no flag)")
    NOT_MET = "not_met", _("Have not met yet")
    STOPPED = "stopped", _("Have stopped meeting")


class Pair(models.Model):
    State = PairState
    EndReason = PairEndReason
    Flag = CheckInFlag

    OPEN_STATES = (State.PROPOSED, State.ACTIVE, State.PAUSED)

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pairs")
    newcomer = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="pairs_as_newcomer",
        verbose_name=_("newcomer"),
    )
    established = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="pairs_as_established",
        verbose_name=_("established"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PROPOSED
    )
    end_reason = models.CharField(
        _("end reason"), max_length=12, choices=EndReason.choices, blank=True
    )
    # Who declined, when a pair ends as declined: the other side goes first in line.
    declined_by = models.CharField(
        _("declined by"),
        max_length=12,
        blank=True,
        choices=Side.choices,
    )
    proposed_on = models.DateField(_("proposed"), null=True, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    paused_on = models.DateField(_("paused"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    # [{"code": "same_district", "params": {"district": 3}}, …]: rendered by explain.py.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    # Set from the people's own check-in answers (see services/check_ins.py).
    check_in_flag = models.CharField(
        _("check-in"), max_length=10, choices=CheckInFlag.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        indexes = [
            models.Index(fields=["programme", "state"]),
            models.Index(fields=["programme", "started_on"]),
        ]
        constraints = [
            # A newcomer has one language friend at a time.
            models.UniqueConstraint(
                fields=["newcomer"],
                condition=Q(state__in=[PairState.PROPOSED, PairState.ACTIVE, PairState.PAUSED]),
                name="pair_one_open_per_newcomer",
            ),
            models.CheckConstraint(
                condition=~Q(state=PairState.ENDED)
                | (Q(ended_on__isnull=False) & ~Q(end_reason=PairEndReason.NONE)),
                name="pair_ended_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[PairState.ACTIVE, PairState.PAUSED])
                | Q(started_on__isnull=False),
                name="pair_active_has_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.newcomer} – {self.established}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def reason_objects(self) -> list[Reason]:
        return [Reason(r["code"], r.get("params", {})) for r in self.reasons]

    def months_active(self, today: datetime.date) -> int | None:
        if not self.started_on:
            return None
        end = self.ended_on or today
        return (end.year - self.started_on.year) * 12 + end.month - self.started_on.month


class Rejection(models.Model):
    """A pair the coordinator rejected: never proposed again."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    newcomer = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    established = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejected_on = models.DateField(_("rejected"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rejected proposal")
        constraints = [
            models.UniqueConstraint(
                fields=["newcomer", "established"], name="rejection_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.newcomer_id} × {self.established_id}"


class CallRecord(models.Model):
    """One phone call to one side of a proposed pair."""

    class Outcome(models.TextChoices):
        AGREES = "agrees", _("Reached, agrees")
        DECLINES = "declines", _("Reached, declines")
        NO_ANSWER = "no_answer", _("No answer")

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="calls")
    side = models.CharField(_("who was called"), max_length=12, choices=Side.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    called_on = models.DateField(_("date of the call"))
    # Asked only of a person who agrees: the introduction gives each their friend's phone
    # number when both said yes (`services.check_ins.send_introductions`).
    share_phone = models.BooleanField(
        _("agrees that their language friend gets their phone number"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["called_on", "id"]
        verbose_name = _("call")

    def __str__(self) -> str:
        return f"{self.called_on} {self.side} {self.outcome}"


class FollowUp(models.Model):
    """Did they meet? Asked one month and six months after the start."""

    class Kind(models.TextChoices):
        ONE_MONTH = "one_month", _("One month")
        SIX_MONTHS = "six_months", _("Six months")

    class Frequency(models.TextChoices):
        UNKNOWN = "", _("(not asked)")
        WEEKLY = "weekly", _("Every week")
        FORTNIGHTLY = "fortnightly", _("Every other week")
        MONTHLY = "monthly", _("About once a month")
        RARELY = "rarely", _("Less often")

    MONTHS = {Kind.ONE_MONTH: 1, Kind.SIX_MONTHS: 6}

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("follow-up"), max_length=12, choices=Kind.choices)
    due_on = models.DateField(_("due"))
    met = models.BooleanField(_("they meet"), null=True, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency.choices, blank=True
    )
    recorded_on = models.DateField(_("recorded"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        constraints = [
            models.UniqueConstraint(fields=["pair", "kind"], name="follow_up_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"

    @property
    def is_recorded(self) -> bool:
        return self.recorded_on is not None


class CheckInAnswer(models.Model):
    """One person's own answer to a check-in (one and six months): at most one per person and
    follow-up; a second answer replaces the first."""

    class Answer(models.TextChoices):
        MEETING = "meeting", _("We meet")
        NOT_MET = "not_met", _("We have not met yet")
        STOPPED = "stopped", _("We have stopped")

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    answered_at = models.DateTimeField(_("answered"))

    class Meta:
        ordering = ["answered_at", "id"]
        verbose_name = _("check-in answer")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "participant"], name="check_in_answer_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.follow_up_id} {self.participant_id} {self.answer}"


class ProposalRun(models.Model):
    """A background matching of a large pool: its progress and, when done, its proposals."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Matching")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    today = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    step = models.CharField(max_length=40, blank=True)
    percent = models.PositiveSmallIntegerField(default=0)
    # [{"newcomer_id", "established_id", "score", "reasons": [{code, params}]}]
    proposals = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.state}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


def reasons_as_json(reasons: list[Reason]) -> list[dict[str, Any]]:
    return [{"code": r.code, "params": dict(r.params)} for r in reasons]
