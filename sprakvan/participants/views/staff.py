"""The coordinator's participant pages: list, waiting list, detail, edit, status, duplicates,
import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import (
    ProgrammeRequest,
    coordinator_view,
    get_scoped,
    scoped,
)
from sprakvan.core import jobs
from sprakvan.core.audit import history_of, log_action
from sprakvan.core.concurrency import EditConflict
from sprakvan.core.htmx import is_htmx
from sprakvan.core.spreadsheets import SpreadsheetError

from ..choices import Gender, Group, Source, Status
from ..forms import (
    DEFAULT_STATUS,
    EVERYONE,
    SORTS,
    TO_REVIEW,
    ImportUploadForm,
    ParticipantFilterForm,
    ParticipantForm,
    StatusForm,
)
from ..importer import CheckResult, check_rows, plan_rows, read_rows
from ..models import ImportBatch, Participant
from ..services import (
    change_status,
    dismiss_duplicate,
    mark_reviewed,
    merge_duplicate,
    register_participant,
    update_participant,
)
from ..tasks import IMPORT, processed_so_far

PAGE_SIZE = 50
# Imports up to this many rows run inside the request; larger ones go to the worker.
INLINE_IMPORT_ROWS = 300


def _participants(request: ProgrammeRequest) -> Any:
    return scoped(Participant.objects.all(), request)


LIST_COLUMNS = ("first_name", "last_name", "needs_review", "group", "status", "registered_on")


def _list(request: ProgrammeRequest, *, waiting_only: bool) -> HttpResponse:
    # Only the columns the list shows: a participant row is wide, and its phone is parsed
    # when loaded (50 rows a page, several lists a minute per coordinator).
    participants = (
        _participants(request)
        .current()
        .select_related("district")
        .only(*LIST_COLUMNS, "district__name")
    )
    form = ParticipantFilterForm(request.GET or None, programme=request.programme)
    sort, status = "waited", DEFAULT_STATUS
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            participants = participants.search(data["q"])
        for name in ("group", "gender"):
            if data[name]:
                participants = participants.filter(**{name: data[name]})
        if data["district"]:
            participants = participants.in_district(data["district"])
        if data["language"]:
            participants = participants.speaking(data["language"])
        sort = data["sort"] or sort
        status = data["status"] or status
    if waiting_only:
        status = Status.WAITING
    if status == TO_REVIEW:
        participants = participants.filter(needs_review=True)
    elif status != EVERYONE:
        participants = participants.filter(status=status)
    page = Paginator(participants.order_by(*SORTS[sort]), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    # "review" counts the rows the "to review" filter shows (current ones only).
    counts = _participants(request).aggregate(
        duplicates=Count("pk", filter=Q(possible_duplicate_of__isnull=False)),
        review=Count(
            "pk",
            filter=Q(needs_review=True, possible_duplicate_of__isnull=True, erased_at__isnull=True),
        ),
    )
    return render(
        request,
        "participants/participant_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "waiting_only": waiting_only,
            "counts": counts,
            "to_review": TO_REVIEW,
        },
    )


@coordinator_view
def participant_list(request: ProgrammeRequest) -> HttpResponse:
    return _list(request, waiting_only=False)


@coordinator_view
def waiting_list(request: ProgrammeRequest) -> HttpResponse:
    return _list(request, waiting_only=True)


@coordinator_view
def participant_detail(request: ProgrammeRequest, pk: int) -> HttpResponse:
    participant = get_scoped(
        Participant.objects.select_related("district", "source_organisation", "source_event"),
        request,
        pk=pk,
    )
    log_action(
        "participants.participant.viewed",
        programme=request.programme,
        actor=request.user,
        target=participant,
    )
    nearest_url = reverse("activities:participant_activities", args=[participant.pk])
    return render(
        request,
        "participants/participant_detail.html",
        {
            "participant": participant,
            "consents": participant.consents.all(),
            "history": history_of(participant),
            "status_form": StatusForm(initial={"status": participant.status}),
            "duplicates": participant.possible_duplicates.all(),
            # Through Pair's reverse relations: participants stands below matching.
            "pairs": (participant.pairs_as_newcomer.all() | participant.pairs_as_established.all())
            .select_related("newcomer", "established")
            .order_by("-created_at"),
            "today": timezone.localdate(),
            "nearest_url": nearest_url,
        },
    )


@coordinator_view
def participant_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    participant = get_scoped(Participant.objects.all(), request, pk=pk)
    form = ParticipantForm(request.POST or None, instance=participant, programme=request.programme)
    status = 200
    if request.method == "POST" and form.is_valid():
        # The form only validated; the service writes (so history and rules apply).
        participant.refresh_from_db()
        try:
            update_participant(
                participant,
                values=form.intake_values(),
                changed_by=request.user,
                version=form.loaded_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            participant, status = conflict.current, 409  # type: ignore[assignment]
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("participants:detail", pk=participant.pk)
    return render(
        request,
        "participants/participant_form.html",
        {"form": form, "participant": participant},
        status=status,
    )


@coordinator_view
def participant_create(request: ProgrammeRequest) -> HttpResponse:
    form = ParticipantForm(
        request.POST or None,
        programme=request.programme,
        initial={"registered_on": timezone.localdate(), "source": Source.STAFF},
    )
    if request.method == "POST" and form.is_valid():
        values = form.intake_values()
        participant = register_participant(
            programme=request.programme,
            group=values["group"],
            values=values,
            source=values["source"],
            recorded_by=request.user,
        )
        messages.success(request, _("The participant was registered."))
        return redirect("participants:detail", pk=participant.pk)
    return render(request, "participants/participant_form.html", {"form": form})


@require_POST
@coordinator_view
def participant_status(request: ProgrammeRequest, pk: int) -> HttpResponse:
    participant = get_scoped(Participant.objects.all(), request, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        change_status(participant, status=form.cleaned_data["status"], changed_by=request.user)
        messages.success(request, _("The status was changed."))
    return redirect("participants:detail", pk=participant.pk)


@require_POST
@coordinator_view
def participant_reviewed(request: ProgrammeRequest, pk: int) -> HttpResponse:
    participant = get_scoped(Participant.objects.all(), request, pk=pk)
    mark_reviewed(participant, reviewed_by=request.user)
    return redirect("participants:detail", pk=participant.pk)


@coordinator_view
def duplicate_list(request: ProgrammeRequest) -> HttpResponse:
    duplicates = (
        _participants(request)
        .filter(possible_duplicate_of__isnull=False)
        .select_related("possible_duplicate_of", "district", "possible_duplicate_of__district")
    )
    return render(request, "participants/duplicate_list.html", {"duplicates": duplicates})


@require_POST
@coordinator_view
def duplicate_merge(request: ProgrammeRequest, pk: int) -> HttpResponse:
    duplicate = get_scoped(
        Participant.objects.filter(possible_duplicate_of__isnull=False), request, pk=pk
    )
    original = merge_duplicate(duplicate, merged_by=request.user)
    messages.success(request, _("The two registrations were merged."))
    return redirect("participants:detail", pk=original.pk)


@require_POST
@coordinator_view
def duplicate_dismiss(request: ProgrammeRequest, pk: int) -> HttpResponse:
    duplicate = get_scoped(
        Participant.objects.filter(possible_duplicate_of__isnull=False), request, pk=pk
    )
    dismiss_duplicate(duplicate, dismissed_by=request.user)
    messages.success(request, _("Kept as two different people."))
    return redirect("participants:duplicates")


@coordinator_view
def import_upload(request: ProgrammeRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = ImportBatch.objects.create(
            programme=request.programme,
            uploaded_by=request.user,  # type: ignore[misc]
            filename=upload.name[:200],
            content=upload.read(),
        )
        return redirect("participants:import_preview", pk=batch.pk)
    return render(request, "participants/import_upload.html", {"form": form})


@coordinator_view
def import_preview(request: ProgrammeRequest, pk: int) -> HttpResponse:
    batch = get_scoped(ImportBatch.objects.all(), request, pk=pk)
    if batch.state != ImportBatch.State.PREVIEWED:
        return redirect("participants:import_progress", pk=batch.pk)
    file_error, checked, plan = "", None, None
    try:
        checked = check_rows(request.programme, read_rows(batch.filename, bytes(batch.content)))
    except SpreadsheetError as exc:
        file_error = str(exc)
    if checked is not None and checked.ok:
        plan = plan_rows(request.programme, checked.rows)
    return render(
        request,
        "participants/import_preview.html",
        {
            "batch": batch,
            "checked": checked,
            "file_error": file_error,
            "plan": plan,
            "preview": _preview_rows(checked) if checked is not None else [],
        },
    )


def _preview_rows(checked: CheckResult) -> list[dict[str, Any]]:
    """The first rows in the coordinator's words ("nyanländ", not "newcomer")."""
    return [
        {
            **row.values,
            "row": row.row,
            "group": Group(row.values["group"]).label,
            "gender": Gender(row.values["gender"]).label,
            "status": Status(row.values["status"]).label,
        }
        for row in checked.rows[:50]
    ]


@require_POST
@coordinator_view
def import_confirm(request: ProgrammeRequest, pk: int) -> HttpResponse:
    batch = get_scoped(
        ImportBatch.objects.filter(state=ImportBatch.State.PREVIEWED), request, pk=pk
    )
    try:
        rows = len(read_rows(batch.filename, bytes(batch.content)))
    except SpreadsheetError:
        return redirect("participants:import_preview", pk=batch.pk)  # which names the problem
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.RUNNING, total=rows)
    jobs.submit(IMPORT, batch.pk, inline=rows <= INLINE_IMPORT_ROWS)
    return redirect("participants:import_progress", pk=batch.pk)


@coordinator_view
def import_progress(request: ProgrammeRequest, pk: int) -> HttpResponse:
    batch = get_scoped(ImportBatch.objects.all(), request, pk=pk)
    if jobs.fail_stale(IMPORT, pks=[batch.pk]):
        batch.refresh_from_db()
    processed = processed_so_far(batch)
    context = {
        "batch": batch,
        "processed": processed,
        "percent": round(100 * processed / batch.total) if batch.total else 0,
    }
    if is_htmx(request):
        return render(request, "participants/import_progress.html#progress", context)
    return render(request, "participants/import_progress.html", context)


@require_POST
@coordinator_view
def import_retry(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """Queue a failed import again (its file is kept until an import succeeds)."""
    batch = get_scoped(ImportBatch.objects.all(), request, pk=pk)
    if not jobs.retry(IMPORT, batch.pk, requested_by=request.user):
        messages.info(request, _("This import has not failed, so there is nothing to retry."))
    return redirect("participants:import_progress", pk=batch.pk)
