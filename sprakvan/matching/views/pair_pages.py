"""Pair pages: the list, one pair with its history, and calls, pauses, resumptions, endings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped, scoped
from sprakvan.core.audit import history_of
from sprakvan.core.bidi import named
from sprakvan.core.concurrency import EditConflict
from sprakvan.participants.models import Participant

from .. import explain, services
from ..forms import CallForm, DateForm, EndForm, FollowUpForm, PairFilterForm
from ..models import FollowUp, Pair
from ..pools import district_names
from .confirmations import end_pair_question


@require_GET
@coordinator_view
def pair_list(request: ProgrammeRequest) -> HttpResponse:
    form = PairFilterForm(request.GET or None)
    # Only the columns the list shows: a participant row is wide, and its phone is parsed
    # when loaded (two people and their districts for each of 50 rows).
    people = [
        f"{role}__{column}"
        for role in ("newcomer", "established")
        for column in ("first_name", "last_name", "district__name")
    ]
    pairs = (
        scoped(Pair.objects.all(), request)
        .select_related("newcomer__district", "established__district")
        .only("state", "end_reason", "check_in_flag", "started_on", "ended_on", *people)
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["state"]:
            pairs = pairs.filter(state=data["state"])
        if data["year"]:
            pairs = pairs.filter(started_on__year=data["year"])
        if data["name"]:
            pairs = pairs.filter(
                Q(newcomer__in=Participant.objects.search(data["name"]))
                | Q(established__in=Participant.objects.search(data["name"]))
            )
        if data["attention"]:
            flagged = services.not_meeting(request.programme).values("id")
            pairs = pairs.filter(Q(id__in=flagged) | ~Q(check_in_flag=Pair.Flag.NONE))
    pairs = pairs.order_by("-started_on", "-id")
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    counts = dict(
        scoped(Pair.objects.all(), request)
        .values("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return render(
        request,
        "matching/pair_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": [(label, counts.get(value, 0)) for value, label in Pair.State.choices],
        },
    )


def _pair_detail(request: ProgrammeRequest, pair: Pair, **forms: Any) -> HttpResponse:
    districts = district_names(request.programme)
    follow_ups = list(pair.follow_ups.prefetch_related("answers__participant"))
    return render(
        request,
        "matching/pair_detail.html",
        {
            "pair": pair,
            "reasons": explain.phrases(pair.reasons, districts=districts),
            "calls": pair.calls.select_related("recorded_by"),
            "follow_ups": [
                (f, forms.get(f"follow_up_{f.pk}") or FollowUpForm(prefix=f"fu{f.pk}"))
                for f in follow_ups
            ],
            "history": history_of(pair),
            "call_form": forms.get("call_form") or CallForm(prefix="call", edited=pair),
            "pause_form": forms.get("pause_form") or DateForm(prefix="pause", edited=pair),
            "resume_form": forms.get("resume_form") or DateForm(prefix="resume", edited=pair),
            "end_form": forms.get("end_form") or EndForm(prefix="end", edited=pair),
            "flagged": any(f.kind == FollowUp.Kind.ONE_MONTH and f.met is False for f in follow_ups)
            and pair.state in (Pair.State.ACTIVE, Pair.State.PAUSED),
        },
        status=400 if forms else 200,
    )


def _load_pair(request: ProgrammeRequest, pk: int) -> Pair:
    return get_scoped(
        Pair.objects.select_related("newcomer__district", "established__district", "programme"),
        request,
        pk=pk,
    )


@require_GET
@coordinator_view
def pair_detail(request: ProgrammeRequest, pk: int) -> HttpResponse:
    return _pair_detail(request, _load_pair(request, pk))


def _names(pair: Pair) -> str:
    return f"{pair.newcomer.full_name} – {pair.established.full_name}"


def _call_message(pair: Pair) -> str:
    if pair.state == Pair.State.ACTIVE:
        return named(_("The pair %(pair)s is now active."), pair=_names(pair))
    if pair.state == Pair.State.ENDED:
        return named(
            _("The call was recorded: the pair %(pair)s will not start."), pair=_names(pair)
        )
    return named(_("The call about the pair %(pair)s was recorded."), pair=_names(pair))


def _end_message(pair: Pair) -> str:
    newcomer = pair.newcomer.full_name
    if pair.started_on is None:
        return named(
            _("The proposal %(pair)s was withdrawn; %(newcomer)s is now: %(status)s."),
            pair=_names(pair),
            newcomer=newcomer,
            status=pair.newcomer.get_status_display().lower(),
        )
    return named(
        _("The pair %(pair)s has ended; %(newcomer)s is now: %(status)s."),
        pair=_names(pair),
        newcomer=newcomer,
        status=pair.newcomer.get_status_display().lower(),
    )


def _change(
    request: ProgrammeRequest,
    pair: Pair,
    action: Any,
    message: Callable[[Pair], str],
    *,
    form_name: str,
    form: Any,
) -> HttpResponse:
    """Run the change; a conflict shows the pair as it is now, with the form as it was sent.
    `message` says what changed, from the pair as it is after the change."""
    try:
        action()
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    except EditConflict as conflict:
        form.show_conflict(conflict)
        response = _pair_detail(request, _load_pair(request, pair.pk), **{form_name: form})
        response.status_code = 409
        return response
    else:
        messages.success(request, message(_load_pair(request, pair.pk)))
    return redirect("matching:pair_detail", pk=pair.pk)


@require_POST
@coordinator_view
def pair_call(request: ProgrammeRequest, pk: int) -> HttpResponse:
    pair = _load_pair(request, pk)
    form = CallForm(request.POST, prefix="call", edited=pair)
    if not form.is_valid():
        return _pair_detail(request, pair, call_form=form)
    return _change(
        request,
        pair,
        lambda: services.record_call(
            pair,
            side=form.cleaned_data["side"],
            outcome=form.cleaned_data["outcome"],
            called_on=form.cleaned_data["called_on"],
            share_phone=form.cleaned_data["share_phone"],
            recorded_by=request.user,
            version=form.loaded_version,
        ),
        _call_message,
        form_name="call_form",
        form=form,
    )


@require_POST
@coordinator_view
def pair_pause(request: ProgrammeRequest, pk: int) -> HttpResponse:
    pair = _load_pair(request, pk)
    form = DateForm(request.POST, prefix="pause", edited=pair)
    if not form.is_valid():
        return _pair_detail(request, pair, pause_form=form)
    return _change(
        request,
        pair,
        lambda: services.pause_pair(
            pair, on=form.cleaned_data["on"], paused_by=request.user, version=form.loaded_version
        ),
        lambda p: named(_("The pair %(pair)s is paused."), pair=_names(p)),
        form_name="pause_form",
        form=form,
    )


@require_POST
@coordinator_view
def pair_resume(request: ProgrammeRequest, pk: int) -> HttpResponse:
    pair = _load_pair(request, pk)
    form = DateForm(request.POST, prefix="resume", edited=pair)
    if not form.is_valid():
        return _pair_detail(request, pair, resume_form=form)
    return _change(
        request,
        pair,
        lambda: services.resume_pair(
            pair, on=form.cleaned_data["on"], resumed_by=request.user, version=form.loaded_version
        ),
        lambda p: named(_("The pair %(pair)s is active again."), pair=_names(p)),
        form_name="resume_form",
        form=form,
    )


@require_POST
@coordinator_view
def pair_end(request: ProgrammeRequest, pk: int) -> HttpResponse:
    pair = _load_pair(request, pk)
    form = EndForm(request.POST, prefix="end", edited=pair)
    if not form.is_valid():
        return end_pair_question(request, pair, form)
    return _change(
        request,
        pair,
        lambda: services.end_pair(
            pair,
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
            ended_by=request.user,
            newcomer_status=form.cleaned_data["newcomer_status"] or None,
            established_leaves=form.cleaned_data["established_leaves"],
            version=form.loaded_version,
        ),
        _end_message,
        form_name="end_form",
        form=form,
    )
