"""Outreach events, their leads and funnels."""

from __future__ import annotations

import copy
import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import (
    ProgrammeRequest,
    coordinator_view,
    get_scoped,
    scoped,
)
from sprakvan.core.bidi import named
from sprakvan.organisations.models import OutreachEvent
from sprakvan.participants.choices import Source

from .. import figures, services
from ..forms import LeadForm, OutreachEventForm
from ..funnel import best_for_established, total
from ..models import Lead
from .common import chosen_year, qr_response, registration_link


@coordinator_view
def outreach_list(request: ProgrammeRequest) -> HttpResponse:
    today = timezone.localdate()
    events = list(
        scoped(OutreachEvent.objects.all(), request).select_related("district", "co_organiser")
    )
    years = sorted({e.date.year for e in events}, reverse=True)
    year = chosen_year(request, years[0] if years else today.year)
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


@coordinator_view
def outreach_create(request: ProgrammeRequest) -> HttpResponse:
    form = OutreachEventForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        event = services.save_outreach_event(
            programme=request.programme,
            values=form.values(),
            staff_present=form.cleaned_data["staff_present"],
            changed_by=request.user,
        )
        messages.success(request, named(_("The event %(event)s was saved."), event=event.name))
        return redirect("partners:outreach_detail", pk=event.pk)
    return render(request, "partners/outreach_form.html", {"form": form})


@coordinator_view
def outreach_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    event = get_scoped(OutreachEvent.objects.all(), request, pk=pk)
    form = OutreachEventForm(
        request.POST or None, instance=copy.copy(event), programme=request.programme
    )
    if request.method == "POST" and form.is_valid():
        services.save_outreach_event(
            programme=request.programme,
            values=form.values(),
            staff_present=form.cleaned_data["staff_present"],
            changed_by=request.user,
            event=event,
        )
        messages.success(request, named(_("The event %(event)s was saved."), event=event.name))
        return redirect("partners:outreach_detail", pk=event.pk)
    return render(request, "partners/outreach_form.html", {"form": form, "event": event})


@coordinator_view
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


@coordinator_view
def outreach_qr(request: ProgrammeRequest, pk: int) -> HttpResponse:
    event = get_scoped(OutreachEvent.objects.all(), request, pk=pk)
    return qr_response(registration_link(request, event=event), f"event-{pk}")


@require_POST
@coordinator_view
def outreach_link_rotate(request: ProgrammeRequest, pk: int) -> HttpResponse:
    event = get_scoped(OutreachEvent.objects.all(), request, pk=pk)
    services.rotate_link(event, rotated_by=request.user)
    messages.success(
        request,
        named(
            _(
                "The sign-up link of %(event)s was replaced. Links and QR codes printed before "
                "no longer work."
            ),
            event=event.name,
        ),
    )
    return redirect("partners:outreach_detail", pk=event.pk)


@coordinator_view
def lead_create(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """The stand form: save one person, then an empty form for the next."""
    event = get_scoped(OutreachEvent.objects.all(), request, pk=pk)
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.capture_lead(event=event, created_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            named(_("%(name)s was saved. Next person!"), name=form.cleaned_data["first_name"]),
        )
        return redirect("partners:lead_create", pk=event.pk)
    return render(
        request,
        "partners/lead_form.html",
        {"form": form, "event": event, "lead_count": event.leads.count()},
    )


@require_POST
@coordinator_view
def lead_delete(request: ProgrammeRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(
        Lead.objects.filter(event__programme=request.programme).select_related("event"), pk=pk
    )
    event_id = lead.event_id
    name, event = lead.first_name, lead.event.name
    services.delete_lead(lead, deleted_by=request.user)
    messages.success(
        request,
        named(_("%(name)s was removed from the leads of %(event)s."), name=name, event=event),
    )
    return redirect("partners:outreach_detail", pk=event_id)


@require_POST
@coordinator_view
def leads_link(request: ProgrammeRequest) -> HttpResponse:
    count = services.link_leads(programme=request.programme, linked_by=request.user)
    messages.success(request, _("%(count)d leads were linked to registrations.") % {"count": count})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("partners:outreach_list")
    return redirect(target)
