"""The agreement, contributions, budget lines and costs; the finances page."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import (
    ProgrammeRequest,
    coordinator_view,
    get_scoped,
    scoped,
    viewer_view,
)
from sprakvan.accounts.models import Role
from sprakvan.core.audit import log_action
from sprakvan.core.bidi import named
from sprakvan.core.concurrency import EditConflict

from .. import figures, services
from ..forms import AgreementForm, BudgetLineForm, ContributionForm, CostForm
from ..models import Agreement, BudgetLine, Contribution, Cost
from ..money import kr
from .common import chosen_year, protected_file_response


@viewer_view
def finances(request: ProgrammeRequest) -> HttpResponse:
    today = timezone.localdate()
    # The page opens on the current year, even before anything is recorded for it.
    years = sorted({*figures.finance_years(request.programme), today.year})
    year = chosen_year(request, today.year)
    agreements = scoped(Agreement.objects.all(), request).prefetch_related(
        "parties",
        Prefetch(
            "contributions",
            queryset=Contribution.objects.select_related("party"),
            to_attr="all_contributions",
        ),
    )
    return render(
        request,
        "partners/finances.html",
        {
            "figures": figures.year_finances(request.programme, year),
            "agreements": agreements,
            # Each agreement with its parties' yearly totals (the parts are in the table above).
            "agreement_rows": [
                (agreement, figures.party_contributions(agreement.all_contributions))
                for agreement in agreements
            ],
            "by_year": figures.contributions_by_year(request.programme),
            "years": years,
            "year": year,
            "can_edit": request.membership.role == Role.COORDINATOR,
            "budget_lines": BudgetLine.objects.with_actual()
            .filter(programme=request.programme, year=year)
            .prefetch_related("costs"),
        },
    )


@viewer_view
def agreement_document(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """The signed agreement, only through this view: /media/ serves nothing."""
    agreement = get_scoped(Agreement.objects.all(), request, pk=pk)
    response = protected_file_response(agreement.document)
    log_action(
        "partners.agreement.document_downloaded",
        programme=request.programme,
        actor=request.user,
        target=agreement,
    )
    return response


@coordinator_view
def agreement_create(request: ProgrammeRequest) -> HttpResponse:
    return _agreement_form(request, None)


@coordinator_view
def agreement_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    return _agreement_form(request, get_scoped(Agreement.objects.all(), request, pk=pk))


def _agreement_form(request: ProgrammeRequest, agreement: Agreement | None) -> HttpResponse:
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=copy.copy(agreement),
        programme=request.programme,
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_agreement(
            programme=request.programme,
            values=form.values(),
            parties=form.cleaned_data["parties"],
            changed_by=request.user,
            agreement=agreement,
        )
        messages.success(
            request,
            named(
                _("The agreement %(title)s was saved."),
                title=saved.title,
            ),
        )
        return redirect("partners:finances")
    return render(request, "partners/agreement_form.html", {"form": form, "agreement": agreement})


@coordinator_view
def contribution_create(request: ProgrammeRequest, pk: int) -> HttpResponse:
    agreement = get_scoped(Agreement.objects.all(), request, pk=pk)
    return _contribution_form(request, agreement, None)


@coordinator_view
def contribution_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    contribution = _own_contribution(request, pk)
    return _contribution_form(request, contribution.agreement, contribution)


def _contribution_form(
    request: ProgrammeRequest, agreement: Agreement, contribution: Contribution | None
) -> HttpResponse:
    form = ContributionForm(
        request.POST or None, instance=copy.copy(contribution), agreement=agreement
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contribution(
                agreement=agreement,
                values=form.values(),
                saved_by=request.user,
                contribution=contribution,
                version=form.loaded_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(
                request,
                named(
                    _("The contribution of %(amount)s from %(party)s for %(year)s was saved."),
                    amount=kr(form.cleaned_data["amount"]),
                    party=form.cleaned_data["party"].name,
                    year=form.cleaned_data["year"],
                ),
            )
            return redirect(reverse("partners:finances") + f"?year={form.cleaned_data['year']}")
    if contribution is None:
        title = _("New contribution to %(agreement)s") % {"agreement": agreement.title}
    else:
        title = _("Change a contribution to %(agreement)s") % {"agreement": agreement.title}
    return render(
        request, "partners/money_form.html", {"form": form, "title": title}, status=status
    )


@require_POST
@coordinator_view
def contribution_delete(request: ProgrammeRequest, pk: int) -> HttpResponse:
    contribution = _own_contribution(request, pk)
    removed = named(
        _("The contribution of %(amount)s from %(party)s for %(year)s was removed."),
        amount=kr(contribution.amount),
        party=contribution.party.name,
        year=contribution.year,
    )
    services.delete_contribution(contribution, deleted_by=request.user)
    messages.success(request, removed)
    return redirect(reverse("partners:finances") + f"?year={contribution.year}")


def _own_contribution(request: ProgrammeRequest, pk: int) -> Contribution:
    return get_object_or_404(
        Contribution.objects.filter(agreement__programme=request.programme).select_related(
            "agreement__programme", "party"
        ),
        pk=pk,
    )


@coordinator_view
def budget_line_create(request: ProgrammeRequest) -> HttpResponse:
    return _budget_line_form(request, None)


@coordinator_view
def budget_line_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    return _budget_line_form(request, get_scoped(BudgetLine.objects.all(), request, pk=pk))


def _budget_line_form(request: ProgrammeRequest, line: BudgetLine | None) -> HttpResponse:
    form = BudgetLineForm(
        request.POST or None, instance=copy.copy(line), programme=request.programme
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget_line(
                programme=request.programme,
                values=form.values(),
                saved_by=request.user,
                line=line,
                version=form.loaded_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(
                request,
                named(_("The budget line %(line)s was saved."), line=form.cleaned_data["name"]),
            )
            return redirect(reverse("partners:finances") + f"?year={form.cleaned_data['year']}")
    title = _("New budget line") if line is None else _("Change the budget line")
    return render(
        request, "partners/money_form.html", {"form": form, "title": title}, status=status
    )


@require_POST
@coordinator_view
def budget_line_delete(request: ProgrammeRequest, pk: int) -> HttpResponse:
    line = get_scoped(BudgetLine.objects.all(), request, pk=pk)
    if line.costs.exists():
        messages.error(
            request,
            named(_("%(line)s has costs recorded against it: remove them first."), line=line.name),
        )
    else:
        name = line.name
        services.delete_budget_line(line, deleted_by=request.user)
        messages.success(request, named(_("The budget line %(line)s was removed."), line=name))
    return redirect(reverse("partners:finances") + f"?year={line.year}")


@coordinator_view
def cost_create(request: ProgrammeRequest) -> HttpResponse:
    form = CostForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        line = form.cleaned_data["budget_line"]
        services.record_cost(budget_line=line, values=form.values(), recorded_by=request.user)
        messages.success(
            request,
            named(
                _("The cost %(cost)s of %(amount)s was recorded on %(line)s."),
                cost=form.cleaned_data["description"],
                amount=kr(form.cleaned_data["amount"]),
                line=line.name,
            ),
        )
        return redirect(reverse("partners:finances") + f"?year={line.year}")
    return render(request, "partners/money_form.html", {"form": form, "title": _("Record a cost")})


@require_POST
@coordinator_view
def cost_delete(request: ProgrammeRequest, pk: int) -> HttpResponse:
    cost = get_object_or_404(
        Cost.objects.filter(budget_line__programme=request.programme).select_related(
            "budget_line__programme"
        ),
        pk=pk,
    )
    year = cost.budget_line.year
    removed = named(
        _("The cost %(cost)s of %(amount)s was removed from %(line)s."),
        cost=cost.description,
        amount=kr(cost.amount),
        line=cost.budget_line.name,
    )
    services.delete_cost(cost, deleted_by=request.user)
    messages.success(request, removed)
    return redirect(reverse("partners:finances") + f"?year={year}")
