"""The portfolio's models: evidence, supervision periods, grants, reminders sent, the
team matrix and needs, POP templates. Their app label stays "plans" (and so their
tables and migrations, in plans/migrations): they moved here from plans/models.py as
code, not as data."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import Action, Competence, PopVersion, Trajectory
from popsite.bounds import CappedTextField, sane_date


def evidence_path(instance: Evidence, filename: str) -> str:
    # A random name: the file is served only through an access-checked view.
    return f"evidence/{instance.action.pop.trajectory_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """Proof of an action's result: a certificate, a photo or a note."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    note = CappedTextField(_("toelichting"), blank=True, max_length=2000)
    file = models.FileField(_("bestand"), upload_to=evidence_path, blank=True, max_length=200)
    file_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "plans"
        ordering = ["added_at", "pk"]
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")

    @property
    def trajectory(self) -> Trajectory:
        return self.action.pop.trajectory

    def __str__(self) -> str:
        return self.file_name or self.note[:60]


class SupervisionPeriod(models.Model):
    """A block of supervision sessions (seed 000), closed by a new POP version."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="supervision_periods"
    )
    number = models.PositiveSmallIntegerField(_("periode"))
    starts_on = models.DateField(_("begint op"), validators=[sane_date])
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True, validators=[sane_date])
    sessions = models.PositiveSmallIntegerField(
        _("aantal sessies"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    closing_pop = models.OneToOneField(
        PopVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="closes_period",
        verbose_name=_("afgesloten met POP-versie"),
    )

    class Meta:
        app_label = "plans"
        ordering = ["trajectory", "number"]
        verbose_name = _("supervisieperiode")
        verbose_name_plural = _("supervisieperiodes")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="unique_period_number")
        ]


class GrantQuerySet(models.QuerySet["PortfolioGrant"]):
    def active(self, today: datetime.date | None = None) -> GrantQuerySet:
        """Checked on every request: an ended or revoked grant opens nothing."""
        today = today or timezone.localdate()
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=today),
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            revoked_at__isnull=True,
        )

    def expiring(self, today: datetime.date | None = None, days: int = 14) -> GrantQuerySet:
        today = today or timezone.localdate()
        return self.active(today).filter(ends_on__lte=today + datetime.timedelta(days=days))


class PortfolioGrant(models.Model):
    """Read access to a worker's portfolio, given by the worker (or a coach on their request)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="grants")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portfolio_grants",
        verbose_name=_("begeleider"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The name as the worker typed it. Lists show this and the address, never the
    # account's own name: a grant must not tell who owns an e-mail address.
    typed_name = models.CharField(_("naam zoals ingevuld"), max_length=301, blank=True)
    # A coach grants only when the worker asks; the grant says so.
    on_request_of_worker = models.BooleanField(_("op vraag van de werknemer"), default=False)
    starts_on = models.DateField(_("vanaf"), null=True, blank=True, validators=[sane_date])
    ends_on = models.DateField(_("tot en met"), null=True, blank=True, validators=[sane_date])
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        app_label = "plans"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inzagerecht")
        verbose_name_plural = _("inzagerechten")
        indexes = [models.Index(fields=["grantee", "trajectory"])]

    def __str__(self) -> str:
        return f"{self.grantee} → {self.trajectory}"

    def status(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.revoked_at is not None:
            return "revoked"
        if self.ends_on is not None and self.ends_on < today:
            return "ended"
        if self.starts_on is not None and self.starts_on > today:
            return "future"
        if self.ends_on is not None and self.ends_on <= today + datetime.timedelta(days=14):
            return "expiring"
        return "active"


class SentReminder(models.Model):
    """One reminder mailed once: the key names what it was about, so it never goes twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    key = models.CharField(max_length=120)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "plans"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="unique_reminder_per_user")
        ]


# For leaders (issue 5) ---------------------------------------------------------


class TeamItemKind(models.TextChoices):
    DEVELOP = "develop", _("ontwikkelpunt")
    LEARN = "learn", _("wil deze taak leren")


# What the worker reads on their own page (the leader's matrix keeps the terms above).
PLAIN_TEAM_KIND = {
    TeamItemKind.DEVELOP: _("wil ik nog leren"),
    TeamItemKind.LEARN: _("wil deze taak leren"),
}


class TeamMatrixItem(models.Model):
    """A competence or task the worker may share with the team leader (seed 003).

    Nothing reaches the team matrix unless the worker ticked ``shared_with_team``."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="team_items")
    label = models.CharField(_("competentie of taak"), max_length=120)
    kind = models.CharField(_("soort"), max_length=10, choices=TeamItemKind.choices)
    shared_with_team = models.BooleanField(_("mag mijn team zien"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "plans"
        ordering = ["label", "pk"]
        verbose_name = _("punt voor de teammatrix")
        verbose_name_plural = _("punten voor de teammatrix")
        indexes = [models.Index(fields=["shared_with_team", "trajectory"])]

    def __str__(self) -> str:
        return self.label

    @property
    def plain_kind(self) -> str:
        return str(PLAIN_TEAM_KIND.get(self.kind, ""))


class NeedScope(models.TextChoices):
    TEAM = "team", _("het team")
    ORGANISATION = "organisation", _("de organisatie")


class TeamNeed(models.Model):
    """A learning need of the team or the organisation, added by its leader, to hold
    against what workers share (seed 003: the matrix shows the needs of worker, team
    and organisation, to tune one to the other)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="team_needs"
    )
    label = models.CharField(_("competentie of taak"), max_length=120)
    scope = models.CharField(_("nodig voor"), max_length=12, choices=NeedScope.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "plans"
        ordering = ["organisation", "scope", "label", "pk"]
        verbose_name = _("leerbehoefte van team of organisatie")
        verbose_name_plural = _("leerbehoeften van team en organisatie")

    def __str__(self) -> str:
        return self.label


class PopTemplate(models.Model):
    """Suggested content for a POP per function; a coach picks from it, nothing is forced."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="pop_templates"
    )
    function_name = models.CharField(_("functie"), max_length=120)
    title = models.CharField(_("naam van het sjabloon"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        app_label = "plans"
        ordering = ["function_name", "title", "pk"]
        verbose_name = _("POP-sjabloon")
        verbose_name_plural = _("POP-sjablonen")

    def __str__(self) -> str:
        return f"{self.title} ({self.function_name})"


class TemplateItemKind(models.TextChoices):
    DEVELOP = "develop", _("ontwikkelpunt")
    ACTION = "action", _("actie")


class PopTemplateItem(models.Model):
    template = models.ForeignKey(PopTemplate, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("soort"), max_length=10, choices=TemplateItemKind.choices)
    text = models.CharField(_("tekst"), max_length=500)
    competence = models.CharField(_("soort competentie"), max_length=10, choices=Competence.choices)

    class Meta:
        app_label = "plans"
        ordering = ["kind", "pk"]
        verbose_name = _("voorstel in een sjabloon")
        verbose_name_plural = _("voorstellen in een sjabloon")
