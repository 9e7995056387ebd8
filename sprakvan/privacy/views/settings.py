"""The coordinator's privacy page: the retention period, the contact participants see, and the
versions of the programme's privacy notice (publishing a new one)."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, scoped
from sprakvan.participants.consents import STANDARD_NOTICE_VERSION
from sprakvan.participants.models import PrivacyNotice

from ..notices import NoticeError, privacy_settings, publish_notice, save_privacy_settings
from ..settings_forms import PrivacySettingsForm, PublishNoticeForm


@require_http_methods(["GET", "POST"])
@coordinator_view
def settings(request: ProgrammeRequest) -> HttpResponse:
    current = privacy_settings(request.programme)
    # A copy: a form that fails validation must not change the row the page shows.
    form = PrivacySettingsForm(request.POST or None, instance=copy.copy(current))
    if request.method == "POST" and form.is_valid():
        save_privacy_settings(current, values=form.values(), saved_by=request.user)
        messages.success(request, _("The privacy settings were saved."))
        return redirect("privacy:settings")
    return render(
        request,
        "privacy/settings/settings.html",
        {
            "form": form,
            "programme": request.programme,
            "notices": scoped(PrivacyNotice.objects.select_related("published_by"), request),
            "standard_version": STANDARD_NOTICE_VERSION,
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@coordinator_view
def publish(request: ProgrammeRequest) -> HttpResponse:
    form = PublishNoticeForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        try:
            published = publish_notice(
                request.programme,
                version=form.cleaned_data["version"],
                own_text=form.cleaned_data["own_text"],
                change_summary=form.cleaned_data["change_summary"],
                changed_purposes=form.cleaned_data["changed_purposes"],
                published_by=request.user,
            )
        except NoticeError as error:
            form.add_error(None, str(error))
        else:
            paused = sum(published.paused.values())
            messages.success(
                request,
                _(
                    "Version %(version)s is published. Consents paused until people agree "
                    "again: %(paused)s."
                )
                % {"version": published.notice.version, "paused": paused},
            )
            return redirect("privacy:settings")
    return render(
        request,
        "privacy/settings/publish.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
