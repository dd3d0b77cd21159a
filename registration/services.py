"""Writes of the registration: each runs in one transaction."""

from __future__ import annotations

import datetime
import logging
import tempfile
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import Trajectory
from popsite.accounts.audit import audit_record, audit_record_for_each
from popsite.accounts.models import AuditEvent, Organisation, User
from popsite.files import delete_files_on_commit, save_with_file
from registration import export, selectors
from registration.models import (
    STALE_AFTER,
    Attendance,
    Consent,
    ExportJob,
    ExportLog,
    HoursLine,
    HoursSheet,
    Training,
)

logger = logging.getLogger(__name__)


def _replace_scan(obj: Consent | HoursSheet | Training, scan: UploadedFile, by: User) -> None:
    """A storage that fails keeps the old scan and row (a Dutch ValidationError); the old
    file goes only once the new scan is committed, so a rollback keeps it usable."""
    old = [obj.scan] if obj.scan else []
    obj.scan_uploaded_at = timezone.now()
    obj.scan_uploaded_by = by
    save_with_file(obj, "scan", scan.name, scan)
    delete_files_on_commit(old)


# Consent ------------------------------------------------------------------------


@transaction.atomic
def consent_upload_scan(*, trajectory: Trajectory, scan: UploadedFile, by: User) -> Consent:
    consent, _created = Consent.objects.select_for_update().get_or_create(trajectory=trajectory)
    _replace_scan(consent, scan, by)
    return consent


@transaction.atomic
def consent_confirm(*, trajectory: Trajectory, by: User, seen: str | None) -> Consent:
    """The worker or a coach confirms the consent in the app; both make it signed.

    ``seen`` is the fingerprint of the contact moments the confirming page listed.
    """
    consent, _created = Consent.objects.select_for_update().get_or_create(trajectory=trajectory)
    if seen != selectors.consent_fingerprint(selectors.consent_contacts(trajectory)):
        raise ValidationError(
            _(
                "De contactmomenten zijn veranderd sinds je de toestemming opende. "
                "Je bevestiging is niet bewaard. Lees ze hieronder opnieuw en bevestig dan."
            )
        )
    now = timezone.now()
    if by.pk == trajectory.worker_id:
        if consent.worker_confirmed_at:
            raise ValidationError(_("Je hebt deze toestemming al bevestigd."))
        consent.worker_confirmed_at = now
        consent.save(update_fields=["worker_confirmed_at"])
    elif trajectory.coaches.filter(pk=by.pk).exists():
        if consent.coach_confirmed_at:
            raise ValidationError(_("Een coach heeft deze toestemming al bevestigd."))
        consent.coach_confirmed_at = now
        consent.coach_confirmed_by = by
        consent.save(update_fields=["coach_confirmed_at", "coach_confirmed_by"])
    else:
        raise ValidationError(_("Alleen de werknemer en de coach bevestigen de toestemming."))
    return consent


# Hours ----------------------------------------------------------------------------


@transaction.atomic
def hours_line_add(
    *, organisation: Organisation, month: datetime.date, line: HoursLine, by: User
) -> HoursLine:
    sheet, _created = HoursSheet.objects.get_or_create(organisation=organisation, month=month)
    line.sheet = sheet
    line.person = by
    line.save()
    return line


@transaction.atomic
def hours_scan_upload(
    *, organisation: Organisation, month: datetime.date, scan: UploadedFile, by: User
) -> HoursSheet:
    sheet, _created = HoursSheet.objects.select_for_update().get_or_create(
        organisation=organisation, month=month
    )
    _replace_scan(sheet, scan, by)
    return sheet


# Trainings ------------------------------------------------------------------------


@transaction.atomic
def training_save(*, training: Training, participants: Iterable[User]) -> Training:
    """Create or change a training day; the attendance list follows the participants,
    keeping the ticks of those who stay."""
    training.save()
    wanted = {p.pk for p in participants}
    current = set(training.attendances.values_list("person_id", flat=True))
    training.attendances.exclude(person__in=wanted).delete()
    Attendance.objects.bulk_create(
        Attendance(training=training, person_id=pk) for pk in sorted(wanted - current)
    )
    return training


@transaction.atomic
def training_set_attendance(*, training: Training, present: Iterable[Attendance]) -> None:
    present_ids = [a.pk for a in present]
    training.attendances.filter(pk__in=present_ids).update(present=True)
    training.attendances.exclude(pk__in=present_ids).update(present=False)


@transaction.atomic
def training_scan_upload(*, training: Training, scan: UploadedFile, by: User) -> Training:
    training = Training.objects.select_for_update().get(pk=training.pk)
    _replace_scan(training, scan, by)
    return training


# Export ---------------------------------------------------------------------------


def export_job_create(
    *, month: datetime.date, organisation: Organisation | None, by: User
) -> tuple[ExportJob, bool]:
    """The job for this package, and whether it is new.

    A double submit (or a colleague asking the same a moment later) gets the queued
    or running job that is already building it, so one package is built once.
    """
    alive = ExportJob.objects.filter(
        month=month,
        organisation=organisation,
        status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
    ).exclude(heartbeat_at__lt=timezone.now() - STALE_AFTER)
    job = alive.order_by("-created_at", "-pk").first()
    if job is not None:
        return job, False
    return ExportJob.objects.create(month=month, organisation=organisation, requested_by=by), True


def export_job_claim(job: ExportJob) -> bool:
    """Only one runner builds a job: the one that moves it out of the queue. A job
    whose runner was killed (running, heartbeat silent) may be claimed again."""
    now = timezone.now()
    claimable = Q(status=ExportJob.Status.QUEUED) | Q(
        status=ExportJob.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER
    )
    return bool(
        ExportJob.objects.filter(claimable, pk=job.pk).update(
            status=ExportJob.Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            steps_done=0,
            steps_total=0,
        )
    )


def export_job_run(*, job: ExportJob, via: str = ExportLog.Via.WEB) -> ExportJob:
    """Build the package of a queued job into default storage and log it.

    Killed half-way, nothing half-written stays: the ZIP grows in a temporary file,
    reaches storage under the job's one fixed name (a leftover of an earlier attempt
    is replaced) and only then does one transaction mark the job done and log it.
    """
    if not export_job_claim(job):
        job.refresh_from_db()
        return job
    job.refresh_from_db()

    def progress(done: int, total: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(
            steps_done=done, steps_total=total, heartbeat_at=timezone.now()
        )

    organisation_ids = [job.organisation_id] if job.organisation_id else None
    name = f"registration/exports/{job.pk}/{job.package_name}"
    try:
        with tempfile.TemporaryFile() as package:
            result = export.build_package(
                month=job.month,
                organisation_ids=organisation_ids,
                destination=package,
                progress=progress,
            )
            package.seek(0)
            if default_storage.exists(name):
                default_storage.delete(name)
            stored = default_storage.save(name, File(package))
    except Exception as error:
        logger.exception("Export job %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    with transaction.atomic():
        job.file.name = stored
        job.status = ExportJob.Status.DONE
        job.missing_count = len(result.missing)
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "status", "missing_count", "finished_at"])
        export_log_record(job=job, via=via)
    return job


def export_log_record(*, job: ExportJob, via: str) -> ExportLog:
    """Who exported which month for which organisations: ExportLog and the audit log."""
    log = ExportLog.objects.create(
        user=job.requested_by,
        month=job.month,
        all_organisations=job.organisation_id is None,
        via=via,
        job=job,
        file_name=job.package_name,
        missing_count=job.missing_count,
    )
    if job.organisation_id:
        log.organisations.set([job.organisation_id])
    else:
        log.organisations.set(Organisation.objects.all())
    audit_record(user=job.requested_by or AnonymousUser(), verb=AuditEvent.Verb.EXPORT, obj=log)
    return log


def export_download_record(*, job: ExportJob, by: User) -> None:
    """The package holds the POP and the consent of every worker completed that month:
    each download is on each of their 'wie bekeek mijn POP' pages."""
    organisation_ids = [job.organisation_id] if job.organisation_id else None
    workers = selectors.completed_in(job.month, organisation_ids).values_list("worker", flat=True)
    audit_record_for_each(user=by, verb=AuditEvent.Verb.EXPORT, obj=job, subject_ids=workers)
