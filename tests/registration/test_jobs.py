import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from registration.jobs import delete_old_packages
from registration.models import ExportJob, ExportLog


def package(cast, name: str, days_old: int, status=ExportJob.Status.DONE) -> ExportJob:
    stored = default_storage.save(f"exports/{name}.zip", ContentFile(b"PK"))
    job = ExportJob.objects.create(
        month="2026-10-01", organisation=cast.organisation, status=status, file=stored
    )
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return job


def test_packages_past_their_retention_are_deleted_with_their_file_and_the_log_stays(
    cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.EXPORT_RETENTION_DAYS = 30
    old, fresh = package(cast, "old", 31), package(cast, "fresh", 29)
    running = package(cast, "running", 40, status=ExportJob.Status.RUNNING)
    log = ExportLog.objects.create(month="2026-10-01", job=old, file_name="old.zip")

    with django_capture_on_commit_callbacks(execute=True):
        assert delete_old_packages() == "1 exportpakket(ten) gewist"

    assert set(ExportJob.objects.values_list("pk", flat=True)) == {fresh.pk, running.pk}
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(fresh.file.name)
    log.refresh_from_db()
    assert (log.job, log.file_name) == (None, "old.zip")
