"""Partner organisations: list, edit, the detail page with its referral link."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import (
    ProgrammeRequest,
    coordinator_view,
    get_scoped,
    scoped,
)
from sprakvan.activities.models import Activity, Session, Venue
from sprakvan.core.bidi import named
from sprakvan.organisations.models import Organisation, OrganisationKind

from .. import services
from ..forms import OrganisationForm
from ..popups import popups_of
from .common import qr_response, registration_link


@coordinator_view
def organisation_list(request: ProgrammeRequest) -> HttpResponse:
    organisations = scoped(Organisation.objects.all(), request).annotate(
        referral_count=Count("referrals", distinct=True),
        participant_count=Count("sourced_participants", distinct=True),
        popup_count=Count(
            "popups",
            filter=~Q(popups__session__status=Session.Status.CANCELLED),
            distinct=True,
        ),
        last_popup=Max(
            "popups__session__date",
            filter=~Q(popups__session__status=Session.Status.CANCELLED),
        ),
    )
    kind = request.GET.get("kind", "")
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    return render(
        request,
        "partners/organisation_list.html",
        {"organisations": organisations, "kinds": OrganisationKind.choices, "kind": kind},
    )


@coordinator_view
def organisation_create(request: ProgrammeRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(
            programme=request.programme, values=form.values(), changed_by=request.user
        )
        messages.success(request, named(_("%(name)s was saved."), name=organisation.name))
        return redirect("partners:organisation_detail", pk=organisation.pk)
    return render(request, "partners/organisation_form.html", {"form": form})


@coordinator_view
def organisation_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    organisation = get_scoped(Organisation.objects.all(), request, pk=pk)
    form = OrganisationForm(
        request.POST or None, instance=copy.copy(organisation), programme=request.programme
    )
    if request.method == "POST" and form.is_valid():
        services.save_organisation(
            programme=request.programme,
            values=form.values(),
            changed_by=request.user,
            organisation=organisation,
        )
        organisation.refresh_from_db()
        messages.success(request, named(_("%(name)s was saved."), name=organisation.name))
        return redirect("partners:organisation_detail", pk=organisation.pk)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation}
    )


@coordinator_view
def organisation_detail(request: ProgrammeRequest, pk: int) -> HttpResponse:
    organisation = get_scoped(Organisation.objects.all(), request, pk=pk)
    referrals = organisation.referrals.select_related("participant", "referrer")
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "referrals": referrals,
            "venues": list(Venue.objects.filter(provider=organisation)),
            "activities": list(Activity.objects.filter(host_organisation=organisation)),
            "events": organisation.co_organised_events.all(),
            "popups": popups_of(request.programme, host_id=organisation.pk, held_only=False),
            "agreements": organisation.agreements.all(),
            "self_registered": organisation.sourced_participants.current()
            .exclude(referrals__organisation=organisation)
            .count(),
            "link": registration_link(request, organisation=organisation),
        },
    )


@coordinator_view
def organisation_qr(request: ProgrammeRequest, pk: int) -> HttpResponse:
    organisation = get_scoped(Organisation.objects.all(), request, pk=pk)
    return qr_response(registration_link(request, organisation=organisation), f"referral-{pk}")


@require_POST
@coordinator_view
def organisation_link_rotate(request: ProgrammeRequest, pk: int) -> HttpResponse:
    organisation = get_scoped(Organisation.objects.all(), request, pk=pk)
    services.rotate_link(organisation, rotated_by=request.user)
    messages.success(
        request,
        named(
            _(
                "The referral link of %(name)s was replaced. Links and QR codes printed before "
                "no longer work."
            ),
            name=organisation.name,
        ),
    )
    return redirect("partners:organisation_detail", pk=organisation.pk)
