"""What the monthly registration needs (draaiboek §4.4): consents, hours per
organisation, training days with attendance, and the export jobs that bundle them."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from popsite.bounds import sane_date

# No step of a build takes this long; a job silent for longer has lost its runner.
STALE_AFTER = datetime.timedelta(minutes=10)


def scan_upload_to(instance: models.Model, filename: str) -> str:
    # The form renames the upload to the kind its content showed (scan.pdf,
    # scan.jpg, scan.png); the person's own file name never reaches the disk.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"registration/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


class SignedScan(models.Model):
    """A signed paper document, scanned and uploaded (PDF, JPEG or PNG)."""

    scan = models.FileField(_("ondertekende scan"), upload_to=scan_upload_to, blank=True)
    scan_uploaded_at = models.DateTimeField(null=True, blank=True)
    scan_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def has_scan(self) -> bool:
        return bool(self.scan)

    @property
    def scan_extension(self) -> str:
        return PurePosixPath(self.scan.name).suffix.lower() if self.scan else ""


class Consent(SignedScan):
    """The worker's permission to register the POP trajectory, listing the contact
    moments; signed on paper (scan) or confirmed in the app by worker and coach."""

    trajectory = models.OneToOneField(
        "plans.Trajectory", on_delete=models.CASCADE, related_name="consent"
    )
    worker_confirmed_at = models.DateTimeField(null=True, blank=True)
    coach_confirmed_at = models.DateTimeField(null=True, blank=True)
    coach_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return str(self.trajectory)

    @property
    def confirmed_in_app(self) -> bool:
        return self.worker_confirmed_at is not None and self.coach_confirmed_at is not None

    @property
    def is_complete(self) -> bool:
        return self.has_scan or self.confirmed_in_app


class MijnLoopbaan(models.Model):
    """Registration step 2 (draaiboek §4.4): the worker's account on VDAB's Mijn Loopbaan,
    made together if there was none, and the day the finished POP was uploaded there."""

    trajectory = models.OneToOneField(
        "plans.Trajectory", on_delete=models.CASCADE, related_name="mijn_loopbaan"
    )
    has_account = models.BooleanField(
        _("de werknemer heeft een account op Mijn Loopbaan"), default=False
    )
    pop_uploaded_on = models.DateField(
        _("POP opgeladen in Mijn Loopbaan op"),
        null=True,
        blank=True,
        validators=[sane_date],
        help_text=_("Naam van het document: JJJJMMDD_POP_ACHTERNAAM_VOORNAAM."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registratie in Mijn Loopbaan")
        verbose_name_plural = _("registraties in Mijn Loopbaan")

    def clean(self) -> None:
        if self.pop_uploaded_on and not self.has_account:
            raise ValidationError(
                {"has_account": _("Zonder account kan de POP niet opgeladen zijn.")}
            )


class HoursSheet(SignedScan):
    """Per organisation and month: hours beyond the contact hours (intake, guiding
    the organisation and its supervisors)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="hours_sheets"
    )
    month = models.DateField(
        _("maand"), validators=[sane_date]
    )  # always the first day of the month

    class Meta:
        ordering = ["month", "organisation__name"]
        verbose_name = _("urenblad")
        verbose_name_plural = _("urenbladen")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="unique_hours_sheet")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.month:%Y-%m}"


class HoursKind(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ORGANISATION = "organisation", _("Begeleiding van de organisatie")
    SUPERVISORS = "supervisors", _("Begeleiding van de begeleiders")
    OTHER = "other", _("Andere")


HOURS_VALIDATORS = [
    MinValueValidator(0.25, message=_("Vul minstens een kwartier (0,25) in.")),
    MaxValueValidator(24, message=_("Eén regel telt hoogstens 24 uur.")),
]


class HoursLine(models.Model):
    sheet = models.ForeignKey(HoursSheet, on_delete=models.CASCADE, related_name="lines")
    date = models.DateField(_("datum"), validators=[sane_date])
    kind = models.CharField(_("soort"), max_length=14, choices=HoursKind.choices)
    hours = models.DecimalField(
        _("uren"), max_digits=5, decimal_places=2, validators=HOURS_VALIDATORS
    )
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gepresteerd door"),
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("urenregel")
        verbose_name_plural = _("urenregels")


class Training(SignedScan):
    """One training day given by a POP trainer; its attendance list is ticked in the
    app and signed on paper."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="trainings",
        verbose_name=_("organisatie"),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trainings_given",
        verbose_name=_("POP-trainer"),
    )
    date = models.DateField(_("datum"), validators=[sane_date])
    topic = models.CharField(_("onderwerp"), max_length=200)
    hours = models.DecimalField(
        _("duur (uren)"), max_digits=4, decimal_places=2, validators=HOURS_VALIDATORS
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Attendance",
        related_name="trainings_attended",
        verbose_name=_("deelnemers"),
    )

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.topic}"


class Attendance(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("aanwezig"), default=False)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["training", "person"], name="unique_attendance")
        ]


class ExportJob(models.Model):
    """One monthly package being built in the background; the page polls it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    month = models.DateField(_("maand"), validators=[sane_date])
    # Empty means every organisation (only an admin may ask for that).
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    missing_count = models.PositiveIntegerField(default=0)
    file = models.FileField(blank=True, max_length=300)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Moved on every step: a running job whose heartbeat stopped lost its runner.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exportopdracht")
        verbose_name_plural = _("exportopdrachten")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.organisation or _('alle organisaties')}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.steps_total:
            return 0
        return min(99, self.steps_done * 100 // self.steps_total)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stale(self) -> bool:
        return (
            self.status == self.Status.RUNNING
            and self.heartbeat_at is not None
            and timezone.now() - self.heartbeat_at > STALE_AFTER
        )

    @property
    def package_name(self) -> str:
        scope = self.organisation.slug if self.organisation else "alle-organisaties"
        return package_name(self.month, scope)


def package_name(month: datetime.date, scope: str) -> str:
    return f"POP-registratie_{month:%Y-%m}_{scope}.zip"


class ExportLog(models.Model):
    """Who exported which month for which organisations, and when (draaiboek §4.4)."""

    class Via(models.TextChoices):
        WEB = "web", _("website")
        COMMAND = "command", _("commando")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    month = models.DateField(_("maand"), validators=[sane_date])
    organisations = models.ManyToManyField("accounts.Organisation", related_name="+")
    all_organisations = models.BooleanField(default=False)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.WEB)
    job = models.OneToOneField(
        ExportJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="log"
    )
    file_name = models.CharField(max_length=300)
    missing_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("exportlog")
        verbose_name_plural = _("exportlog")


class ErasedCompletion(models.Model):
    """What is left of erased workers for the registration history: counts, no names."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="erased_completions"
    )
    month = models.DateField(
        _("maand"), validators=[sane_date], help_text=_("De eerste dag van de maand.")
    )
    trajectories = models.PositiveIntegerField(_("afgeronde trajecten"), default=0)

    class Meta:
        verbose_name = _("gewiste trajecten (aantallen)")
        verbose_name_plural = _("gewiste trajecten (aantallen)")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"], name="unique_erased_count_per_month"
            )
        ]
