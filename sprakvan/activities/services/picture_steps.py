"""Every change to an activity's picture sequence: add, change, remove, move.

The activity row is locked (`select_for_update`) in each change, so two coordinators editing
the same sequence take turns: the count limit and the positions 1…n stay right. Adding a step
switches the activity's `picture_support` on: a sequence is picture support, and the
partner-dialogue document counts activities by that field.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action

from ..models import MAX_PICTURE_STEPS, Activity, PictureStep

Direction = Literal["up", "down"]


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


@transaction.atomic
def add_picture_step(
    activity: Activity, *, picture: str, note: str = "", added_by: User | None
) -> PictureStep:
    """A new last step. Refused (ValidationError) when the sequence is full."""
    _locked(activity)
    count = activity.picture_steps.count()
    if count >= MAX_PICTURE_STEPS:
        raise ValidationError(
            _("A sequence has at most %(count)d pictures. Remove one first.")
            % {"count": MAX_PICTURE_STEPS}
        )
    step = PictureStep(activity=activity, position=count + 1, picture=picture, note=note)
    step.full_clean()
    step.save()
    if not activity.picture_support:
        Activity.objects.filter(pk=activity.pk).update(picture_support=True)
        activity.picture_support = True
    log_action(
        "activities.picture_step.added",
        programme=activity.programme_id,
        actor=added_by,
        target=activity,
        picture=picture,
        position=step.position,
    )
    return step


@transaction.atomic
def change_picture_step(
    step: PictureStep, *, picture: str, note: str = "", changed_by: User | None
) -> PictureStep:
    activity = _locked(step.activity)
    step.picture, step.note = picture, note
    step.full_clean()
    step.save(update_fields=["picture", "note"])
    log_action(
        "activities.picture_step.changed",
        programme=activity.programme_id,
        actor=changed_by,
        target=activity,
        picture=picture,
        position=step.position,
    )
    return step


@transaction.atomic
def remove_picture_step(step: PictureStep, *, removed_by: User | None) -> None:
    """Remove the step; the later ones move up a place. Picture support stays as it is: the
    coordinator may still use pictures on the day (the activity form switches it off)."""
    activity = _locked(step.activity)
    position = step.position
    step.delete()
    # One row at a time, in order: each moves into the place just freed, so the unique
    # (activity, position) holds after every statement (PostgreSQL checks it per row).
    for later in activity.picture_steps.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])
    log_action(
        "activities.picture_step.removed",
        programme=activity.programme_id,
        actor=removed_by,
        target=activity,
        picture=step.picture,
        position=position,
    )


@transaction.atomic
def move_picture_step(
    step: PictureStep, *, direction: Direction, moved_by: User | None
) -> PictureStep:
    """Swap the step with the one before (up) or after (down); at either end nothing moves."""
    activity = _locked(step.activity)
    step.refresh_from_db(fields=["position"])
    target = step.position - 1 if direction == "up" else step.position + 1
    neighbour = activity.picture_steps.filter(position=target).first()
    if neighbour is None:
        return step
    # Through position 0 (never used otherwise), so no two steps share a place in between.
    old = step.position
    step.position = 0
    step.save(update_fields=["position"])
    neighbour.position = old
    neighbour.save(update_fields=["position"])
    step.position = target
    step.save(update_fields=["position"])
    log_action(
        "activities.picture_step.moved",
        programme=activity.programme_id,
        actor=moved_by,
        target=activity,
        picture=step.picture,
        position=target,
    )
    return step
