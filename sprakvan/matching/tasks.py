"""Background work of matching: proposing pairs for a large pool, with progress, as a job with a
heartbeat (core.jobs), so a run whose worker died shows as failed and can be retried."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from sprakvan.core import jobs

from .models import ProposalRun, reasons_as_json
from .services import propose_pairs


@task
def run_proposals(run_id: int) -> None:
    with jobs.running(RUN, run_id) as claimed:
        if claimed:
            _propose(run_id)


def _propose(run_id: int) -> None:
    run = ProposalRun.objects.select_related("programme").get(pk=run_id)

    def progress(step: str, percent: int) -> None:
        # Outside any transaction: the progress page (another request) sees each step at once.
        ProposalRun.objects.filter(pk=run_id, state__in=RUN.active).update(
            state=ProposalRun.State.RUNNING, step=step, percent=percent
        )

    try:
        proposals = propose_pairs(run.programme, today=run.today, progress=progress)
    except Exception:
        jobs.record_error(RUN, run_id)
        raise
    with transaction.atomic():
        ProposalRun.objects.filter(pk=run_id).update(
            state=ProposalRun.State.DONE,
            step="done",
            percent=100,
            finished_at=timezone.now(),
            proposals=[
                {
                    "newcomer_id": p.newcomer_id,
                    "established_id": p.established_id,
                    "score": p.score,
                    "reasons": reasons_as_json(p.reasons),
                }
                for p in proposals
            ],
        )


def start_run(
    programme_id: int, *, requested_by_id: int | None, today: datetime.date
) -> ProposalRun:
    run = ProposalRun.objects.create(
        programme_id=programme_id, requested_by_id=requested_by_id, today=today
    )
    jobs.submit(RUN, run.pk)
    return run


RUN = jobs.register(
    jobs.JobKind(
        name="matching.run",
        model=ProposalRun,
        task=run_proposals,
        active=(ProposalRun.State.QUEUED, ProposalRun.State.RUNNING),
        failed={"state": ProposalRun.State.FAILED},
        retried={
            "state": ProposalRun.State.QUEUED,
            "error": "",
            "step": "",
            "percent": 0,
            "finished_at": None,
        },
    )
)
