"""The registration app's daily work for the scheduler (popsite.schedule)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from popsite.files import delete_files_on_commit, stored_files_of
from popsite.schedule import daily
from registration.models import ExportJob


@daily("export-retention")
def delete_old_packages() -> str:
    """A monthly package holds every worker's POP: it is kept EXPORT_RETENTION_DAYS for
    downloading, then deleted with its file. The ExportLog row (who, when, which month)
    stays."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.EXPORT_RETENTION_DAYS)
    with transaction.atomic():
        old = list(
            ExportJob.objects.select_for_update().filter(
                created_at__lt=cutoff,
                status__in=[ExportJob.Status.DONE, ExportJob.Status.FAILED],
            )
        )
        files = stored_files_of(old)
        ExportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
        delete_files_on_commit(files)
    return f"{len(old)} exportpakket(ten) gewist"
