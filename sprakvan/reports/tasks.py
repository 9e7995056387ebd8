"""Background work of reports: building the partner-dialogue PDF or Word file, with progress,
as a job with a heartbeat (core.jobs), so a build whose worker died shows as failed and can be
retried. The built file stays on its row for the next request with the same inputs (builds.py)."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from sprakvan.core import jobs

from . import document
from .models import DocumentBuild
from .statistics import Period


@task
def build_document(build_id: int) -> None:
    with jobs.running(BUILD, build_id) as claimed:
        if claimed:
            _build(build_id)


def _build(build_id: int) -> None:
    build = DocumentBuild.objects.select_related("programme").defer("content").get(pk=build_id)

    def progress(step: str, percent: int) -> None:
        # Outside any transaction: the progress page (another request) sees each step at once.
        DocumentBuild.objects.filter(pk=build_id, state__in=BUILD.active).update(
            state=DocumentBuild.State.RUNNING, step=step, percent=percent
        )

    try:
        progress("figures", 10)
        content = document.build_content(
            build.programme,
            Period(build.period_start, build.period_end),
            today=build.today,
            suppressed=build.suppressed,
            compare=build.compare,
        )
        progress("file", 60)
        if build.format == DocumentBuild.Format.PDF:
            data = document.pdf_bytes(content)
        else:
            data = document.docx_bytes(content)
    except Exception:
        jobs.record_error(BUILD, build_id)
        raise
    with transaction.atomic():
        DocumentBuild.objects.filter(pk=build_id).update(
            state=DocumentBuild.State.DONE,
            step="done",
            percent=100,
            content=data,
            finished_at=timezone.now(),
        )


BUILD = jobs.register(
    jobs.JobKind(
        name="reports.document_build",
        model=DocumentBuild,
        task=build_document,
        active=(DocumentBuild.State.QUEUED, DocumentBuild.State.RUNNING),
        failed={"state": DocumentBuild.State.FAILED},
        retried={
            "state": DocumentBuild.State.QUEUED,
            "error": "",
            "step": "",
            "percent": 0,
            "finished_at": None,
        },
    )
)
