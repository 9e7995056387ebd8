"""The questions before rejecting a proposal and ending a pair, each saying what will happen."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped
from sprakvan.core.bidi import named
from sprakvan.core.confirm import confirm_page

from ..forms import EndForm, ProposalForm
from ..models import Pair
from .proposal_pages import pair_people


@require_GET
@coordinator_view
def proposal_reject_confirm(request: ProgrammeRequest) -> HttpResponse:
    form = ProposalForm(request.GET)
    if not form.is_valid():
        return HttpResponse(status=400)
    newcomer, established = pair_people(request, form)
    names = {"newcomer": newcomer.full_name, "established": established.full_name}
    return confirm_page(
        request,
        title=_("Reject this proposal?"),
        consequence=named(
            _(
                "%(newcomer)s and %(established)s will not be proposed to each other again. "
                "Each of them stays in the pool and can be proposed with someone else."
            ),
            **names,
        ),
        details=[
            _(
                "A rejection cannot be undone on these pages; only the platform's "
                "administrator can remove it."
            )
        ],
        action=reverse("matching:proposal_reject"),
        confirm_label=_("Reject the proposal"),
        back=reverse("matching:proposals"),
        form=ProposalForm(initial=form.cleaned_data),
    )


def end_pair_question(request: ProgrammeRequest, pair: Pair, form: EndForm) -> HttpResponse:
    """The end form inside the question; shown again with its errors when it was refused."""
    names = {"newcomer": pair.newcomer.full_name, "established": pair.established.full_name}
    if pair.state == Pair.State.PROPOSED:
        title = _("Withdraw this proposal?")
        consequence = named(
            _(
                "The proposal %(newcomer)s – %(established)s is withdrawn. %(newcomer)s waits "
                "for a new language friend unless you choose that they leave."
            ),
            **names,
        )
        label = _("Withdraw the proposal")
    else:
        title = _("End this pair?")
        consequence = named(
            _(
                "The pair %(newcomer)s – %(established)s ends and cannot be started again. "
                "%(newcomer)s waits again or leaves, as you choose below; %(established)s can "
                "take a new language friend unless they leave."
            ),
            **names,
        )
        label = _("End the pair")
    return confirm_page(
        request,
        title=title,
        consequence=consequence,
        action=reverse("matching:pair_end", args=[pair.pk]),
        confirm_label=label,
        back=reverse("matching:pair_detail", args=[pair.pk]),
        form=form,
        status=400 if form.is_bound else 200,
    )


@require_GET
@coordinator_view
def pair_end_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    pair = get_scoped(
        Pair.objects.select_related("newcomer", "established", "programme"), request, pk=pk
    )
    if not pair.is_open:
        return redirect("matching:pair_detail", pk=pair.pk)
    return end_pair_question(request, pair, EndForm(prefix="end", edited=pair))
