"""Running an import as a Django task, with progress a browser can poll.

The uploaded file waits in the default storage (never under a public address)
until the task reads it. The import runs in one transaction, so the job row's
changes would stay invisible until the end: progress goes to the cache (shared by
the web and task processes in production), the final state to the row. With the
immediate task backend (the default) the task runs at the end of the upload
request; with a queue it runs in a worker.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sociaalhuis.core import tenancy
from sociaalhuis.directory.hsds.importer import import_data
from sociaalhuis.directory.hsds.problems import FormatError, RowError
from sociaalhuis.directory.models import ImportJob
from sociaalhuis.tenants.models import Municipality

logger = logging.getLogger(__name__)
PROGRESS_TIMEOUT = 6 * 60 * 60


def upload_path(job: ImportJob) -> str:
    return f"imports/{job.uuid}"


def progress_key(job_uuid: str) -> str:
    return f"directory:import-job:{job_uuid}:progress"


def start_import(*, user_id: int | None, filename: str, data: bytes) -> ImportJob:
    """Record the job for the active municipality and queue the task after commit."""
    job = ImportJob.objects.create(
        created_by_id=user_id,
        filename=filename[:255],
        language=translation.get_language() or "nl",
    )
    default_storage.save(upload_path(job), ContentFile(data))
    job_id = str(job.uuid)
    transaction.on_commit(lambda: run_import_job.enqueue(job_id))
    return job


def progress_of(job: ImportJob) -> tuple[int, int]:
    """(done, total): from the cache while running, else from the row."""
    if job.status == ImportJob.Status.RUNNING:
        cached = cache.get(progress_key(str(job.uuid)))
        if cached:
            return int(cached[0]), int(cached[1])
    return job.done, job.total


def percentage(done: int, total: int) -> int:
    return 100 if total == 0 else min(100, round(done * 100 / total))


def _update(job: ImportJob, **fields: Any) -> None:
    with tenancy.for_municipality(job.municipality_id):
        ImportJob.objects.filter(pk=job.pk).update(**fields)


def _errors_of(result_errors: list[RowError]) -> list[dict[str, Any]]:
    return [error.as_dict() for error in result_errors]


@task
def run_import_job(job_id: str) -> None:
    # Trusted code: find the job's municipality before entering its context.
    job = ImportJob.unscoped.get(uuid=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return  # a retried task must not import twice
    _update(job, status=ImportJob.Status.RUNNING)
    with translation.override(job.language):
        outcome = _import(job)
    _update(job, finished_at=timezone.now(), **outcome)
    cache.delete(progress_key(job_id))
    default_storage.delete(upload_path(job))


def _import(job: ImportJob) -> dict[str, Any]:
    key = progress_key(str(job.uuid))

    def progress(done: int, total: int) -> None:
        cache.set(key, (done, total), PROGRESS_TIMEOUT)

    try:
        with default_storage.open(upload_path(job), "rb") as upload:
            data = upload.read()
        municipality = Municipality.objects.get(pk=job.municipality_id)
        with tenancy.for_municipality(municipality.pk):
            result = import_data(
                data, municipality=municipality, actor_id=job.created_by_id, progress=progress
            )
    except FormatError as error:
        return _failed([RowError(job.filename, 0, "", error.message)])
    except Exception:
        logger.exception("Import job %s failed", job.uuid)
        message = _("The import stopped because of an unexpected error. Nothing was changed.")
        return _failed([RowError(job.filename, 0, "", message)])
    if not result.succeeded:
        return _failed(result.errors)
    done = sum(
        count
        for kind, tally in result.summary.items()
        if kind != "ignored"
        for count in tally.values()
    )
    return {
        "status": ImportJob.Status.SUCCEEDED,
        "summary": result.summary,
        "done": done,
        "total": done,
        "errors": [],
    }


def _failed(errors: list[RowError]) -> dict[str, Any]:
    return {"status": ImportJob.Status.FAILED, "errors": _errors_of(errors)}
