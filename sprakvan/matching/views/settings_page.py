"""The page of the programme's matching weights."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view

from .. import services
from ..forms import SettingsForm
from ..models import MatchingSettings


@coordinator_view
def matching_settings(request: ProgrammeRequest) -> HttpResponse:
    current = MatchingSettings.for_programme(request.programme)
    form = SettingsForm(request.POST or None, current=current.engine_weights())
    if request.method == "POST" and form.is_valid():
        services.update_settings(
            request.programme, weights=form.cleaned_data, changed_by=request.user
        )
        messages.success(request, _("The weights were saved."))
        return redirect("matching:settings")
    return render(request, "matching/settings_form.html", {"form": form})
