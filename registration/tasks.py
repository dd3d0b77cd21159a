"""Background work of the registration, run by `manage.py db_worker` (django-tasks)."""

from __future__ import annotations

import datetime

from django_tasks import task

from popsite.accounts.models import Organisation, User
from registration import services
from registration.models import ExportJob, ExportLog


@task()
def build_export(job_id: int, via: str = ExportLog.Via.WEB) -> str:
    """Build one monthly package. Safe to run again: a finished job is left alone and a
    killed one starts over (see services.export_job_run)."""
    job = services.export_job_run(job=ExportJob.objects.get(pk=job_id), via=via)
    return job.status


def export_queue(*, month: datetime.date, organisation: Organisation | None, by: User) -> ExportJob:
    """The job for this package, queued for the worker unless one is already on it.

    The task row is written in the same transaction as the job, so the worker never
    sees a job that a rollback took back.
    """
    job, new = services.export_job_create(month=month, organisation=organisation, by=by)
    if new:
        build_export.enqueue(job.pk)
        job.refresh_from_db()
    return job
