"""Referrals: a referrer refers a person and follows their own; coordinators see all."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sprakvan.accounts.access import ProgrammeRequest, get_scoped, scoped, staff_view
from sprakvan.accounts.models import Role
from sprakvan.core.bidi import named
from sprakvan.organisations.models import Organisation

from .. import services
from ..forms import ReferralFilterForm, ReferralForm
from ..models import Referral, ReferralQuerySet


def _referrals_for(request: ProgrammeRequest) -> ReferralQuerySet:
    """A coordinator sees the programme's referrals; a referrer only the ones they made."""
    referrals = scoped(Referral.objects.all(), request)
    if request.membership.role == Role.REFERRER:
        referrals = referrals.filter(
            referrer=request.user,
            organisation=request.membership.organisation,
        )
    return cast(ReferralQuerySet, referrals)  # scoped() keeps the queryset's class


@staff_view(Role.COORDINATOR, Role.REFERRER)
def referral_list(request: ProgrammeRequest) -> HttpResponse:
    referrals = _referrals_for(request).select_related("organisation", "participant", "referrer")
    form = ReferralFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    if status:
        referrals = referrals.with_status(status)
    is_referrer = request.membership.role == Role.REFERRER
    by_organisation: dict[Organisation, list[Referral]] = {}
    for referral in referrals.order_by("organisation__name", "-created_at"):
        by_organisation.setdefault(referral.organisation, []).append(referral)
    return render(
        request,
        "partners/referral_list.html",
        {
            "by_organisation": by_organisation,
            "is_referrer": is_referrer,
            "form": form,
            "filtered": bool(status),
        },
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
        messages.success(
            request,
            named(
                _("Thank you. The coordinator has received the referral of %(name)s."),
                name=referral.participant.full_name if referral.participant else "",
            ),
        )
        return redirect("partners:referral_detail", pk=referral.pk)
    return render(
        request, "partners/referral_form.html", {"form": form, "organisation": organisation}
    )


@staff_view(Role.COORDINATOR, Role.REFERRER)
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
