"""The coordinator's matching pages: proposals, pairs, calls, follow-ups, settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sprakvan.accounts.models import Role
from sprakvan.core import jobs
from sprakvan.core.access import ProgrammeRequest, get_scoped, scoped, staff_view
from sprakvan.core.audit import history_of
from sprakvan.core.concurrency import EditConflict
from sprakvan.core.htmx import is_htmx
from sprakvan.participants.choices import Group
from sprakvan.participants.models import Participant

from . import explain, services
from .engine import Reason
from .forms import (
    CallForm,
    DateForm,
    EndForm,
    FollowUpForm,
    PairFilterForm,
    ProposalForm,
    SettingsForm,
)
from .models import FollowUp, MatchingSettings, Pair, ProposalRun
from .pools import district_names, forbidden_pairs, open_pair_counts, pool_sizes, waiting_newcomers
from .tasks import RUN, start_run

coordinator_view = staff_view(Role.COORDINATOR)


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
    response = render(request, "matching/proposal_list.html#progress", {"run": run})
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


def _pair_people(request: ProgrammeRequest, form: ProposalForm) -> tuple[Participant, Participant]:
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
    newcomer, established = _pair_people(request, form)
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
        _("%(newcomer)s and %(established)s are kept for calling.")
        % {"newcomer": newcomer.first_name, "established": established.first_name},
        ok=True,
    )


@require_POST
@coordinator_view
def proposal_reject(request: ProgrammeRequest) -> HttpResponse:
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    newcomer, established = _pair_people(request, form)
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
        _("%(newcomer)s and %(established)s will not be proposed again.")
        % {"newcomer": newcomer.first_name, "established": established.first_name},
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


@require_GET
@coordinator_view
def pair_list(request: ProgrammeRequest) -> HttpResponse:
    form = PairFilterForm(request.GET or None)
    pairs = scoped(Pair.objects.all(), request).select_related(
        "newcomer__district", "established__district"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["state"]:
            pairs = pairs.filter(state=data["state"])
        if data["year"]:
            pairs = pairs.filter(started_on__year=data["year"])
        if data["attention"]:
            flagged = services.not_meeting(request.programme).values("id")
            pairs = pairs.filter(id__in=flagged)
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
    follow_ups = list(pair.follow_ups.all())
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


def _change(
    request: ProgrammeRequest, pair: Pair, action: Any, message: str, *, form_name: str, form: Any
) -> HttpResponse:
    """Run the change; a conflict shows the pair as it is now, with the form as it was sent."""
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
        messages.success(request, message)
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
            recorded_by=request.user,
            version=form.loaded_version,
        ),
        _("The call was recorded."),
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
        _("The pair is paused."),
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
        _("The pair is active again."),
        form_name="resume_form",
        form=form,
    )


@require_POST
@coordinator_view
def pair_end(request: ProgrammeRequest, pk: int) -> HttpResponse:
    pair = _load_pair(request, pk)
    form = EndForm(request.POST, prefix="end", edited=pair)
    if not form.is_valid():
        return _pair_detail(request, pair, end_form=form)
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
        _("The pair has ended."),
        form_name="end_form",
        form=form,
    )


@require_POST
@coordinator_view
def follow_up_record(request: ProgrammeRequest, pk: int) -> HttpResponse:
    follow_up = _load_follow_up(request, pk)
    form = FollowUpForm(request.POST, prefix=f"fu{follow_up.pk}")
    back = request.POST.get("back")
    if not form.is_valid():
        if back == "pair":
            return _pair_detail(request, follow_up.pair, **{f"follow_up_{follow_up.pk}": form})
        return _follow_up_page(request, forms={follow_up.pk: form}, status=400)
    services.record_follow_up(
        follow_up,
        met=form.cleaned_data["met"],
        frequency=form.cleaned_data["frequency"],
        recorded_by=request.user,
        on=form.cleaned_data["on"],
    )
    messages.success(request, _("The follow-up was recorded."))
    if back == "pair":
        return redirect("matching:pair_detail", pk=follow_up.pair_id)
    return redirect("matching:follow_ups")


def _load_follow_up(request: ProgrammeRequest, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.select_related("pair__programme", "pair__newcomer", "pair__established"),
        pk=pk,
        pair__programme=request.programme,
    )


def _follow_up_page(
    request: ProgrammeRequest, *, forms: dict[int, FollowUpForm] | None = None, status: int = 200
) -> HttpResponse:
    forms = forms or {}
    due = services.due_follow_ups(request.programme, today=timezone.localdate())
    return render(
        request,
        "matching/followup_list.html",
        {
            "due": [(f, forms.get(f.pk) or FollowUpForm(prefix=f"fu{f.pk}")) for f in due],
            "not_meeting": services.not_meeting(request.programme),
        },
        status=status,
    )


@require_GET
@coordinator_view
def follow_ups(request: ProgrammeRequest) -> HttpResponse:
    return _follow_up_page(request)


@coordinator_view
def matching_settings(request: ProgrammeRequest) -> HttpResponse:
    current = MatchingSettings.for_programme(request.programme)
    form = SettingsForm(request.POST or None, current=current.engine_weights())
    if request.method == "POST" and form.is_valid():
        services.update_settings(
            request.programme, weights=form.cleaned_data, changed_by=request.user
        )
        messages.success(request, _("The weights were saved."))
        return redirect("matching:settings")
    return render(request, "matching/settings_form.html", {"form": form})
