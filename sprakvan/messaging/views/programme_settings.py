"""The programme's sending settings: SMS sender, name on e-mail, quiet hours, budget, kinds."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view
from sprakvan.core.concurrency import EditConflict

from ..forms import MessagingSettingsForm
from ..services import settings_for
from ..services.staff import save_messaging_settings
from ..sms import is_two_way


@coordinator_view
def messaging_settings(request: ProgrammeRequest) -> HttpResponse:
    current = settings_for(request.programme)
    form = MessagingSettingsForm(request.POST or None, instance=copy.copy(current))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save_messaging_settings(
                current, values=form.values(), saved_by=request.user, version=form.loaded_version
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("messaging:settings")
    return render(
        request,
        "messaging/settings_form.html",
        {
            "form": form,
            "sender": current.sms_sender,
            "one_way": bool(current.sms_sender) and not is_two_way(current.sms_sender),
        },
        status=status,
    )
