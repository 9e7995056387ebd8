"""The questions before deleting a lead, a contribution, a budget line or a cost."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped
from sprakvan.core.bidi import named
from sprakvan.core.confirm import confirm_page

from ..models import BudgetLine, Contribution, Cost, Lead
from ..money import kr


def _finances(year: int) -> str:
    return reverse("partners:finances") + f"?year={year}"


@require_GET
@coordinator_view
def lead_delete_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(
        Lead.objects.filter(event__programme=request.programme).select_related("event"), pk=pk
    )
    return confirm_page(
        request,
        title=_("Remove this lead?"),
        consequence=named(
            _(
                "%(name)s, met at %(event)s, is removed with their phone number and note, and "
                "no longer counts in the event's figures. This cannot be undone."
            ),
            name=lead.first_name,
            event=lead.event.name,
        ),
        details=[_("A person who has already signed up stays in the register.")]
        if lead.participant_id
        else [],
        action=reverse("partners:lead_delete", args=[lead.pk]),
        confirm_label=_("Remove the lead"),
        back=reverse("partners:outreach_detail", args=[lead.event_id]),
    )


@require_GET
@coordinator_view
def contribution_delete_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(
        Contribution.objects.filter(agreement__programme=request.programme).select_related(
            "agreement", "party"
        ),
        pk=pk,
    )
    return confirm_page(
        request,
        title=_("Remove this contribution?"),
        consequence=named(
            _(
                "The contribution of %(amount)s from %(party)s for %(year)s is removed from "
                "%(agreement)s and from the year's totals. This cannot be undone."
            ),
            amount=kr(contribution.amount),
            party=contribution.party.name,
            year=contribution.year,
            agreement=contribution.agreement.title,
        ),
        action=reverse("partners:contribution_delete", args=[contribution.pk]),
        confirm_label=_("Remove the contribution"),
        back=_finances(contribution.year),
    )


@require_GET
@coordinator_view
def budget_line_delete_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    line = get_scoped(BudgetLine.objects.all(), request, pk=pk)
    if line.costs.exists():
        consequence = named(
            _("%(line)s has costs recorded against it: remove them first."), line=line.name
        )
    else:
        consequence = named(
            _(
                "The budget line %(line)s (%(amount)s in %(year)s) is removed from the budget. "
                "This cannot be undone."
            ),
            line=line.name,
            amount=kr(line.amount),
            year=line.year,
        )
    return confirm_page(
        request,
        title=_("Remove this budget line?"),
        consequence=consequence,
        action=reverse("partners:budget_line_delete", args=[line.pk]),
        confirm_label=_("Remove the budget line"),
        back=_finances(line.year),
    )


@require_GET
@coordinator_view
def cost_delete_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    cost = get_object_or_404(
        Cost.objects.filter(budget_line__programme=request.programme).select_related("budget_line"),
        pk=pk,
    )
    return confirm_page(
        request,
        title=_("Remove this cost?"),
        consequence=named(
            _(
                "The cost %(cost)s of %(amount)s on %(date)s is removed, and %(line)s shows "
                "that much less spent. This cannot be undone."
            ),
            cost=cost.description,
            amount=kr(cost.amount),
            date=cost.date.isoformat(),
            line=cost.budget_line.name,
        ),
        action=reverse("partners:cost_delete", args=[cost.pk]),
        confirm_label=_("Remove the cost"),
        back=_finances(cost.budget_line.year),
    )
