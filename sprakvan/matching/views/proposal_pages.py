"""Proposal pages: the engine's set with reasons, background runs, accept, reject, candidates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped, scoped
from sprakvan.core import jobs
from sprakvan.core.bidi import named
from sprakvan.core.htmx import is_htmx
from sprakvan.participants.choices import Group
from sprakvan.participants.models import Participant

from .. import explain, services
from ..forms import ProposalForm
from ..models import MatchingSettings, ProposalRun
from ..pools import district_names, forbidden_pairs, open_pair_counts, pool_sizes, waiting_newcomers
from ..tasks import RUN, start_run
from ..terms import Reason


def _people(request: ProgrammeRequest, ids: set[int]) -> dict[int, Participant]:
    return {
        p.pk: p
        for p in scoped(Participant.objects.filter(pk__in=ids), request).select_related("district")
    }


def _rows(
    request: ProgrammeRequest,
    proposals: list[tuple[int, int, float, list[Reason]]],
    *,
    by_waiting: bool = True,
) -> list[dict[str, Any]]:
    """Proposal rows with both people and the reasons in words (two queries in all)."""
    people = _people(
        request, {n for n, _e, _s, _r in proposals} | {e for _n, e, _s, _r in proposals}
    )
    districts = district_names(request.programme)
    rows = []
    for newcomer_id, established_id, score, reasons in proposals:
        if newcomer_id in people and established_id in people:
            rows.append(
                {
                    "newcomer": people[newcomer_id],
                    "established": people[established_id],
                    "score": score,
                    "reasons": explain.phrases(reasons, districts=districts),
                }
            )
    if not by_waiting:
        return rows
    # The longest-waiting newcomer first: fair, and how the coordinator works down the list.
    return sorted(rows, key=lambda r: (r["newcomer"].registered_on, r["newcomer"].pk))


def _still_valid(request: ProgrammeRequest, stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Proposals of an earlier background run that still hold: both free, not tried before."""
    waiting = set(waiting_newcomers(request.programme).values_list("id", flat=True))
    forbidden = forbidden_pairs(request.programme)
    taken = open_pair_counts(request.programme)
    capacity = dict(
        scoped(Participant.objects.filter(group=Group.ESTABLISHED), request).values_list(
            "id", "capacity"
        )
    )
    return [
        p
        for p in stored
        if p["newcomer_id"] in waiting
        and (p["newcomer_id"], p["established_id"]) not in forbidden
        and capacity.get(p["established_id"], 0) > taken.get(p["established_id"], 0)
    ]


@require_GET
@coordinator_view
def proposals(request: ProgrammeRequest) -> HttpResponse:
    """The best set of pairs for the whole waiting pool, with reasons; large pools run in the
    background and this page shows the latest run and its progress."""
    programme = request.programme
    today = timezone.localdate()
    newcomers, volunteers = pool_sizes(programme)
    settings = MatchingSettings.for_programme(programme)
    large = max(newcomers, volunteers) > settings.background_from
    run = ProposalRun.objects.filter(programme=programme).first() if large else None
    if run and jobs.fail_stale(RUN, pks=[run.pk]):
        run.refresh_from_db()
    if large:
        stored = (
            _still_valid(request, run.proposals)
            if run and run.state == ProposalRun.State.DONE
            else []
        )
        found = [(p["newcomer_id"], p["established_id"], p["score"], p["reasons"]) for p in stored]
    else:
        found = [
            (p.newcomer_id, p.established_id, p.score, p.reasons)
            for p in services.propose_pairs(programme, today=today)
        ]
    return render(
        request,
        "matching/proposal_list.html",
        {
            "rows": _rows(request, found),
            "newcomers_waiting": newcomers,
            "volunteers_free": volunteers,
            "large": large,
            "run": run,
            "today": today,
        },
    )


@require_POST
@coordinator_view
def proposal_run_start(request: ProgrammeRequest) -> HttpResponse:
    start_run(request.programme.pk, requested_by_id=request.user.pk, today=timezone.localdate())
    return redirect("matching:proposals")


@require_GET
@coordinator_view
def proposal_run_status(request: ProgrammeRequest, pk: int) -> HttpResponse:
    run = get_scoped(ProposalRun.objects.all(), request, pk=pk)
    if jobs.fail_stale(RUN, pks=[run.pk]):
        run.refresh_from_db()
    # htmx polls the progress alone; opened on its own it is a whole page.
    template = (
        "matching/proposal_list.html#progress" if is_htmx(request) else "matching/proposal_run.html"
    )
    response = render(request, template, {"run": run})
    if run.is_finished and is_htmx(request):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@coordinator_view
def proposal_run_retry(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """Queue a failed matching run again."""
    run = get_scoped(ProposalRun.objects.all(), request, pk=pk)
    if not jobs.retry(RUN, run.pk, requested_by=request.user):
        messages.info(request, _("This matching has not failed, so there is nothing to retry."))
    return redirect("matching:proposals")


def pair_people(request: ProgrammeRequest, form: ProposalForm) -> tuple[Participant, Participant]:
    """The proposal's newcomer and established volunteer, of this programme (404 otherwise)."""
    newcomer = get_scoped(
        Participant.objects.filter(group=Group.NEWCOMER), request, pk=form.cleaned_data["newcomer"]
    )
    established = get_scoped(
        Participant.objects.filter(group=Group.ESTABLISHED),
        request,
        pk=form.cleaned_data["established"],
    )
    return newcomer, established


def _proposal_answer(
    request: ProgrammeRequest, context: dict[str, Any], message: str, *, ok: bool
) -> HttpResponse:
    if is_htmx(request):
        return render(
            request,
            "matching/proposal_list.html#outcome",
            {**context, "message": message, "ok": ok},
        )
    (messages.success if ok else messages.error)(request, message)
    return redirect("matching:proposals")


@require_POST
@coordinator_view
def proposal_accept(request: ProgrammeRequest) -> HttpResponse:
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    newcomer, established = pair_people(request, form)
    context: dict[str, Any] = {"newcomer": newcomer, "established": established}
    try:
        pair = services.accept_proposal(
            request.programme,
            newcomer=newcomer,
            established=established,
            accepted_by=request.user,
            today=timezone.localdate(),
        )
    except services.MatchingError as exc:
        return _proposal_answer(request, context, str(exc), ok=False)
    context["pair"] = pair
    return _proposal_answer(
        request,
        context,
        named(
            _("%(newcomer)s and %(established)s are kept for calling."),
            newcomer=newcomer.full_name,
            established=established.full_name,
        ),
        ok=True,
    )


@require_POST
@coordinator_view
def proposal_reject(request: ProgrammeRequest) -> HttpResponse:
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    newcomer, established = pair_people(request, form)
    services.reject_proposal(
        request.programme,
        newcomer=newcomer,
        established=established,
        rejected_by=request.user,
        today=timezone.localdate(),
    )
    return _proposal_answer(
        request,
        {"newcomer": newcomer, "established": established, "rejected": True},
        named(
            _("%(newcomer)s and %(established)s will not be proposed to each other again."),
            newcomer=newcomer.full_name,
            established=established.full_name,
        ),
        ok=True,
    )


@require_GET
@coordinator_view
def proposal_candidates(request: ProgrammeRequest) -> HttpResponse:
    """The next-best partners of one person (?newcomer=<id> or ?established=<id>), with scores."""
    side = "newcomer" if "newcomer" in request.GET else "established"
    try:
        person_id = int(request.GET.get(side, ""))
        exclude = {int(request.GET["current"])} if request.GET.get("current") else set()
    except ValueError:
        return HttpResponse(status=400)
    group = Group.NEWCOMER if side == "newcomer" else Group.ESTABLISHED
    person = get_scoped(Participant.objects.filter(group=group), request, pk=person_id)
    found = services.candidates(
        request.programme,
        today=timezone.localdate(),
        exclude=exclude,
        limit=5,
        **{side: person},
    )
    rows = _rows(
        request,
        [(p.newcomer_id, p.established_id, p.score, p.reasons) for p in found],
        by_waiting=False,
    )
    template = "matching/proposal_candidates.html"
    return render(
        request,
        f"{template}#candidates" if is_htmx(request) else template,
        {"person": person, "side": side, "rows": rows},
    )
