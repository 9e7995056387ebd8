"""Background work of the participants app: long imports, as jobs with a heartbeat (core.jobs)."""

from django.core.cache import cache
from django.db import transaction
from django.tasks import task

from sprakvan.core import jobs
from sprakvan.core.spreadsheets import SpreadsheetError

from .importer import check_rows, import_rows, read_rows
from .models import ImportBatch


def progress_key(batch_id: int) -> str:
    return f"participants:import-progress:{batch_id}"


def processed_so_far(batch: ImportBatch) -> int:
    if batch.state == ImportBatch.State.RUNNING:
        return int(cache.get(progress_key(batch.pk), 0))
    return batch.processed


@task
def run_import_batch(batch_id: int) -> None:
    with jobs.running(IMPORT, batch_id) as claimed:
        if claimed:
            _import(batch_id)


def _import(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("programme", "uploaded_by").get(pk=batch_id)
    cache.delete(progress_key(batch_id))
    try:
        checked = check_rows(batch.programme, read_rows(batch.filename, bytes(batch.content)))
        if not checked.ok:
            raise SpreadsheetError("; ".join(str(e) for e in checked.errors[:5]))

        def progress(done: int) -> None:
            # The import runs in one transaction, so progress goes to the shared cache where
            # the progress page (another process) sees it at once.
            cache.set(progress_key(batch_id), done, 3600)

        result = import_rows(
            batch.programme,
            checked.rows,
            imported_by=batch.uploaded_by,
            progress=progress,
            batch=batch,
        )
    except SpreadsheetError as exc:
        ImportBatch.objects.filter(pk=batch_id).update(
            state=ImportBatch.State.FAILED, error=str(exc)
        )
        return
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch_id).update(
            state=ImportBatch.State.DONE,
            processed=len(checked.rows),
            created=result.created,
            updated=result.updated,
            content=b"",  # the spreadsheet holds personal data: keep it no longer than needed
        )


IMPORT = jobs.register(
    jobs.JobKind(
        name="participants.import",
        model=ImportBatch,
        task=run_import_batch,
        active=(ImportBatch.State.RUNNING,),
        failed={"state": ImportBatch.State.FAILED},
        retried={"state": ImportBatch.State.RUNNING, "error": "", "processed": 0},
    )
)
