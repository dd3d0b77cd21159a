"""A worker's POP trajectory, its contact moments and its POP versions."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.variants import Level, Variant


class Phase(models.TextChoices):
    OPSTART = "opstart", _("Opstart")
    ANALYSE = "analyse", _("Analyse")
    PLANNING = "planning", _("Planning")
    UITVOEREN = "uitvoeren", _("Uitvoeren")
    EVALUEREN = "evalueren", _("Evalueren")
    AFGEROND = "afgerond", _("Afgerond")


# Each phase is finished before the next starts; after an evaluation a new
# cycle starts with a new analysis, or the trajectory is closed.
NEXT_PHASES: dict[str, tuple[str, ...]] = {
    Phase.OPSTART: (Phase.ANALYSE,),
    Phase.ANALYSE: (Phase.PLANNING,),
    Phase.PLANNING: (Phase.UITVOEREN,),
    Phase.UITVOEREN: (Phase.EVALUEREN,),
    Phase.EVALUEREN: (Phase.ANALYSE, Phase.AFGEROND),
    Phase.AFGEROND: (),
}


class Competence(models.TextChoices):
    GENERIC = "generic", _("generieke competentie")
    TECHNICAL = "technical", _("technische competentie")
    OTHER = "other", _("iets anders")


def _count_of(queryset: models.QuerySet) -> Coalesce:
    """A correlated COUNT(*) usable in annotate(): one query for any number of rows."""
    counted = queryset.order_by().values("pop").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0))


class TrajectoryQuerySet(models.QuerySet["Trajectory"]):
    def with_overview(self, today: datetime.date | None = None) -> TrajectoryQuerySet:
        """Annotate what the home pages list per trajectory, without a query per row.

        Only correlated subqueries, no joins: a GROUP BY over joined contact
        moments made each subquery run once per contact moment (measured: 0.8 s
        for a coach's hundred trajectories at load scale 1).
        """
        today = today or timezone.localdate()
        latest = PopVersion.objects.filter(trajectory=OuterRef("pk")).order_by("-number")
        actions = Action.objects.filter(pop=OuterRef("latest_pop_id"))
        contacts = ContactMoment.objects.filter(trajectory=OuterRef("pk"))
        return self.annotate(
            latest_pop_id=Subquery(latest.values("pk")[:1]),
            latest_pop_number=Subquery(latest.values("number")[:1]),
            latest_pop_agreed_at=Subquery(latest.values("agreed_at")[:1]),
            last_contact=Subquery(
                contacts.filter(date__lte=today).order_by("-date").values("date")[:1]
            ),
            next_contact=Subquery(
                contacts.filter(date__gt=today).order_by("date").values("date")[:1]
            ),
        ).annotate(
            overdue_actions=_count_of(actions.filter(deadline__lt=today, progress__lt=5)),
            generic_actions=_count_of(actions.filter(competence=Competence.GENERIC)),
            technical_actions=_count_of(actions.filter(competence=Competence.TECHNICAL)),
            done_actions=_count_of(actions.filter(progress=5)),
            open_actions=_count_of(actions.filter(progress__lt=5)),
        )


class Trajectory(models.Model):
    """One worker's POP trajectory in one organisation, run by one or more coaches."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("doelgroepwerknemer"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("organisatie"),
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coached_trajectories", verbose_name=_("POP-coaches")
    )
    reflection_level = models.CharField(
        _("reflectievermogen"), max_length=10, choices=Level.choices, default=Level.MEDIUM
    )
    intensity = models.CharField(
        _("intensiteit"), max_length=10, choices=Level.choices, default=Level.MEDIUM
    )
    variant = models.CharField(
        _("variant"), max_length=10, choices=Variant.choices, default=Variant.BASIS
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.OPSTART)
    started_on = models.DateField(_("gestart op"), default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["worker__last_name", "worker__first_name", "pk"]
        verbose_name = _("POP-traject")
        verbose_name_plural = _("POP-trajecten")
        indexes = [models.Index(fields=["organisation", "phase"])]

    def __str__(self) -> str:
        return f"{self.worker} ({self.organisation})"

    @property
    def next_phases(self) -> tuple[str, ...]:
        return NEXT_PHASES[Phase(self.phase)]

    def latest_pop(self) -> PopVersion | None:
        return self.pop_versions.order_by("-number").first()


class PhaseChange(models.Model):
    """Who moved the trajectory to which phase, and when."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(max_length=12, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=12, choices=Phase.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]


class ContactKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individueel gesprek")
    COLLECTIVE = "collective", _("Collectieve infosessie")
    INTERIM = "interim", _("Tussentijds overleg met de werkvloerbegeleider")


class ContactMoment(models.Model):
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="contact_moments"
    )
    date = models.DateField(_("datum"))
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices)
    kind = models.CharField(
        _("soort"), max_length=12, choices=ContactKind.choices, default=ContactKind.INDIVIDUAL
    )
    duration_minutes = models.PositiveIntegerField(
        _("duur (minuten)"), validators=[MinValueValidator(1), MaxValueValidator(600)], default=60
    )
    notes = models.TextField(_("notities"), blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        indexes = [models.Index(fields=["trajectory", "date"])]

    def __str__(self) -> str:
        return f"{self.date} – {self.get_phase_display()}"


class PopVersion(models.Model):
    """One version of the POP document. Agreed versions are read-only; a change
    starts a new version, a follow-up POP starts with evaluating the previous one."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="pop_versions"
    )
    number = models.PositiveIntegerField(_("versie"))
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    is_follow_up = models.BooleanField(_("opvolg-POP"), default=False)
    overall_goal = models.TextField(_("algemeen doel"), blank=True)
    worker_agreed_at = models.DateTimeField(null=True, blank=True)
    coach_agreed_at = models.DateTimeField(null=True, blank=True)
    coach_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_at = models.DateTimeField(_("afgesproken op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: every change raises it, and a save based on an older
    # number is refused instead of silently overwriting someone else's work.
    lock_version = models.PositiveIntegerField(default=0)
    # Raised by content changes only (not by confirmations): a confirmation names the
    # content version its page showed, so nobody agrees to text they have not seen.
    content_version = models.PositiveIntegerField(default=0)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["trajectory", "number"]
        verbose_name = _("POP-versie")
        verbose_name_plural = _("POP-versies")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="unique_pop_number")
        ]
        # (trajectory, agreed_at): "first agreed version of each trajectory" (the
        # registration completion rule) is an index lookup, not a scan per row.
        indexes = [
            models.Index(fields=["agreed_at"]),
            models.Index(fields=["trajectory", "agreed_at"]),
        ]

    def __str__(self) -> str:
        return f"POP {self.number} – {self.trajectory.worker}"

    @property
    def is_agreed(self) -> bool:
        return self.agreed_at is not None

    def summary_by_section(self) -> list[tuple[SummarySection, list[SummaryItem]]]:
        """The summary in the template's order; reads the prefetched items."""
        items = list(self.summary_items.all())
        return [(section, [i for i in items if i.section == section]) for section in SummarySection]

    def missing_for_agreement(self) -> list[str]:
        """What still stands in the way of agreeing this version, in plain Dutch."""
        actions = list(self.actions.all())
        missing = []
        if not any(a.competence == Competence.GENERIC for a in actions):
            missing.append(str(_("Er is nog geen actie rond een generieke competentie.")))
        if not any(a.competence == Competence.TECHNICAL for a in actions):
            missing.append(str(_("Er is nog geen actie rond een technische competentie.")))
        incomplete = [a for a in actions if a.deadline is None or not a.expected_result.strip()]
        if incomplete:
            missing.append(
                str(_("Deze acties hebben nog geen deadline of verwacht resultaat: %(names)s."))
                % {"names": ", ".join(a.description for a in incomplete)}
            )
        if any(e.score is None for e in self.evaluations.all()):
            missing.append(str(_("Niet elke actie van de vorige POP is geëvalueerd.")))
        return missing


class SummarySection(models.TextChoices):
    WANT = "want", _("Wat wil ik")
    CAN = "can", _("Wat kan ik")
    DEVELOP = "develop", _("Ontwikkelpunten")


class SummaryItem(models.Model):
    pop = models.ForeignKey(PopVersion, on_delete=models.CASCADE, related_name="summary_items")
    section = models.CharField(_("onderdeel"), max_length=10, choices=SummarySection.choices)
    text = models.TextField(_("tekst"), max_length=2000)
    competence = models.CharField(
        _("soort competentie"), max_length=10, choices=Competence.choices, blank=True
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("samenvattingspunt")
        verbose_name_plural = _("samenvattingspunten")


class Goal(models.Model):
    """A goal in the five steps of seed 000: doel en aanleiding, acties, resultaat, tijd, evaluatie."""

    pop = models.ForeignKey(PopVersion, on_delete=models.CASCADE, related_name="goals")
    goal = models.CharField(_("doel"), max_length=300)
    reason = models.TextField(_("aanleiding"), blank=True, max_length=2000)
    result = models.TextField(_("resultaat"), blank=True, max_length=2000)
    timing = models.TextField(_("tijd"), blank=True, max_length=2000)
    evaluation = models.TextField(_("evaluatie"), blank=True, max_length=2000)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.goal


PROGRESS_VALIDATORS = [
    MinValueValidator(0, message=_("Kies een score van 0 tot 5.")),
    MaxValueValidator(5, message=_("Kies een score van 0 tot 5.")),
]


class Action(models.Model):
    pop = models.ForeignKey(PopVersion, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("bij doel"),
    )
    description = models.CharField(_("concrete actie"), max_length=500)
    helper = models.CharField(_("wie helpt"), max_length=300, blank=True)
    # Empty only on an action carried over from the previous POP, which needs
    # a new deadline and expected result before the new version can be agreed.
    deadline = models.DateField(_("tegen wanneer"), null=True, blank=True)
    expected_result = models.TextField(_("verwacht resultaat (meetbaar)"), blank=True)
    competence = models.CharField(_("soort competentie"), max_length=10, choices=Competence.choices)
    progress = models.PositiveSmallIntegerField(
        _("voortgang (0-5)"), default=0, validators=PROGRESS_VALIDATORS
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        indexes = [models.Index(fields=["pop", "deadline"])]

    def __str__(self) -> str:
        return self.description


class ActionEvaluation(models.Model):
    """In a follow-up POP: how far an action of the previous POP got."""

    pop = models.ForeignKey(PopVersion, on_delete=models.CASCADE, related_name="evaluations")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evaluations")
    score = models.PositiveSmallIntegerField(
        _("stand (0-5)"), null=True, blank=True, validators=PROGRESS_VALIDATORS
    )
    carry_over = models.BooleanField(_("meenemen naar de nieuwe POP"), default=False)
    remark = models.TextField(_("opmerking"), blank=True, max_length=2000)

    class Meta:
        ordering = ["action_id"]
        constraints = [
            models.UniqueConstraint(fields=["pop", "action"], name="unique_evaluation_per_action")
        ]


# Portfolio (issue 5) ---------------------------------------------------------


class PopReflection(models.Model):
    """Part 1 of a later POP version (seed 000): looking back on the past period."""

    pop = models.OneToOneField(PopVersion, on_delete=models.CASCADE, related_name="reflection")
    goals_reached = models.TextField(_("welke doelen heb ik gehaald?"), blank=True, max_length=4000)
    guidance_helped = models.TextField(
        _("hoe heeft de begeleiding geholpen?"), blank=True, max_length=4000
    )
    roles = models.TextField(
        _("welke rol speelden de begeleider en ikzelf?"), blank=True, max_length=4000
    )

    class Meta:
        verbose_name = _("reflectie op de vorige periode")
        verbose_name_plural = _("reflecties op de vorige periode")

    @property
    def is_empty(self) -> bool:
        return not (self.goals_reached or self.guidance_helped or self.roles)


def evidence_path(instance: Evidence, filename: str) -> str:
    # A random name: the file is served only through an access-checked view.
    return f"evidence/{instance.action.pop.trajectory_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """Proof of an action's result: a certificate, a photo or a note."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    note = models.TextField(_("toelichting"), blank=True, max_length=2000)
    file = models.FileField(_("bestand"), upload_to=evidence_path, blank=True, max_length=200)
    file_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")

    def __str__(self) -> str:
        return self.file_name or self.note[:60]


class SupervisionPeriod(models.Model):
    """A block of supervision sessions (seed 000), closed by a new POP version."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="supervision_periods"
    )
    number = models.PositiveSmallIntegerField(_("periode"))
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
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
    # A coach grants only when the worker asks; the grant says so.
    on_request_of_worker = models.BooleanField(_("op vraag van de werknemer"), default=False)
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
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


class ProgressTalk(models.Model):
    """A progress talk (seed 004): preparation, the talk itself, and its record."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="progress_talks"
    )
    planned_on = models.DateField(_("datum van het gesprek"))
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The worker's preparation, due at least seven days before.
    self_reflection = models.TextField(_("terugblik op mezelf"), blank=True, max_length=4000)
    strengths_weaknesses = models.TextField(
        _("mijn sterke en zwakke punten"), blank=True, max_length=4000
    )
    agenda_points = models.TextField(_("waarover wil ik praten?"), blank=True, max_length=4000)
    draft_goals = models.TextField(
        _("wat wil ik hierna leren? (één doel per regel)"), blank=True, max_length=4000
    )
    prepared_at = models.DateTimeField(_("voorbereiding ingediend op"), null=True, blank=True)
    coach_notes = models.TextField(_("voorbereiding van de coach"), blank=True, max_length=4000)
    # The record of the talk.
    agenda = models.TextField(_("agenda"), blank=True, max_length=4000)
    look_back = models.TextField(_("terugblik met het portfolio"), blank=True, max_length=4000)
    record_strengths = models.TextField(_("sterke en zwakke punten"), blank=True, max_length=4000)
    competence_levels = models.TextField(_("competentieniveaus"), blank=True, max_length=4000)
    learning_climate = models.TextField(_("leerklimaat en knelpunten"), blank=True, max_length=4000)
    next_goals = models.TextField(
        _("doelen voor de volgende periode (één per regel)"), blank=True, max_length=4000
    )
    held_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    pop = models.OneToOneField(
        PopVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="progress_talk"
    )

    class Meta:
        ordering = ["-planned_on", "-pk"]
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        indexes = [models.Index(fields=["planned_on"])]

    @property
    def preparation_due_on(self) -> datetime.date:
        return self.planned_on - datetime.timedelta(days=7)

    @property
    def is_prepared(self) -> bool:
        return self.prepared_at is not None


class SentReminder(models.Model):
    """One reminder mailed once: the key names what it was about, so it never goes twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    key = models.CharField(max_length=120)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="unique_reminder_per_user")
        ]


# For leaders (issue 5) ---------------------------------------------------------


class TeamItemKind(models.TextChoices):
    DEVELOP = "develop", _("ontwikkelpunt")
    LEARN = "learn", _("wil deze taak leren")


class TeamMatrixItem(models.Model):
    """A competence or task the worker may share with the team leader (seed 003).

    Nothing reaches the team matrix unless the worker ticked ``shared_with_team``."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="team_items")
    label = models.CharField(_("competentie of taak"), max_length=120)
    kind = models.CharField(_("soort"), max_length=10, choices=TeamItemKind.choices)
    shared_with_team = models.BooleanField(_("mag mijn team zien"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["label", "pk"]
        verbose_name = _("punt voor de teammatrix")
        verbose_name_plural = _("punten voor de teammatrix")
        indexes = [models.Index(fields=["shared_with_team", "trajectory"])]

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
        ordering = ["kind", "pk"]
        verbose_name = _("voorstel in een sjabloon")
        verbose_name_plural = _("voorstellen in een sjabloon")


class AgreedPopDocument(models.Model):
    """The PDF of an agreed POP version, rendered once and kept: the document of record.

    What the worker and the coach agreed to is these bytes; downloads, the personal-data
    export and the monthly package serve them, so a later template change, deploy or
    contact moment never changes the document. ``sha256`` proves it.
    """

    pop = models.OneToOneField(PopVersion, on_delete=models.CASCADE, related_name="document")
    file = models.FileField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    rendered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afgesproken POP-document")
        verbose_name_plural = _("afgesproken POP-documenten")

    def __str__(self) -> str:
        return f"{self.pop} ({self.sha256[:12]})"
