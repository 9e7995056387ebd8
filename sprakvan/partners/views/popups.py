"""Pop-up cafés at workplaces: the list by year, booking one, changing it after the café."""

from __future__ import annotations

import copy
import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped, scoped
from sprakvan.core.bidi import named
from sprakvan.organisations.models import Organisation

from .. import popups
from ..forms import PopUpForm
from ..models import PopUpCafe
from .common import chosen_year


@coordinator_view
def popup_list(request: ProgrammeRequest) -> HttpResponse:
    today = timezone.localdate()
    years = sorted(
        {
            d.year
            for d in scoped(PopUpCafe.objects.all(), request).values_list(
                "session__date", flat=True
            )
        }
        | {today.year}
    )
    year = chosen_year(request, today.year)
    rows = popups.popups_of(
        request.programme,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        held_only=False,
    )
    return render(
        request,
        "partners/popup_list.html",
        {"rows": rows, "years": years, "year": year, "today": today},
    )


@coordinator_view
def popup_create(request: ProgrammeRequest) -> HttpResponse:
    today = timezone.localdate()
    initial = {}
    host_id = request.GET.get("host", "")
    if host_id.isdigit():
        host = scoped(Organisation.objects.all(), request).filter(pk=host_id).first()
        if host is not None:
            initial = {"host": host, "contact_name": host.contact_name}
    form = PopUpForm(
        request.POST or None, programme=request.programme, today=today, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        popup = popups.book_popup(
            programme=request.programme,
            host=form.cleaned_data["host"],
            date=form.cleaned_data["date"],
            start_time=form.cleaned_data["start_time"],
            end_time=form.cleaned_data["end_time"],
            values=form.values(),
            booked_by=request.user,
        )
        messages.success(
            request,
            named(
                _("The pop-up café at %(host)s on %(date)s was booked."),
                host=popup.host.name,
                date=form.cleaned_data["date"].isoformat(),
            ),
        )
        return redirect("partners:organisation_detail", pk=popup.host_id)
    return render(request, "partners/popup_form.html", {"form": form, "popup": None})


@coordinator_view
def popup_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    popup = get_scoped(PopUpCafe.objects.select_related("session", "host"), request, pk=pk)
    form = PopUpForm(
        request.POST or None,
        instance=copy.copy(popup),
        programme=request.programme,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        popups.save_popup(
            popup,
            date=form.cleaned_data["date"],
            start_time=form.cleaned_data["start_time"],
            end_time=form.cleaned_data["end_time"],
            values=form.values(),
            changed_by=request.user,
        )
        messages.success(
            request,
            named(
                _("The pop-up café at %(host)s on %(date)s was saved."),
                host=popup.host.name,
                date=form.cleaned_data["date"].isoformat(),
            ),
        )
        return redirect("partners:organisation_detail", pk=popup.host_id)
    return render(request, "partners/popup_form.html", {"form": form, "popup": popup})
