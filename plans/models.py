"""A worker's POP trajectory, its contact moments and its POP versions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.variants import Level, Variant
from popsite.bounds import CappedTextField, sane_date


class Phase(models.TextChoices):
    OPSTART = "opstart", _("Opstart")
    ANALYSE = "analyse", _("Analyse")
    PLANNING = "planning", _("Planning")
    UITVOEREN = "uitvoeren", _("Uitvoeren")
    EVALUEREN = "evalueren", _("Evalueren")
    AFGEROND = "afgerond", _("Afgerond")


# Each phase is finished before the next starts; after an evaluation the cycle
# goes on with a new action plan (draaiboek §2.1) or a new analysis, or closes.
NEXT_PHASES: dict[str, tuple[str, ...]] = {
    Phase.OPSTART: (Phase.ANALYSE,),
    Phase.ANALYSE: (Phase.PLANNING,),
    Phase.PLANNING: (Phase.UITVOEREN,),
    Phase.UITVOEREN: (Phase.EVALUEREN,),
    Phase.EVALUEREN: (Phase.PLANNING, Phase.ANALYSE, Phase.AFGEROND),
    Phase.AFGEROND: (),
}

# The steps an agreement walks to reach Uitvoeren: each one is recorded, so a
# skipped phase still shows who moved the trajectory on, and when.
TOWARDS_UITVOEREN: dict[str, str] = {
    Phase.OPSTART: Phase.ANALYSE,
    Phase.ANALYSE: Phase.PLANNING,
    Phase.PLANNING: Phase.UITVOEREN,
    Phase.EVALUEREN: Phase.PLANNING,
}


class Competence(models.TextChoices):
    GENERIC = "generic", _("generieke competentie")
    TECHNICAL = "technical", _("technische competentie")
    OTHER = "other", _("iets anders")


# The same kinds for the worker's pages, without the jargon.
PLAIN_COMPETENCE = {
    Competence.GENERIC: _("hoe ik werk"),
    Competence.TECHNICAL: _("mijn vak"),
    Competence.OTHER: _("iets anders"),
}


def _count_of(queryset: models.QuerySet) -> Coalesce:
    """A correlated COUNT(*) usable in annotate(): one query for any number of rows."""
    counted = queryset.order_by().values("pop").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0))


class LanguageSkill(models.TextChoices):
    """How easily the worker reads and speaks Dutch: the Kwaliteitenspel's plus deck
    is for people with low language skills (draaiboek §5.4), not for low reflection."""

    LOW = "low", _("laag: eenvoudige woorden nodig")
    FLUENT = "fluent", _("voldoende")


REFLECTION_HELP = _(
    "Reflectievermogen of zelfinzicht: hoe goed kan de werknemer nadenken over wat hij "
    "of zij wil en kan? Dit bepaalt vooral welke methodieken passen."
)
INTENSITY_HELP = _(
    "Intensiteit: hoeveel begeleiding heeft de werknemer nodig, en hoe vertrouwd is de "
    "organisatie met POP's? Dit bepaalt vooral het aantal contactmomenten."
)
LANGUAGE_HELP = _(
    "Bij lage taalvaardigheid kiezen we het kaartspel met eenvoudige woorden "
    "(kwaliteitenspel plus)."
)


class TrajectoryQuerySet(models.QuerySet["Trajectory"]):
    def active(self) -> TrajectoryQuerySet:
        return self.exclude(phase=Phase.AFGEROND)

    def closed(self) -> TrajectoryQuerySet:
        return self.filter(phase=Phase.AFGEROND)

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
    # The one floor supervisor who gives their view of this worker (§4.5.3), chosen by a
    # coach; the others of the organisation see nothing of the worker.
    floor_supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="floor_trajectories",
        verbose_name=_("werkvloerbegeleider"),
    )
    reflection_level = models.CharField(
        _("reflectievermogen"), max_length=10, choices=Level.choices, default=Level.MEDIUM
    )
    intensity = models.CharField(
        _("intensiteit"), max_length=10, choices=Level.choices, default=Level.MEDIUM
    )
    language_skills = models.CharField(
        _("taalvaardigheid"),
        max_length=10,
        choices=LanguageSkill.choices,
        default=LanguageSkill.FLUENT,
        help_text=LANGUAGE_HELP,
    )
    variant = models.CharField(
        _("variant"), max_length=10, choices=Variant.choices, default=Variant.BASIS
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.OPSTART)
    started_on = models.DateField(
        _("gestart op"), default=timezone.localdate, validators=[sane_date]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["worker__last_name", "worker__first_name", "pk"]
        verbose_name = _("POP-traject")
        verbose_name_plural = _("POP-trajecten")
        # Variant and id included: the ambassador's counts per phase and variant and the
        # trainer's active trajectories read only this index (no visit to the table).
        # PostgreSQL only; SQLite makes the index without them.
        indexes = [
            models.Index(
                fields=["organisation", "phase"],
                include=["variant", "id"],
                name="trajectory_org_phase_incl",
            )
        ]
        # One running trajectory per worker per organisation; closed ones stay as history.
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "organisation"],
                condition=~Q(phase="afgerond"),
                name="one_active_trajectory_per_worker",
            )
        ]

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
    date = models.DateField(_("datum"), validators=[sane_date])
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices)
    kind = models.CharField(
        _("soort"), max_length=12, choices=ContactKind.choices, default=ContactKind.INDIVIDUAL
    )
    duration_minutes = models.PositiveIntegerField(
        _("duur (minuten)"), validators=[MinValueValidator(1), MaxValueValidator(600)], default=60
    )
    notes = CappedTextField(_("notities"), blank=True, max_length=4000)

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
    overall_goal = CappedTextField(_("algemeen doel"), blank=True, max_length=2000)
    # A follow-up evaluates the previous POP's challenges (its overall goal) as well as
    # its actions (§4.3: "de uitdagingen en acties uit het vorige POP").
    previous_goal_review = CappedTextField(
        _("hoe staat het met het algemeen doel van de vorige POP?"), blank=True, max_length=4000
    )
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
    # The coach says a draft is finished: only then does the worker see a follow-up
    # draft beside the plan that counts. Any content change clears it again.
    ready_at = models.DateTimeField(_("klaar om te bevestigen sinds"), null=True, blank=True)

    class Meta:
        ordering = ["trajectory", "number"]
        verbose_name = _("POP-versie")
        verbose_name_plural = _("POP-versies")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="unique_pop_number")
        ]
        # (trajectory, agreed_at): "first agreed version of each trajectory" (the
        # registration completion rule) is an index lookup, not a scan per row.
        # (trajectory, number) with the id: "the latest version of each trajectory" (the
        # ambassador's and trainer's action counts) read from the index alone, which the
        # unique constraint cannot include on SQLite. The agreed versions of a month come
        # with their trajectory (the ambassador's count) from the index too. The
        # inclusions are PostgreSQL only.
        indexes = [
            models.Index(fields=["agreed_at"], include=["trajectory"], name="pop_agreed_at_incl"),
            models.Index(fields=["trajectory", "agreed_at"]),
            models.Index(fields=["trajectory", "number"], include=["id"], name="pop_latest_incl"),
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

    @property
    def final_reflection(self) -> PopReflection | None:
        """The look back, when this is the last version: reflection only."""
        try:
            reflection = self.reflection
        except PopReflection.DoesNotExist:
            return None
        return reflection if reflection.final else None

    @property
    def reviews_previous_goal(self) -> bool:
        return self.is_follow_up and self.previous is not None and bool(self.previous.overall_goal)

    def missing_for_agreement(self) -> list[str]:
        """What still stands in the way of agreeing this version, in plain Dutch."""
        actions = list(self.actions.all())
        missing = []
        reflection = self.final_reflection
        if reflection is not None:
            # After the last supervision period only the look back is asked (seed 000);
            # goals are optional, so the generic/technical rule does not hold.
            if reflection.is_empty:
                missing.append(str(_("De terugblik van deze laatste versie is nog leeg.")))
        else:
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
        evaluations = list(self.evaluations.all())
        if any(e.score is None for e in evaluations):
            missing.append(str(_("Niet elke actie van de vorige POP is geëvalueerd.")))
        if any(e.needs_reason for e in evaluations):
            missing.append(str(_("Bij een actie die niet af is, staat nog niet waarom.")))
        if self.reviews_previous_goal and not self.previous_goal_review.strip():
            missing.append(str(_("Het algemeen doel van de vorige POP is nog niet geëvalueerd.")))
        return missing

    def missing_for_worker(self) -> list[str]:
        """The same rules as ``missing_for_agreement``, told to the worker: what the
        coach still has to finish, in plain words and without names of rules."""
        actions = list(self.actions.all())
        missing = []
        if not any(a.competence == Competence.GENERIC for a in actions):
            missing.append(
                str(_("Er komt nog iets in je plan over hoe je werkt, bijvoorbeeld samenwerken."))
            )
        if not any(a.competence == Competence.TECHNICAL for a in actions):
            missing.append(str(_("Er komt nog iets in je plan over je vak: wat je leert doen.")))
        if any(a.deadline is None or not a.expected_result.strip() for a in actions):
            missing.append(
                str(
                    _(
                        "Bij een stap staat nog niet wanneer hij klaar moet zijn of wanneer hij gelukt is."
                    )
                )
            )
        if any(e.score is None for e in self.evaluations.all()):
            missing.append(str(_("Je coach kijkt nog met jou hoe ver je vorige stappen zijn.")))
        return missing

    @property
    def is_ready_for_worker(self) -> bool:
        """The coach marked it ready, or confirmed it (which says the same)."""
        return self.ready_at is not None or self.coach_agreed_at is not None


class LatestPop(models.Model):
    """Each trajectory's latest POP version, with the trajectory's organisation, so the
    ambassador's counts of the latest versions' actions read one index range per
    organisation instead of looking each of its 1,000 trajectories' latest version up.
    Kept by database triggers on PopVersion and Trajectory (migration 0015), not by the
    app: seed_load's bulk_create, cascades and queryset deletes send no signals. Hence
    no constraints and DO_NOTHING: the triggers delete the row with the trajectory's
    last version. Read only by plain SQL (``plans.selectors.organisation_overviews``).
    As with ``popsite.accounts.tally``: SQLite drops a table's triggers when Django
    rebuilds the table to alter it, so a migration that alters either table makes them
    again (tests/plans/test_latest_pop.py fails without them)."""

    trajectory = models.OneToOneField(
        Trajectory,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    pop = models.ForeignKey(
        PopVersion,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    class Meta:
        indexes = [
            models.Index(fields=["organisation"], include=["pop"], name="latest_pop_org_incl")
        ]


class SummarySection(models.TextChoices):
    WANT = "want", _("Wat wil ik")
    CAN = "can", _("Wat kan ik")
    DEVELOP = "develop", _("Ontwikkelpunten")


class SummaryItem(models.Model):
    pop = models.ForeignKey(PopVersion, on_delete=models.CASCADE, related_name="summary_items")
    section = models.CharField(_("onderdeel"), max_length=10, choices=SummarySection.choices)
    text = CappedTextField(_("tekst"), max_length=2000)
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
    reason = CappedTextField(_("aanleiding"), blank=True, max_length=2000)
    result = CappedTextField(_("resultaat"), blank=True, max_length=2000)
    timing = CappedTextField(_("tijd"), blank=True, max_length=2000)
    evaluation = CappedTextField(_("evaluatie"), blank=True, max_length=2000)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.goal


# The follow-up scale in the draaiboek's words (§4.3, lines 1544-1556), the one wording
# every page and print uses.
PROGRESS_SCALE = _("0 = niets gebeurd, 1 = net gestart met de actie … 5 = actie helemaal afgewerkt")

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
    deadline = models.DateField(_("tegen wanneer"), null=True, blank=True, validators=[sane_date])
    expected_result = CappedTextField(
        _("verwacht resultaat (meetbaar)"), blank=True, max_length=2000
    )
    competence = models.CharField(_("soort competentie"), max_length=10, choices=Competence.choices)
    progress = models.PositiveSmallIntegerField(
        _("voortgang (0-5)"), default=0, validators=PROGRESS_VALIDATORS, help_text=PROGRESS_SCALE
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    # Worker and coach both mark progress; the coach sees who did it last.
    progress_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    progress_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        # Progress included: counting a version's actions done, open or overdue reads
        # only this index (PostgreSQL; SQLite makes it without).
        indexes = [
            models.Index(
                fields=["pop", "deadline"], include=["progress"], name="action_pop_deadline_incl"
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def plain_competence(self) -> str:
        return str(PLAIN_COMPETENCE.get(self.competence, ""))


class ActionEvaluation(models.Model):
    """In a follow-up POP: how far an action of the previous POP got."""

    pop = models.ForeignKey(PopVersion, on_delete=models.CASCADE, related_name="evaluations")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evaluations")
    score = models.PositiveSmallIntegerField(
        _("stand (0-5)"),
        null=True,
        blank=True,
        validators=PROGRESS_VALIDATORS,
        help_text=PROGRESS_SCALE,
    )
    carry_over = models.BooleanField(_("meenemen naar de nieuwe POP"), default=False)
    remark = CappedTextField(
        _("opmerking"),
        blank=True,
        max_length=2000,
        help_text=_("Is de actie niet (helemaal) af? Schrijf kort waarom."),
    )

    class Meta:
        ordering = ["action_id"]
        constraints = [
            models.UniqueConstraint(fields=["pop", "action"], name="unique_evaluation_per_action")
        ]

    @property
    def progress(self) -> int:
        """The score read as progress, so the five boxes draw an evaluation like an action."""
        return self.score or 0

    @property
    def needs_reason(self) -> bool:
        """An action not done needs a reason (§4.3: "wat de redenen hiervoor zijn")."""
        return self.score is not None and self.score < 5 and not self.remark.strip()

    def clean(self) -> None:
        if self.needs_reason:
            raise ValidationError(
                {"remark": _("Deze actie is niet helemaal af: schrijf kort waarom.")}
            )


# Portfolio (issue 5) ---------------------------------------------------------


class PopReflection(models.Model):
    """Part 1 of a later POP version (seed 000): looking back on the past period."""

    pop = models.OneToOneField(PopVersion, on_delete=models.CASCADE, related_name="reflection")
    goals_reached = CappedTextField(_("welke doelen heb ik gehaald?"), blank=True, max_length=4000)
    guidance_helped = CappedTextField(
        _("hoe heeft de begeleiding geholpen?"), blank=True, max_length=4000
    )
    roles = CappedTextField(
        _("welke rol speelden de begeleider en ikzelf?"), blank=True, max_length=4000
    )
    final = models.BooleanField(
        _("laatste versie: alleen de terugblik"),
        default=False,
        help_text=_(
            "Na de laatste supervisieperiode vul je alleen de terugblik in. Nieuwe doelen "
            "mogen, maar hoeven niet: de regel van een generieke en een technische actie "
            "geldt dan niet."
        ),
    )

    class Meta:
        verbose_name = _("reflectie op de vorige periode")
        verbose_name_plural = _("reflecties op de vorige periode")

    @property
    def is_empty(self) -> bool:
        return not (self.goals_reached or self.guidance_helped or self.roles)


class ProgressTalk(models.Model):
    """A progress talk (seed 004): preparation, the talk itself, and its record."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="progress_talks"
    )
    planned_on = models.DateField(_("datum van het gesprek"), validators=[sane_date])
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The worker's preparation, due at least seven days before.
    self_reflection = CappedTextField(_("terugblik op mezelf"), blank=True, max_length=4000)
    strengths_weaknesses = CappedTextField(
        _("mijn sterke en zwakke punten"), blank=True, max_length=4000
    )
    agenda_points = CappedTextField(_("waarover wil ik praten?"), blank=True, max_length=4000)
    draft_goals = CappedTextField(
        _("wat wil ik hierna leren? (één doel per regel)"), blank=True, max_length=4000
    )
    prepared_at = models.DateTimeField(_("voorbereiding ingediend op"), null=True, blank=True)
    coach_notes = CappedTextField(_("voorbereiding van de coach"), blank=True, max_length=4000)
    # The record of the talk.
    agenda = CappedTextField(_("agenda"), blank=True, max_length=4000)
    look_back = CappedTextField(_("terugblik met het portfolio"), blank=True, max_length=4000)
    record_strengths = CappedTextField(_("sterke en zwakke punten"), blank=True, max_length=4000)
    competence_levels = CappedTextField(_("competentieniveaus"), blank=True, max_length=4000)
    learning_climate = CappedTextField(_("leerklimaat en knelpunten"), blank=True, max_length=4000)
    next_goals = CappedTextField(
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

    @property
    def can_be_recorded(self) -> bool:
        """The report waits for the day of the talk (``talks.ensure_recordable``)."""
        return self.planned_on <= timezone.localdate()


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
