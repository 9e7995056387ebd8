"""The coordinator's erasure page: what will be erased, who asked and how, then erase."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped
from sprakvan.participants.models import Participant

from ..forms import ErasureForm
from ..services import erase_participant, erasure_preview


@require_http_methods(["GET", "POST"])
@coordinator_view
def erase(request: ProgrammeRequest, pk: int) -> HttpResponse:
    participant = get_scoped(Participant.objects.all(), request, pk=pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        how = form.cleaned_data["how"]
        note = form.cleaned_data["note"]
        erase_participant(
            participant,
            requested_by=request.user,
            how=f"{how}: {note}" if note else how,
        )
        messages.success(request, _("The person's data was erased. They are still counted."))
        return redirect(reverse("participants:detail", args=[participant.pk]))
    return render(
        request,
        "privacy/erase.html",
        {
            "participant": participant,
            "form": form,
            "counts": labelled_counts(erasure_preview(participant)),
        },
        status=400 if form.is_bound else 200,
    )


def labelled_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    labels = {
        "participant": _("The participant's personal details"),
        "consents_withdrawn": _("Consents to withdraw (the dated rows stay as proof)"),
        "leads": _("Leads from outreach events"),
        "referrals": _("Referrals (kept, they hold no names)"),
        "messages": _("Messages (text and address erased, kept for the statistics)"),
        "import_batches": _("Finished import files (their content is deleted)"),
        "check_in_comments": _("Check-in comments"),
        "reminder_subscriptions": _("Reminder subscriptions (deleted)"),
        "reminder_codes": _("Reminder codes (deleted)"),
        "sign_in_tokens": _("Sign-in links and codes (deleted)"),
    }
    return [(labels[key], n) for key, n in counts.items()]
