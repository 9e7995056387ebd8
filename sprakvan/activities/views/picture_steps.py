"""The coordinator's page for an activity's picture sequence (bildstöd): the steps in order,
add, change, remove, move up or down. Coordinators only, like the activity form it belongs to."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view

from .. import services
from ..models import MAX_PICTURE_STEPS, Activity, PictureStep
from ..picture_forms import MoveForm, PictureStepForm
from .access import get_activity_for_user


def _step(request: ProgrammeRequest, pk: int) -> PictureStep:
    """A step of an activity of the user's programme; another programme's is a 404."""
    return get_object_or_404(
        PictureStep.objects.select_related("activity"),
        pk=pk,
        activity__programme=request.programme,
    )


def _steps_page(
    request: ProgrammeRequest, activity: Activity, *, form: PictureStepForm, status: int = 200
) -> HttpResponse:
    steps = list(activity.picture_steps.all())
    context: dict[str, Any] = {
        "activity": activity,
        "steps": steps,
        "form": form,
        "is_full": len(steps) >= MAX_PICTURE_STEPS,
        "max_steps": MAX_PICTURE_STEPS,
    }
    return render(request, "activities/picture_steps.html", context, status=status)


def _described(step: PictureStep) -> dict[str, object]:
    return {"position": step.position, "picture": step.label}


@coordinator_view
def picture_steps(request: ProgrammeRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk)
    return _steps_page(request, activity, form=PictureStepForm())


@require_POST
@coordinator_view
def picture_step_add(request: ProgrammeRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk)
    form = PictureStepForm(request.POST)
    if not form.is_valid():
        return _steps_page(request, activity, form=form, status=400)
    try:
        step = services.add_picture_step(
            activity,
            picture=form.cleaned_data["picture"],
            note=form.cleaned_data["note"],
            added_by=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _steps_page(request, activity, form=form, status=400)
    messages.success(
        request, _("Picture %(position)d, “%(picture)s”, was added.") % _described(step)
    )
    return redirect("activities:picture_steps", pk=activity.pk)


@coordinator_view
def picture_step_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    step = _step(request, pk)
    form = PictureStepForm(request.POST or None, initial=PictureStepForm.initial_for(step))
    if request.method == "POST" and form.is_valid():
        services.change_picture_step(
            step,
            picture=form.cleaned_data["picture"],
            note=form.cleaned_data["note"],
            changed_by=request.user,
        )
        messages.success(
            request, _("Picture %(position)d, “%(picture)s”, was saved.") % _described(step)
        )
        return redirect("activities:picture_steps", pk=step.activity_id)
    return render(
        request,
        "activities/picture_step_form.html",
        {"form": form, "step": step, "activity": step.activity},
        status=400 if form.is_bound else 200,
    )


@require_POST
@coordinator_view
def picture_step_remove(request: ProgrammeRequest, pk: int) -> HttpResponse:
    step = _step(request, pk)
    described = _described(step)
    services.remove_picture_step(step, removed_by=request.user)
    messages.success(request, _("Picture %(position)d, “%(picture)s”, was removed.") % described)
    return redirect("activities:picture_steps", pk=step.activity_id)


@require_POST
@coordinator_view
def picture_step_move(request: ProgrammeRequest, pk: int) -> HttpResponse:
    step = _step(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _steps_page(request, step.activity, form=PictureStepForm(), status=400)
    services.move_picture_step(
        step, direction=form.cleaned_data["direction"], moved_by=request.user
    )
    messages.success(request, _("“%(picture)s” is now picture %(position)d.") % _described(step))
    # Back at the moved step, so the next move is a tab away.
    return redirect(
        reverse("activities:picture_steps", args=[step.activity_id]) + f"#step-{step.pk}"
    )
