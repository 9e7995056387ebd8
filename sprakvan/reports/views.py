"""The reports pages: the dashboard, table exports, goals and the partner-dialogue document.

Coordinators see exact figures; partner viewers see counts only, with small cells suppressed,
on the page, in the exports and in the document alike.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sprakvan.accounts.access import (
    ProgrammeRequest,
    coordinator_view,
    get_scoped,
    scoped,
    viewer_view,
)
from sprakvan.accounts.models import Role
from sprakvan.core import jobs
from sprakvan.core.audit import log_action
from sprakvan.core.htmx import is_htmx

from . import document, exports
from .builds import request_document
from .charts import charts_for
from .forms import SECTIONS, DocumentTextForm, GoalForm, compare_from, period_from
from .models import DocumentBuild, DocumentText, Goal
from .report import Report, build, year_to_date
from .services import delete_goal, file_statistics, save_document_text, save_goal
from .statistics import COMPARE_PREVIOUS, Period
from .tables import Table
from .tasks import BUILD
from .viewer import viewer_tables


def is_viewer(request: ProgrammeRequest) -> bool:
    return request.membership.role != Role.COORDINATOR


def _report(request: ProgrammeRequest) -> tuple[object, Report]:
    today = timezone.localdate()
    this_year, _last_year = year_to_date(today)
    form, period = period_from(request.GET, default=this_year)
    # One rule everywhere: the same months a year earlier, or ?compare=previous.
    report = build(
        request.programme,
        period,
        today=today,
        compare=compare_from(request.GET),
        goal_years=(period.end.year, period.end.year + 1),
    )
    return form, report


def _query(period: Period, compare: str) -> str:
    """The query string that asks for the same period and comparison again."""
    query = f"?start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}"
    return query + (f"&compare={compare}" if compare == COMPARE_PREVIOUS else "")


def _tables(request: ProgrammeRequest, report: Report) -> list[Table]:
    tables = report.tables()
    if is_viewer(request):
        return viewer_tables(tables)
    return tables


@viewer_view
def dashboard(request: ProgrammeRequest) -> HttpResponse:
    form, report = _report(request)
    tables = _tables(request, report)
    by_slug = {t.slug: t for t in tables}
    charts = charts_for(by_slug)
    charted = {c.slug for c in charts}
    query = _query(report.period, report.compare)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "report": report,
            "viewer": is_viewer(request),
            "by_slug": by_slug,
            "key_figures": by_slug.get("key-figures"),
            "goals": report.goal_results,
            "next_goals": report.next_goals,
            "goal_table": by_slug.get("goals"),
            "charts": charts,
            "tables": [
                t
                for t in tables
                if t.slug not in charted and t.slug not in ("key-figures", "goals")
            ],
            "query": query,
            "waiting_now": report.rows.waiting_now,
        },
    )


@viewer_view
def table_export(request: ProgrammeRequest, slug: str, extension: str) -> HttpResponse:
    """One table (or, for slug "all", every table) as .xlsx or .csv."""
    _form, report = _report(request)
    tables = _tables(request, report)
    if slug == "all":
        chosen = tables
    else:
        chosen = [t for t in tables if t.slug == slug]
        if not chosen:
            raise Http404
    stem = (
        f"{request.programme.slug}-{slug}-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}"
    )
    if extension == "xlsx":
        response = HttpResponse(exports.xlsx_bytes(chosen), content_type=exports.XLSX_TYPE)
    elif extension == "csv" and len(chosen) == 1:
        response = HttpResponse(exports.csv_bytes(chosen[0]), content_type=exports.CSV_TYPE)
    else:
        raise Http404
    log_action(
        "reports.export.downloaded",
        programme=request.programme,
        actor=request.user,
        table=slug,
        format=extension,
        start=report.period.start.isoformat(),
        end=report.period.end.isoformat(),
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response


def _document_period(request: ProgrammeRequest) -> tuple[object, Period]:
    today = timezone.localdate()
    default = Period(datetime.date(today.year, 1, 1), today)
    return period_from(request.GET, default=default)


@viewer_view
def document_page(request: ProgrammeRequest) -> HttpResponse:
    """The partner-dialogue document: its free text (coordinators edit it) and downloads."""
    form, period = _document_period(request)
    text = (
        scoped(DocumentText.objects.all(), request)
        .filter(period_start=period.start, period_end=period.end)
        .first()
    )
    query = _query(period, compare_from(request.GET))
    text_form = None
    if not is_viewer(request):
        if request.method == "POST":
            text_form = DocumentTextForm(request.POST, instance=text)
            if text_form.is_valid():
                save_document_text(
                    programme=request.programme,
                    period_start=period.start,
                    period_end=period.end,
                    values={
                        name: text_form.cleaned_data[name] for name in DocumentTextForm.Meta.fields
                    },
                    saved_by=request.user,
                )
                messages.success(request, _("The texts are saved."))
                return redirect(reverse("reports:document") + query)
        else:
            text_form = DocumentTextForm(instance=text)
    elif request.method == "POST":
        raise PermissionDenied
    texts = scoped(DocumentText.objects.all(), request).only("period_start", "period_end")[:20]
    content = _content(request, period, with_charts=False)
    return render(
        request,
        "reports/document_form.html",
        {
            "content": content,
            "sections": _sections(text_form),
            "period_form": form,
            "period": period,
            "text_form": text_form,
            "text": text,
            "texts": texts,
            "query": query,
            "viewer": is_viewer(request),
        },
    )


def _content(request: ProgrammeRequest, period: Period, *, with_charts: bool) -> document.Content:
    """The document as the user may see it: counts suppressed for a partner viewer."""
    return document.build_content(
        request.programme,
        period,
        today=timezone.localdate(),
        suppressed=is_viewer(request),
        compare=compare_from(request.GET),
        with_charts=with_charts,
    )


def _sections(form: DocumentTextForm | None) -> list[dict[str, Any]]:
    """Each section of the document: its title, the coordinator's field (None for a viewer)
    and the template of the parts made from the data (None: free text only)."""
    titles = {
        "background": _("Background"),
        "activities": _("Activities"),
        "results": _("Results"),
        "future": _("Future"),
        "finances": _("Finances"),
        "summary": _("Summary"),
    }
    return [
        {
            "name": name,
            "title": titles[name],
            "field": form[name] if form is not None else None,
            "generated": None
            if name in ("background", "summary")
            else f"reports/document/_{name}.html",
        }
        for name in SECTIONS
    ]


@viewer_view
def document_download(request: ProgrammeRequest, extension: str) -> HttpResponse:
    """The document as a file. Excel is quick and made at once; PDF and Word are built by the
    worker and kept: the same inputs give the kept file, otherwise this page shows the build's
    progress. Asking for a file that is not built yet starts its build: like a cache it
    changes nothing the user sees but the wait, and asking again reuses the same build."""
    if extension not in ("pdf", "docx", "xlsx"):
        raise Http404
    _form, period = _document_period(request)
    if extension == "xlsx":
        content = _content(request, period, with_charts=False)
        response = HttpResponse(document.xlsx(content), content_type=exports.XLSX_TYPE)
        _log_download(request, period, extension)
        stem = f"partssamtal-{request.programme.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
        return response
    kept = request_document(
        request.programme,
        file_format=extension,
        period=period,
        compare=compare_from(request.GET),
        suppressed=is_viewer(request),
        today=timezone.localdate(),
        requested_by=request.user,
    )
    if kept.state == DocumentBuild.State.DONE:
        return _build_file(request, kept)
    return _build_progress(request, kept)


def _log_download(request: ProgrammeRequest, period: Period, extension: str) -> None:
    log_action(
        "reports.document.downloaded",
        programme=request.programme,
        actor=request.user,
        format=extension,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
    )


def _build_file(request: ProgrammeRequest, build: DocumentBuild) -> HttpResponse:
    data = DocumentBuild.objects.filter(pk=build.pk).values_list("content", flat=True).first()
    if data is None:  # replaced by a newer build a moment ago: ask again
        return redirect(request.get_full_path())
    content_type = "application/pdf" if build.format == "pdf" else document.DOCX_TYPE
    response = HttpResponse(bytes(data), content_type=content_type)
    _log_download(request, Period(build.period_start, build.period_end), build.format)
    response["Content-Disposition"] = f'attachment; filename="{build.filename}"'
    return response


def _get_build(request: ProgrammeRequest, pk: int) -> DocumentBuild:
    """A build of this programme made for the user's kind of reader: a partner viewer never
    reaches a coordinator's build (exact small counts), nor a coordinator a viewer's."""
    builds = DocumentBuild.objects.defer("content").filter(suppressed=is_viewer(request))
    return get_scoped(builds.select_related("programme"), request, pk=pk)


def _build_progress(request: ProgrammeRequest, build: DocumentBuild) -> HttpResponse:
    if jobs.fail_stale(BUILD, pks=[build.pk]):
        build.refresh_from_db(fields=["state", "step", "percent", "error", "finished_at"])
    query = _query(Period(build.period_start, build.period_end), build.compare)
    # htmx polls the progress alone; opened on its own it is a whole page.
    template = (
        "reports/document_build.html#progress"
        if is_htmx(request)
        else "reports/document_build.html"
    )
    context = {
        "build": build,
        "download": reverse("reports:document_download", args=[build.format]) + query,
        "back": reverse("reports:document") + query,
    }
    return render(request, template, context)


@require_GET
@viewer_view
def document_build(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """The progress of a build, polled by its page; when done, the link to the file."""
    return _build_progress(request, _get_build(request, pk))


@require_POST
@viewer_view
def document_build_retry(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """Queue a failed build again."""
    build = _get_build(request, pk)
    if not jobs.retry(BUILD, build.pk, requested_by=request.user):
        messages.info(request, _("This document has not failed, so there is nothing to retry."))
    return redirect("reports:document_build", pk=build.pk)


@require_POST
@coordinator_view
def document_file(request: ProgrammeRequest) -> HttpResponse:
    """Keep the period's figures as filed with the partners (counts only)."""
    _form, period = _document_period(request)
    report = build(
        request.programme, period, today=timezone.localdate(), compare=compare_from(request.GET)
    )
    file_statistics(
        programme=request.programme,
        current=report.current,
        previous=report.previous,
        filed_by=request.user,
    )
    messages.success(request, _("The figures are filed."))
    return redirect(reverse("reports:document") + _query(period, compare_from(request.GET)))


@coordinator_view
def goal_list(request: ProgrammeRequest) -> HttpResponse:
    goals = scoped(Goal.objects.select_related("district"), request)
    return render(request, "reports/goal_list.html", {"goals": goals})


@coordinator_view
def goal_create(request: ProgrammeRequest) -> HttpResponse:
    return _goal_form(request, Goal())


@coordinator_view
def goal_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    return _goal_form(request, get_scoped(Goal.objects.all(), request, pk=pk))


def _goal_form(request: ProgrammeRequest, goal: Goal) -> HttpResponse:
    form = GoalForm(request.POST or None, instance=goal, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        save_goal(goal=form.save(commit=False), saved_by=request.user)
        messages.success(request, _("The goal is saved."))
        return redirect("reports:goal_list")
    return render(request, "reports/goal_form.html", {"form": form, "goal": goal})


@require_POST
@coordinator_view
def goal_delete(request: ProgrammeRequest, pk: int) -> HttpResponse:
    goal = get_scoped(Goal.objects.all(), request, pk=pk)
    delete_goal(goal, deleted_by=request.user)
    messages.success(request, _("The goal is deleted."))
    return redirect("reports:goal_list")
