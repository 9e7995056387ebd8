"""The programme's privacy notice (integritet/, and each earlier version), and the page where a
signed-in person answers a consent that a new version paused (mina-sidor/samtycke/)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.participants.consents import current_consent
from sprakvan.participants.models import Consent, ConsentPurpose

from ..notices import (
    decline_consent,
    notice_content,
    outdated_consents,
    renew_consent,
)
from ..session import OwnPageRequest, own_page_view
from ..settings_forms import RenewalAnswerForm


@require_GET
def notice(request: HttpRequest, programme_slug: str, version: str | None = None) -> HttpResponse:
    """The current notice, or the version named in the address (404 for an unknown one)."""
    content = notice_content(get_programme_or_404(programme_slug), version)
    if content is None:
        raise Http404
    return render(request, "privacy/notice/notice.html", {"content": content})


@require_http_methods(["GET", "POST"])
@own_page_view
def renew(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    participant = request.participant
    if request.method == "POST":
        form = RenewalAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please choose yes or no."))
            return redirect("privacy_public:renew", programme_slug=programme_slug)
        # Only the person's own consent rows exist here; anyone else's is a 404.
        consent = get_object_or_404(
            Consent, pk=form.cleaned_data["consent"], participant=participant
        )
        if form.cleaned_data["answer"] == "yes":
            renew_consent(consent)
            messages.success(request, _("Thank you. Your answer is saved."))
        else:
            decline_consent(consent)
            messages.info(request, _("Your answer is saved: you said no."))
        return redirect("privacy_public:renew", programme_slug=programme_slug)
    content = notice_content(request.programme)
    declined_registration = (
        current_consent(participant, purpose=ConsentPurpose.REGISTRATION) is None
        and participant.consents.filter(purpose=ConsentPurpose.REGISTRATION).exists()
    )
    return render(
        request,
        "privacy/notice/renew.html",
        {
            "content": content,
            "questions": outdated_consents(participant),
            "declined_registration": declined_registration,
            "registration": ConsentPurpose.REGISTRATION,
        },
    )


urls: list[URLPattern] = [
    path("integritet/", notice, name="notice"),
    path("integritet/<str:version>/", notice, name="notice_version"),
    path("mina-sidor/samtycke/", renew, name="renew"),
]
