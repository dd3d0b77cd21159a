from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from registration.models import ExportJob
from tests.access import Row, only
from tests.registration.factories import (
    PDF_BYTES,
    ConsentFactory,
    HoursLineFactory,
    HoursSheetFactory,
    TrainingFactory,
)

MONTH = "2026-11"


def _stored(name: str) -> str:
    """A fixed file in default storage, written once, for rows that download it."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(PDF_BYTES))
    return name


def own(cast):
    return [cast.trajectory.pk]


def with_consent_scan(cast):
    ConsentFactory(trajectory=cast.trajectory, scan=_stored("registration/access-rows/scan.pdf"))
    return own(cast)


def sheet(cast):
    return [cast.organisation.slug, MONTH]


def with_hours_scan(cast):
    HoursSheetFactory(
        organisation=cast.organisation, scan=_stored("registration/access-rows/scan.pdf")
    )
    return sheet(cast)


def with_hours_line(cast):
    line = HoursLineFactory(sheet=HoursSheetFactory(organisation=cast.organisation))
    return [*sheet(cast), line.pk]


def training(cast, **fields):
    return [TrainingFactory(organisation=cast.organisation, trainer=cast.trainer, **fields).pk]


def job(cast, **fields):
    return [
        ExportJob.objects.create(month="2026-11-01", organisation=cast.organisation, **fields).pk
    ]


CONSENT_READERS = only("worker", "coach", "registrar", "admin")
HOURS_READERS = only("coach", "trainer", "ambassador", "registrar", "admin")
TRAINING_READERS = only("trainer", "ambassador", "registrar", "admin")
# The package holds POP PDFs and consents: not the ambassador, who sees counts only.
EXPORTERS = only("registrar", "admin")

ROWS: dict[str, Row] = {
    "registration:consent": Row(CONSENT_READERS, own),
    "registration:consent-pdf": Row(CONSENT_READERS, own),
    "registration:consent-upload": Row(only("coach", status=302), own, "post"),
    "registration:consent-scan": Row(CONSENT_READERS, with_consent_scan),
    "registration:consent-confirm": Row(only("worker", "coach", status=302), own, "post"),
    "registration:mijn-loopbaan": Row(only("coach"), own),
    "registration:hours-list": Row(
        only("coach", "other_coach", "trainer", "ambassador", "registrar", "admin")
    ),
    "registration:hours": Row(HOURS_READERS, sheet),
    "registration:hours-pdf": Row(HOURS_READERS, sheet),
    "registration:hours-upload": Row(only("coach", "trainer", status=302), sheet, "post"),
    "registration:hours-scan": Row(HOURS_READERS, with_hours_scan),
    "registration:hours-line-delete": Row(
        only("coach", "trainer", status=302), with_hours_line, "post"
    ),
    "registration:training-list": Row(TRAINING_READERS),
    "registration:training-create": Row(only("trainer")),
    "registration:training": Row(TRAINING_READERS, training),
    "registration:training-edit": Row(only("trainer"), training),
    "registration:training-attendance": Row(only("trainer", status=302), training, "post"),
    "registration:training-pdf": Row(TRAINING_READERS, training),
    "registration:training-upload": Row(only("trainer", status=302), training, "post"),
    "registration:training-scan": Row(
        TRAINING_READERS, lambda c: training(c, scan=_stored("registration/access-rows/scan.pdf"))
    ),
    "registration:export": Row(EXPORTERS),
    "registration:export-start": Row(
        only("registrar", "admin", status=302),
        method="post",
        data={"month": MONTH, "organisation": "groene-keuken"},
    ),
    "registration:export-job": Row(EXPORTERS, job),
    "registration:export-job-status": Row(EXPORTERS, job),
    "registration:export-download": Row(
        EXPORTERS,
        lambda c: job(
            c, status=ExportJob.Status.DONE, file=_stored("registration/access-rows/package.zip")
        ),
    ),
}
