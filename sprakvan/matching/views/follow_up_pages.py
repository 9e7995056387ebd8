"""Follow-up pages: the ones due, pairs that do not meet, and recording one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view
from sprakvan.core.bidi import named

from .. import services
from ..forms import FollowUpForm
from ..models import FollowUp
from .pair_pages import _pair_detail


@require_POST
@coordinator_view
def follow_up_record(request: ProgrammeRequest, pk: int) -> HttpResponse:
    follow_up = _load_follow_up(request, pk)
    form = FollowUpForm(request.POST, prefix=f"fu{follow_up.pk}")
    back = request.POST.get("back")
    if not form.is_valid():
        if back == "pair":
            return _pair_detail(request, follow_up.pair, **{f"follow_up_{follow_up.pk}": form})
        return _follow_up_page(request, forms={follow_up.pk: form}, status=400)
    services.record_follow_up(
        follow_up,
        met=form.cleaned_data["met"],
        frequency=form.cleaned_data["frequency"],
        recorded_by=request.user,
        on=form.cleaned_data["on"],
    )
    pair = follow_up.pair
    messages.success(
        request,
        named(
            _("The follow-up of the pair %(pair)s was recorded."),
            pair=f"{pair.newcomer.full_name} – {pair.established.full_name}",
        ),
    )
    if back == "pair":
        return redirect("matching:pair_detail", pk=follow_up.pair_id)
    return redirect("matching:follow_ups")


def _load_follow_up(request: ProgrammeRequest, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.select_related("pair__programme", "pair__newcomer", "pair__established"),
        pk=pk,
        pair__programme=request.programme,
    )


def _follow_up_page(
    request: ProgrammeRequest, *, forms: dict[int, FollowUpForm] | None = None, status: int = 200
) -> HttpResponse:
    forms = forms or {}
    due = services.due_follow_ups(request.programme, today=timezone.localdate())
    return render(
        request,
        "matching/followup_list.html",
        {
            "due": [(f, forms.get(f.pk) or FollowUpForm(prefix=f"fu{f.pk}")) for f in due],
            "not_meeting": services.not_meeting(request.programme),
        },
        status=status,
    )


@require_GET
@coordinator_view
def follow_ups(request: ProgrammeRequest) -> HttpResponse:
    return _follow_up_page(request)
