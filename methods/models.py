"""The methods catalogue, trajectory variants as planned talks, and worksheets.

Shipped rows (methods, variant steps, the demo deck, the default competences)
have no organisation; an organisation's own rows carry it and only it edits them.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models import Action, Competence, ContactMoment, Phase, SummaryItem, Trajectory
from plans.variants import Level, Variant


class Question(models.TextChoices):
    OPSTART = "opstart", _("Opstart")
    WHO = "wie", _("Wie ben ik?")
    WANT = "wil", _("Wat wil ik?")
    CAN = "kan", _("Wat kan ik?")
    OPTIONS = "opties", _("Wat zijn mijn opties?")
    PLAN = "actieplan", _("Wat is mijn actieplan?")


# What a talk about this question is about, said to the worker.
PLAIN_QUESTION = {
    Question.OPSTART: _("kennismaken en uitleggen wat een POP is"),
    Question.WHO: _("wie jij bent"),
    Question.WANT: _("wat jij graag wil"),
    Question.CAN: _("wat jij goed kan"),
    Question.OPTIONS: _("welke mogelijkheden je hebt"),
    Question.PLAN: _("jouw plan: wat ga je concreet doen"),
}


def _codes(value: str) -> list[str]:
    return [code for code in value.split() if code]


def validate_questions(value: str) -> None:
    unknown = set(_codes(value)) - set(Question.values)
    if unknown:
        raise ValidationError(_("Onbekende vraag: %(codes)s.") % {"codes": ", ".join(unknown)})


def validate_levels(value: str) -> None:
    unknown = set(_codes(value)) - set(Level.values)
    if unknown:
        raise ValidationError(_("Onbekend niveau: %(codes)s.") % {"codes": ", ".join(unknown)})


class WorksheetKind(models.TextChoices):
    HAND = "hand", _("HAND: vijf vingers")
    AI_DREAM = "ai_dream", _("AI-droomfase")
    KLOKWIJS = "klokwijs", _("Klokwijs")
    PRAATPLAAT = "praatplaat", _("Praatplaat")
    QUALITIES = "qualities", _("Kwaliteitenspel")
    SKILLS = "skills", _("Vaardighedenmatrix")
    COMPETENCES = "competences", _("Competentiemeting")
    SCAN = "scan", _("Zinvolheids- en haalbaarheidsscan")
    PICTURES = "pictures", _("Prenten met uitleg")
    INTERVIEW = "interview", _("Criteriumgericht interview")
    FOUR_IN_ROW = "four_in_row", _("Vier op een rij")
    SMART = "smart", _("SMART-acties")
    NOTES = "notes", _("Conclusie")


class MethodQuerySet(models.QuerySet["Method"]):
    def for_organisations(self, organisation_ids: list[int]) -> MethodQuerySet:
        """The shipped catalogue plus the methods of these organisations."""
        return self.filter(
            models.Q(organisation__isnull=True) | models.Q(organisation__in=organisation_ids)
        )

    def serving(self, question: str) -> MethodQuerySet:
        # Codes are distinct words, so a substring match finds exactly one code.
        return self.filter(questions__contains=question) if question else self

    def for_level(self, level: str) -> MethodQuerySet:
        return self.filter(levels__contains=level) if level else self


class Method(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="methods",
        verbose_name=_("organisatie"),
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("naam"), max_length=120)
    position = models.PositiveIntegerField(_("volgorde"), default=100)
    worksheet_kind = models.CharField(
        _("soort werkblad"),
        max_length=20,
        choices=WorksheetKind.choices,
        default=WorksheetKind.NOTES,
    )
    questions = models.CharField(
        _("vragen"), max_length=100, blank=True, validators=[validate_questions]
    )
    levels = models.CharField(
        _("reflectievermogen"), max_length=30, blank=True, validators=[validate_levels]
    )
    goal = models.TextField(_("doel"))
    target_group = models.TextField(_("doelgroep"), blank=True)
    time_needed = models.CharField(_("nodige tijd"), max_length=100, blank=True)
    materials = models.TextField(_("nodige middelen"), blank=True)
    steps = models.TextField(_("werkwijze"), blank=True)
    attention_points = models.TextField(_("aandachtspunten"), blank=True)

    objects = MethodQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name", "pk"]
        verbose_name = _("methodiek")
        verbose_name_plural = _("methodieken")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unique_method_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    def question_labels(self) -> list[str]:
        return [Question(c).label for c in _codes(self.questions)]

    def level_labels(self) -> list[str]:
        return [Level(c).label for c in _codes(self.levels)]

    def step_lines(self) -> list[str]:
        return [line for line in self.steps.splitlines() if line.strip()]

    def attention_lines(self) -> list[str]:
        return [line for line in self.attention_points.splitlines() if line.strip()]


# Variants --------------------------------------------------------------------


class MomentKind(models.TextChoices):
    CONTACT = "contact", _("Contactmoment")
    INTERIM = "interim", _("Tussentijds overleg met de werkvloerbegeleider")


class VariantStep(models.Model):
    """One talk of a variant as the draaiboek (§4.5.3) describes it."""

    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices)
    position = models.PositiveIntegerField(_("volgorde"))
    number = models.PositiveIntegerField(_("contactmoment"), null=True, blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=MomentKind.choices)
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices)
    questions = models.CharField(_("vragen"), max_length=100, blank=True)
    goals = models.TextField(_("doelen"), blank=True)
    methods = models.ManyToManyField(Method, blank=True, verbose_name=_("voorgestelde methodieken"))

    class Meta:
        ordering = ["variant", "position"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "position"], name="unique_variant_step")
        ]


class PlannedMomentQuerySet(models.QuerySet["PlannedMoment"]):
    def with_methods(self) -> PlannedMomentQuerySet:
        return self.select_related("contact_moment").prefetch_related("methods")


class PlannedMoment(models.Model):
    """A talk planned for a trajectory; realised once a contact moment is linked."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="planned_moments"
    )
    position = models.PositiveIntegerField(_("volgorde"))
    number = models.PositiveIntegerField(_("contactmoment"), null=True, blank=True)
    kind = models.CharField(
        _("soort"), max_length=10, choices=MomentKind.choices, default=MomentKind.CONTACT
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices)
    questions = models.CharField(
        _("vragen"), max_length=100, blank=True, validators=[validate_questions]
    )
    goals = models.TextField(_("doelen"), blank=True, max_length=2000)
    methods = models.ManyToManyField(Method, blank=True, verbose_name=_("voorgestelde methodieken"))
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    contact_moment = models.OneToOneField(
        ContactMoment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_moment",
        verbose_name=_("gehouden op"),
    )

    objects = PlannedMomentQuerySet.as_manager()

    class Meta:
        ordering = ["trajectory", "position", "pk"]
        verbose_name = _("gepland gesprek")
        verbose_name_plural = _("geplande gesprekken")

    def __str__(self) -> str:
        if self.kind == MomentKind.INTERIM:
            return str(MomentKind.INTERIM.label)
        return str(_("Contactmoment %(n)s")) % {"n": self.number}

    def question_labels(self) -> list[str]:
        return [Question(c).label for c in _codes(self.questions)]

    def plain_topic(self) -> str:
        """What the talk is about, in words a worker with low literacy understands."""
        if self.kind == MomentKind.INTERIM:
            return str(_("Je coach praat met je begeleider op de werkvloer over wat je goed kan."))
        parts = [str(PLAIN_QUESTION[Question(c)]) for c in _codes(self.questions)]
        if not parts:
            return str(_("We bekijken samen hoe het gaat."))
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + str(_(" en ")) + parts[-1]
        return str(_("We praten over %(topics)s.")) % {"topics": joined}


# Decks and the competence dictionary ----------------------------------------


class DeckKind(models.TextChoices):
    STANDARD = "standard", _("standaard")
    PLUS = "plus", _("plus (eenvoudige woorden)")


class CardDeck(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="card_decks",
        verbose_name=_("organisatie"),
    )
    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(
        _("soort"), max_length=10, choices=DeckKind.choices, default=DeckKind.STANDARD
    )

    class Meta:
        ordering = ["organisation_id", "name", "pk"]
        verbose_name = _("kaartspel")
        verbose_name_plural = _("kaartspellen")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class CardKind(models.TextChoices):
    QUALITY = "quality", _("kwaliteit")
    PITFALL = "pitfall", _("valkuil")


class Card(models.Model):
    deck = models.ForeignKey(CardDeck, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(_("soort"), max_length=10, choices=CardKind.choices)
    text = models.CharField(_("tekst"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["deck", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class CompetenceDefinition(models.Model):
    """An entry of an organisation's competence dictionary (§2.2, §5.6)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competences",
        verbose_name=_("organisatie"),
    )
    name = models.CharField(_("competentie"), max_length=120)
    kind = models.CharField(
        _("soort"),
        max_length=10,
        choices=[
            (Competence.GENERIC, Competence.GENERIC.label),
            (Competence.TECHNICAL, Competence.TECHNICAL.label),
        ],
    )
    definition = models.TextField(_("definitie"), blank=True)
    indicators = models.TextField(_("gedragsindicatoren (één per regel)"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["organisation_id", "position", "name"]
        verbose_name = _("competentie")
        verbose_name_plural = _("competentiewoordenboek")

    def __str__(self) -> str:
        return self.name

    def indicator_lines(self) -> list[str]:
        return [line for line in self.indicators.splitlines() if line.strip()]


class FunctionProfile(models.Model):
    """The competences a function needs (competentieprofiel)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="function_profiles"
    )
    name = models.CharField(_("functie"), max_length=120)
    competences = models.ManyToManyField(CompetenceDefinition, related_name="profiles")

    class Meta:
        ordering = ["name"]
        verbose_name = _("functieprofiel")
        verbose_name_plural = _("functieprofielen")

    def __str__(self) -> str:
        return self.name


# Worksheets ------------------------------------------------------------------


class WorksheetQuerySet(models.QuerySet["Worksheet"]):
    def for_list(self) -> WorksheetQuerySet:
        return self.select_related("method", "contact_moment", "created_by")


class Worksheet(models.Model):
    """What came out of one method in one talk, as structured data."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="worksheets")
    method = models.ForeignKey(Method, on_delete=models.PROTECT, related_name="worksheets")
    contact_moment = models.ForeignKey(
        ContactMoment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worksheets",
        verbose_name=_("contactmoment"),
    )
    deck = models.ForeignKey(
        CardDeck,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="worksheets",
        verbose_name=_("kaartspel"),
    )
    # Fixed-question sheets (HAND, AI-droomfase, ...): answers keyed by question.
    answers = models.JSONField(default=dict, blank=True)
    conclusion = models.TextField(_("conclusie"), blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorksheetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("werkblad")
        verbose_name_plural = _("werkbladen")
        indexes = [models.Index(fields=["trajectory", "created_at"])]

    def __str__(self) -> str:
        return f"{self.method} – {self.trajectory.worker}"

    @property
    def kind(self) -> str:
        return self.method.worksheet_kind


class QualityPick(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="quality_picks")
    kind = models.CharField(max_length=10, choices=CardKind.choices)
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(8)])
    # The text is kept so that an edited deck does not change a finished worksheet.
    card = models.ForeignKey(Card, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["worksheet", "kind", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "kind", "rank"], name="unique_pick_rank")
        ]


class Enjoyment(models.IntegerChoices):
    VERY = 1, _("heel erg leuk")
    LIKE = 2, _("leuk")
    NEUTRAL = 3, _("neutraal")
    NOT_REALLY = 4, _("niet zo leuk")
    NOT_AT_ALL = 5, _("helemaal niet leuk")


class Mastery(models.IntegerChoices):
    GOOD = 0, _("goed")
    FAIR = 1, _("redelijk")
    POOR = 2, _("onvoldoende")


class Frequency(models.TextChoices):
    NEVER = "never", _("nooit")
    SOMETIMES = "sometimes", _("soms")
    REGULARLY = "regularly", _("regelmatig")
    OFTEN = "often", _("vaak")


def cell_number(mastery: int, enjoyment: int) -> int:
    """Cells are numbered 1-15 row by row: rows are mastery, columns enjoyment."""
    return mastery * 5 + enjoyment


def cell_label(cell: int) -> str:
    mastery, enjoyment = divmod(cell - 1, 5)
    return f"{cell} – {Mastery(mastery).label}, {Enjoyment(enjoyment + 1).label}"


CELL_CHOICES = [(cell, cell_label(cell)) for cell in range(1, 16)]


class SkillPlacement(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(_("vaardigheid"), max_length=200)
    cell = models.PositiveSmallIntegerField(_("vak"), choices=CELL_CHOICES)
    frequency = models.CharField(
        _("hoe vaak gebruikt"), max_length=10, choices=Frequency.choices, blank=True
    )

    class Meta:
        ordering = ["worksheet", "cell", "pk"]


class Light(models.TextChoices):
    """Vier op een rij: how the worker sees themselves on a competence."""

    GREEN = "green", _("groen: dat gaat goed")
    ORANGE = "orange", _("oranje: dat gaat soms goed")
    RED = "red", _("rood: dat is nog moeilijk")


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class CompetenceRating(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="ratings")
    competence = models.ForeignKey(CompetenceDefinition, on_delete=models.PROTECT, related_name="+")
    self_now = models.PositiveSmallIntegerField(
        _("nu (zelf)"), choices=RATING_CHOICES, null=True, blank=True
    )
    self_wanted = models.PositiveSmallIntegerField(
        _("wil ik worden (zelf)"), choices=RATING_CHOICES, null=True, blank=True
    )
    other = models.PositiveSmallIntegerField(
        _("coach of begeleider"), choices=RATING_CHOICES, null=True, blank=True
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    light = models.CharField(_("kleur"), max_length=10, choices=Light.choices, blank=True)
    remark = models.CharField(_("opmerking"), max_length=500, blank=True)

    class Meta:
        ordering = ["worksheet", "competence__position", "competence__name"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "competence"], name="unique_rating")
        ]

    @property
    def difference(self) -> int | None:
        if self.self_now is None or self.other is None:
            return None
        return self.self_now - self.other


def scan_score(label: str) -> models.PositiveSmallIntegerField:
    """A 10/5/1 score of the scan and of SMART (§5.7, §5.8), empty until given."""
    return models.PositiveSmallIntegerField(
        label,
        choices=SCAN_SCORES,
        null=True,
        blank=True,
        validators=[validate_scan_score],
        error_messages=SCORE_ERRORS,
    )


class ScanDomain(models.IntegerChoices):
    JOB_TARGET = 1, _("Realistisch jobdoelwit")
    LABOUR_MARKET = 2, _("Arbeidsmarktoriëntatie")
    ENERGY = 3, _("Energie en motivatie")
    CONDITIONS = 4, _("Randvoorwaarden")
    COMPETENCES = 5, _("Arbeidsprestaties en tekorten (competenties)")
    ATTITUDES = 6, _("Zelfredzaamheid op de werkvloer (arbeidsattitudes)")
    APPLYING = 7, _("Sollicitatievaardigheden")


SCAN_SCORES = [
    (10, _("10 – zeer")),
    (5, _("5 – best wel")),
    (1, _("1 – niet zo")),
]


SCORE_ERRORS = {"invalid_choice": _("Een score is 10, 5 of 1 punt.")}


def validate_scan_score(value: int | None) -> None:
    if value is not None and value not in (10, 5, 1):
        raise ValidationError(_("Een score is 10, 5 of 1 punt."))


class ScanAction(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="scan_actions")
    domain = models.PositiveSmallIntegerField(_("domein"), choices=ScanDomain.choices)
    description = models.CharField(_("actie"), max_length=500)
    worker_meaning = scan_score(_("zinvol (werknemer)"))
    worker_feasibility = scan_score(_("haalbaar (werknemer)"))
    coach_meaning = scan_score(_("zinvol (coach)"))
    coach_feasibility = scan_score(_("haalbaar (coach)"))

    class Meta:
        ordering = ["worksheet", "domain", "pk"]

    def __str__(self) -> str:
        return self.description


MAX_SMART_ACTIONS = 10


class SmartAction(models.Model):
    """SMART (§5.8): an action for a challenge, scored ZV + HB = total."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="smart_actions")
    challenge = models.CharField(_("uitdaging"), max_length=200)
    description = models.CharField(_("actie"), max_length=500)
    meaning = scan_score(_("zinvol (ZV)"))
    feasibility = scan_score(_("haalbaar (HB)"))

    class Meta:
        ordering = ["worksheet", "challenge", "pk"]

    def __str__(self) -> str:
        return self.description

    @property
    def total(self) -> int:
        return (self.meaning or 0) + (self.feasibility or 0)


class ActionKind(models.TextChoices):
    INFORM = "informeren", _("informeren")
    TRAINING = "opleiding", _("opleiding")
    WORK = "werk", _("werk")
    PRACTISE = "trainen", _("trainen")
    OTHER = "andere", _("andere")


class ActionDetail(models.Model):
    """The scan's extra fields for an action in the plan (§5.7 step 4)."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="method_detail")
    how_checked = models.TextField(_("zo kan de begeleiding het nagaan"), blank=True)
    resources = models.TextField(_("hulpbronnen die ik al heb"), blank=True)
    means = models.TextField(_("wat ik nog nodig heb"), blank=True)
    why = models.TextField(_("ik wil dit doen omdat"), blank=True)
    why_feasible = models.TextField(_("dit gaat me lukken omdat"), blank=True)
    kind = models.CharField(_("deze actie gaat over"), max_length=12, choices=ActionKind.choices)


class PopItemSource(models.Model):
    """Where a summary item or action of the POP came from."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="promoted")
    summary_item = models.OneToOneField(
        SummaryItem, on_delete=models.CASCADE, null=True, blank=True, related_name="method_source"
    )
    action = models.OneToOneField(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="method_source"
    )
    scan_action = models.ForeignKey(
        ScanAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="promoted"
    )
    smart_action = models.ForeignKey(
        SmartAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="promoted"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(summary_item__isnull=False, action__isnull=True)
                | models.Q(summary_item__isnull=True, action__isnull=False),
                name="source_for_one_item",
            )
        ]


def picture_path(instance: WorksheetPicture, filename: str) -> str:
    # The name never reaches a URL: pictures are served through an access-checked view.
    return f"worksheets/{instance.worksheet.trajectory_id}/{instance.worksheet_id}/{filename}"


class WorksheetPicture(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="pictures")
    image = models.FileField(_("afbeelding"), upload_to=picture_path)
    caption = models.CharField(_("wat zie je en waarom koos je dit?"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["worksheet", "pk"]


# The coach's agenda -----------------------------------------------------------


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A coach's private calendar address: whoever has the token reads the talks
    ahead, so it is long, random, and the coach can replace it at any time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agenda-adres")
        verbose_name_plural = _("agenda-adressen")
