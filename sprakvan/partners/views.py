"""Staff pages of the partners app: organisations, referrals, outreach and leads, finances."""

from __future__ import annotations

import datetime

import segno
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.models import Role
from sprakvan.core.access import ProgrammeRequest, get_scoped, scoped, staff_view
from sprakvan.participants.choices import Source

from . import figures, services
from .forms import (
    AgreementForm,
    BudgetLineForm,
    ContributionForm,
    CostForm,
    LeadForm,
    OrganisationForm,
    OutreachEventForm,
    ReferralForm,
)
from .funnel import best_for_established, total
from .models import (
    Agreement,
    BudgetLine,
    Cost,
    Lead,
    Organisation,
    OrganisationKind,
    OutreachEvent,
    Referral,
)

COORDINATOR = Role.COORDINATOR


def registration_link(request: ProgrammeRequest, **source: object) -> str | None:
    """The public sign-up address that records `source` (an organisation or an event)."""
    try:
        from sprakvan.participants.sources import make_source_token

        path = reverse("intake:choose", args=[request.programme.slug])
    except (ImportError, NoReverseMatch):
        return None
    return request.build_absolute_uri(path + "?via=" + make_source_token(**source))  # type: ignore[arg-type]


def qr_response(link: str | None, filename: str) -> HttpResponse:
    if link is None:
        raise Http404
    response = HttpResponse(
        segno.make(link, error="m").svg_inline(scale=6, border=2), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.svg"'
    return response


# Organisations


@staff_view(COORDINATOR)
def organisation_list(request: ProgrammeRequest) -> HttpResponse:
    organisations = scoped(Organisation.objects.all(), request).annotate(
        referral_count=Count("referrals", distinct=True),
        participant_count=Count("sourced_participants", distinct=True),
    )
    kind = request.GET.get("kind", "")
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    return render(
        request,
        "partners/organisation_list.html",
        {"organisations": organisations, "kinds": OrganisationKind.choices, "kind": kind},
    )


@staff_view(COORDINATOR)
def organisation_create(request: ProgrammeRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(
            programme=request.programme, values=form.values(), changed_by=request.user
        )
        messages.success(request, _("The organisation was saved."))
        return redirect("partners:organisation_detail", pk=organisation.pk)
    return render(request, "partners/organisation_form.html", {"form": form})


@staff_view(COORDINATOR)
def organisation_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    organisation = get_scoped(Organisation.objects.all(), request, pk=pk)
    form = OrganisationForm(
        request.POST or None, instance=organisation, programme=request.programme
    )
    if request.method == "POST" and form.is_valid():
        services.save_organisation(
            programme=request.programme,
            values=form.values(),
            changed_by=request.user,
            organisation=organisation,
        )
        messages.success(request, _("The organisation was saved."))
        return redirect("partners:organisation_detail", pk=organisation.pk)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation}
    )


def _linked(app_label: str, model: str, field: str, organisation: Organisation) -> list[object]:
    """Rows of another app that point at the organisation, if that app and field exist."""
    Model = figures._model(app_label, model)
    if Model is None or field not in {f.name for f in Model._meta.get_fields()}:
        return []
    return list(Model._default_manager.filter(**{field: organisation}))


@staff_view(COORDINATOR)
def organisation_detail(request: ProgrammeRequest, pk: int) -> HttpResponse:
    organisation = get_scoped(Organisation.objects.all(), request, pk=pk)
    referrals = organisation.referrals.select_related("participant", "referrer")
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "referrals": referrals,
            "venues": _linked("activities", "Venue", "provider", organisation),
            "activities": _linked("activities", "Activity", "host_organisation", organisation),
            "events": organisation.co_organised_events.all(),
            "agreements": organisation.agreements.all(),
            "self_registered": organisation.sourced_participants.current()
            .exclude(referrals__organisation=organisation)
            .count(),
            "link": registration_link(request, organisation=organisation),
        },
    )


@staff_view(COORDINATOR)
def organisation_qr(request: ProgrammeRequest, pk: int) -> HttpResponse:
    organisation = get_scoped(Organisation.objects.all(), request, pk=pk)
    return qr_response(registration_link(request, organisation=organisation), f"referral-{pk}")


# Referrals


def _referrals_for(request: ProgrammeRequest):  # type: ignore[no-untyped-def]
    """A coordinator sees the programme's referrals; a referrer only the ones they made."""
    referrals = scoped(Referral.objects.all(), request)
    if request.membership.role == Role.REFERRER:
        referrals = referrals.filter(
            referrer=request.user, organisation=request.membership.organisation
        )
    return referrals


@staff_view(COORDINATOR, Role.REFERRER)
def referral_list(request: ProgrammeRequest) -> HttpResponse:
    referrals = _referrals_for(request).select_related("organisation", "participant", "referrer")
    is_referrer = request.membership.role == Role.REFERRER
    by_organisation: dict[Organisation, list[Referral]] = {}
    for referral in referrals.order_by("organisation__name", "-created_at"):
        by_organisation.setdefault(referral.organisation, []).append(referral)
    return render(
        request,
        "partners/referral_list.html",
        {"by_organisation": by_organisation, "is_referrer": is_referrer},
    )


@staff_view(Role.REFERRER)
def referral_create(request: ProgrammeRequest) -> HttpResponse:
    organisation = request.membership.organisation
    if organisation is None:
        raise Http404
    form = ReferralForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        referral = services.refer_person(
            organisation=organisation,
            referrer=request.user,
            group=form.cleaned_data["group"],
            values=form.person_values(),
            consent_given_by=form.cleaned_data["consent_given_by"],
            consent_method=form.cleaned_data["consent_method"],
            consent_date=form.cleaned_data["consent_date"],
            consent_sms=form.cleaned_data["consent_sms"],
            consent_email=form.cleaned_data["consent_email"],
        )
        messages.success(request, _("Thank you. The coordinator has received the referral."))
        return redirect("partners:referral_detail", pk=referral.pk)
    return render(
        request, "partners/referral_form.html", {"form": form, "organisation": organisation}
    )


@staff_view(COORDINATOR, Role.REFERRER)
def referral_detail(request: ProgrammeRequest, pk: int) -> HttpResponse:
    referral = get_scoped(
        _referrals_for(request).select_related("organisation", "participant", "referrer"),
        request,
        pk=pk,
    )
    return render(
        request,
        "partners/referral_detail.html",
        {"referral": referral, "is_referrer": request.membership.role == Role.REFERRER},
    )


# Outreach


def _year(request: ProgrammeRequest, years: list[int], default: int) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


@staff_view(COORDINATOR)
def outreach_list(request: ProgrammeRequest) -> HttpResponse:
    today = timezone.localdate()
    events = list(
        scoped(OutreachEvent.objects.all(), request).select_related("district", "co_organiser")
    )
    years = sorted({e.date.year for e in events}, reverse=True)
    year = _year(request, years, years[0] if years else today.year)
    shown = [e for e in events if e.date.year == year]
    counts = figures.event_funnels(shown, today=today)
    best = best_for_established(counts)
    rows = [(event, counts[event.pk], event.pk in best) for event in shown]
    sources = figures.source_funnels(
        request.programme,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        today=today,
    )
    source_rows = [
        (Source(key).label, c) for key, c in sorted(sources.items()) if key in Source.values
    ]
    return render(
        request,
        "partners/outreach_list.html",
        {
            "rows": rows,
            "total": total(counts.values()),
            "years": years,
            "year": year,
            "source_rows": source_rows,
        },
    )


@staff_view(COORDINATOR)
def outreach_create(request: ProgrammeRequest) -> HttpResponse:
    form = OutreachEventForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        event = services.save_outreach_event(
            programme=request.programme,
            values=form.values(),
            staff_present=form.cleaned_data["staff_present"],
            changed_by=request.user,
        )
        messages.success(request, _("The event was saved."))
        return redirect("partners:outreach_detail", pk=event.pk)
    return render(request, "partners/outreach_form.html", {"form": form})


@staff_view(COORDINATOR)
def outreach_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    event = get_scoped(OutreachEvent.objects.all(), request, pk=pk)
    form = OutreachEventForm(request.POST or None, instance=event, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        services.save_outreach_event(
            programme=request.programme,
            values=form.values(),
            staff_present=form.cleaned_data["staff_present"],
            changed_by=request.user,
            event=event,
        )
        messages.success(request, _("The event was saved."))
        return redirect("partners:outreach_detail", pk=event.pk)
    return render(request, "partners/outreach_form.html", {"form": form, "event": event})


@staff_view(COORDINATOR)
def outreach_detail(request: ProgrammeRequest, pk: int) -> HttpResponse:
    event = get_scoped(
        OutreachEvent.objects.select_related("district", "co_organiser"), request, pk=pk
    )
    counts = figures.event_funnels([event], today=timezone.localdate())[event.pk]
    return render(
        request,
        "partners/outreach_detail.html",
        {
            "event": event,
            "counts": counts,
            "leads": event.leads.select_related("participant", "created_by"),
            "staff": event.staff_present.all(),
            "link": registration_link(request, event=event),
            "form": LeadForm(),
        },
    )


@staff_view(COORDINATOR)
def outreach_qr(request: ProgrammeRequest, pk: int) -> HttpResponse:
    event = get_scoped(OutreachEvent.objects.all(), request, pk=pk)
    return qr_response(registration_link(request, event=event), f"event-{pk}")


@staff_view(COORDINATOR)
def lead_create(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """The stand form: save one person, then an empty form for the next."""
    event = get_scoped(OutreachEvent.objects.all(), request, pk=pk)
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.capture_lead(event=event, created_by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved. Next person!"))
        return redirect("partners:lead_create", pk=event.pk)
    return render(
        request,
        "partners/lead_form.html",
        {"form": form, "event": event, "lead_count": event.leads.count()},
    )


@require_POST
@staff_view(COORDINATOR)
def lead_delete(request: ProgrammeRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(Lead.objects.filter(event__programme=request.programme), pk=pk)
    event_id = lead.event_id
    services.delete_lead(lead, deleted_by=request.user)
    messages.success(request, _("The lead was removed."))
    return redirect("partners:outreach_detail", pk=event_id)


@require_POST
@staff_view(COORDINATOR)
def leads_link(request: ProgrammeRequest) -> HttpResponse:
    count = services.link_leads(programme=request.programme, linked_by=request.user)
    messages.success(request, _("%(count)d leads were linked to registrations.") % {"count": count})
    return redirect(request.POST.get("next") or "partners:outreach_list")


# Finances


@staff_view(COORDINATOR, Role.PARTNER_VIEWER)
def finances(request: ProgrammeRequest) -> HttpResponse:
    years = figures.finance_years(request.programme)
    today = timezone.localdate()
    default = today.year if today.year in years or not years else years[-1]
    year = _year(request, years, default)
    agreements = scoped(Agreement.objects.all(), request).prefetch_related(
        "parties", Prefetch("contributions", to_attr="all_contributions")
    )
    return render(
        request,
        "partners/finances.html",
        {
            "figures": figures.year_finances(request.programme, year),
            "agreements": agreements,
            "by_year": figures.contributions_by_year(request.programme),
            "years": years,
            "year": year,
            "can_edit": request.membership.role == COORDINATOR,
            "budget_lines": scoped(BudgetLine.objects.filter(year=year), request)
            .prefetch_related("costs")
            .with_actual(),
        },
    )


@staff_view(COORDINATOR, Role.PARTNER_VIEWER)
def agreement_document(request: ProgrammeRequest, pk: int) -> FileResponse:
    agreement = get_scoped(Agreement.objects.all(), request, pk=pk)
    if not agreement.document:
        raise Http404
    return FileResponse(agreement.document.open("rb"), as_attachment=True)


@staff_view(COORDINATOR)
def agreement_create(request: ProgrammeRequest) -> HttpResponse:
    return _agreement_form(request, None)


@staff_view(COORDINATOR)
def agreement_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    return _agreement_form(request, get_scoped(Agreement.objects.all(), request, pk=pk))


def _agreement_form(request: ProgrammeRequest, agreement: Agreement | None) -> HttpResponse:
    form = AgreementForm(
        request.POST or None, request.FILES or None, instance=agreement, programme=request.programme
    )
    if request.method == "POST" and form.is_valid():
        services.save_agreement(
            programme=request.programme,
            values=form.values(),
            parties=form.cleaned_data["parties"],
            changed_by=request.user,
            agreement=agreement,
        )
        messages.success(request, _("The agreement was saved."))
        return redirect("partners:finances")
    return render(request, "partners/agreement_form.html", {"form": form, "agreement": agreement})


@staff_view(COORDINATOR)
def contribution_create(request: ProgrammeRequest, pk: int) -> HttpResponse:
    agreement = get_scoped(Agreement.objects.all(), request, pk=pk)
    form = ContributionForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        services.add_contribution(agreement=agreement, values=form.values(), added_by=request.user)
        messages.success(request, _("The contribution was saved."))
        return redirect(reverse("partners:finances") + f"?year={form.cleaned_data['year']}")
    return render(
        request,
        "partners/money_form.html",
        {
            "form": form,
            "title": _("New contribution to %(agreement)s") % {"agreement": agreement.title},
        },
    )


@staff_view(COORDINATOR)
def budget_line_create(request: ProgrammeRequest) -> HttpResponse:
    form = BudgetLineForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        services.add_budget_line(
            programme=request.programme, values=form.values(), added_by=request.user
        )
        messages.success(request, _("The budget line was saved."))
        return redirect(reverse("partners:finances") + f"?year={form.cleaned_data['year']}")
    return render(
        request, "partners/money_form.html", {"form": form, "title": _("New budget line")}
    )


@staff_view(COORDINATOR)
def cost_create(request: ProgrammeRequest) -> HttpResponse:
    form = CostForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        line = form.cleaned_data["budget_line"]
        services.record_cost(budget_line=line, values=form.values(), recorded_by=request.user)
        messages.success(request, _("The cost was recorded."))
        return redirect(reverse("partners:finances") + f"?year={line.year}")
    return render(request, "partners/money_form.html", {"form": form, "title": _("Record a cost")})


@require_POST
@staff_view(COORDINATOR)
def cost_delete(request: ProgrammeRequest, pk: int) -> HttpResponse:
    cost = get_object_or_404(
        Cost.objects.filter(budget_line__programme=request.programme).select_related(
            "budget_line__programme"
        ),
        pk=pk,
    )
    year = cost.budget_line.year
    services.delete_cost(cost, deleted_by=request.user)
    messages.success(request, _("The cost was removed."))
    return redirect(reverse("partners:finances") + f"?year={year}")
