"""The methods catalogue, trajectory variants as planned talks, and worksheets.

Shipped rows (methods, variant steps, the demo deck, the default competences)
have no organisation; an organisation's own rows carry it and only it edits them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from plans.models import Action, Competence, ContactMoment, Phase, SummaryItem, Trajectory
from plans.variants import Level, Variant
from popsite.bounds import CappedTextField, sane_date


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
    DREAM_PAGE = "dream_page", _("Droompagina")
    SELF_PICTURES = "self_pictures", _("Mijn prentenbeeld")
    INTERVIEW = "interview", _("Criteriumgericht interview")
    FOUR_IN_ROW = "four_in_row", _("Vier op een rij")
    SMART = "smart", _("SMART-acties")
    NOTES = "notes", _("Conclusie")


# Sheets that hold uploaded pictures with a caption each.
PICTURE_KINDS = (
    WorksheetKind.PICTURES,
    WorksheetKind.DREAM_PAGE,
    WorksheetKind.SELF_PICTURES,
    WorksheetKind.KLOKWIJS,
)


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
    goal = CappedTextField(_("doel"), max_length=2000)
    target_group = CappedTextField(_("doelgroep"), blank=True, max_length=2000)
    time_needed = models.CharField(_("nodige tijd"), max_length=100, blank=True)
    materials = CappedTextField(_("nodige middelen"), blank=True, max_length=2000)
    steps = CappedTextField(_("werkwijze"), blank=True, max_length=5000)
    attention_points = CappedTextField(_("aandachtspunten"), blank=True, max_length=5000)

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
    # Variants 1 and 2 (§4.5.3.2-3): optional exercises between two talks.
    HOMEWORK = "homework", _("Tussentijds: eventueel huiswerk")


class VariantStep(models.Model):
    """One talk of a variant as the draaiboek (§4.5.3) describes it."""

    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices)
    position = models.PositiveIntegerField(_("volgorde"))
    number = models.PositiveIntegerField(_("contactmoment"), null=True, blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=MomentKind.choices)
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices)
    questions = models.CharField(_("vragen"), max_length=100, blank=True)
    goals = CappedTextField(_("doelen"), blank=True, max_length=2000)
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
    goals = CappedTextField(_("doelen"), blank=True, max_length=2000)
    methods = models.ManyToManyField(Method, blank=True, verbose_name=_("voorgestelde methodieken"))
    planned_on = models.DateField(_("gepland op"), null=True, blank=True, validators=[sane_date])
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
        if self.kind != MomentKind.CONTACT:
            return str(MomentKind(self.kind).label)
        return str(_("Contactmoment %(n)s")) % {"n": self.number}

    def question_labels(self) -> list[str]:
        return [Question(c).label for c in _codes(self.questions)]

    def plain_topic(self) -> str:
        """What the talk is about, in words a worker with low literacy understands."""
        if self.kind == MomentKind.INTERIM:
            return str(_("Je coach praat met je begeleider op de werkvloer over wat je goed kan."))
        if self.kind == MomentKind.HOMEWORK:
            return str(_("Huiswerk: je doet een oefening thuis en brengt ze mee naar het gesprek."))
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
    definition = CappedTextField(_("definitie"), blank=True, max_length=2000)
    indicators = CappedTextField(
        _("gedragsindicatoren (één per regel)"), blank=True, max_length=4000
    )
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

    def expected_levels(self) -> dict[int, int]:
        """Competence id to its expected level; reads the prefetched levels."""
        return {level.competence_id: level.expected for level in self.levels.all()}


EXPECTED_LEVELS = [(n, str(n)) for n in range(1, 6)]


class ProfileLevel(models.Model):
    """The level a function expects of one of its competences (competentieprofiel, §2.2)."""

    profile = models.ForeignKey(FunctionProfile, on_delete=models.CASCADE, related_name="levels")
    competence = models.ForeignKey(CompetenceDefinition, on_delete=models.CASCADE, related_name="+")
    expected = models.PositiveSmallIntegerField(_("verwacht niveau"), choices=EXPECTED_LEVELS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "competence"], name="unique_profile_level")
        ]


# Worksheets ------------------------------------------------------------------


class WorksheetQuerySet(models.QuerySet["Worksheet"]):
    def for_list(self) -> WorksheetQuerySet:
        """What the lists show of a worksheet: its method and the talk's date."""
        return self.select_related("method", "contact_moment")


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
    conclusion = CappedTextField(_("conclusie"), blank=True, max_length=4000)
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


class Rater(models.TextChoices):
    """The three voices of a competence measurement (§5.6), each kept in its own columns."""

    SELF = "self", _("zelf")
    COACH = "coach", _("coach")
    FLOOR = "floor", _("werkvloerbegeleider")


def _score(label: Promise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, choices=RATING_CHOICES, null=True, blank=True)


def _rater(label: Promise) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=label,
    )


class CompetenceRating(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="ratings")
    competence = models.ForeignKey(CompetenceDefinition, on_delete=models.PROTECT, related_name="+")
    self_now = _score(_("nu (zelf)"))
    self_wanted = _score(_("wil ik worden (zelf)"))
    # The worker's own scores are usually typed in by the coach during the talk.
    self_by = _rater(_("zelfinschatting ingevuld door"))
    self_at = models.DateTimeField(_("zelfinschatting op"), null=True, blank=True)
    coach = _score(_("coach"))
    coach_by = _rater(_("coach"))
    coach_at = models.DateTimeField(_("coach op"), null=True, blank=True)
    floor = _score(_("werkvloerbegeleider"))
    floor_by = _rater(_("werkvloerbegeleider"))
    floor_at = models.DateTimeField(_("werkvloerbegeleider op"), null=True, blank=True)
    light = models.CharField(_("kleur"), max_length=10, choices=Light.choices, blank=True)
    remark = models.CharField(_("opmerking"), max_length=500, blank=True)

    class Meta:
        ordering = ["worksheet", "competence__position", "competence__name"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "competence"], name="unique_rating")
        ]

    def stamp(self, rater: str, user, changed: Iterable[str]) -> None:
        """Sign the columns of one rater when any of their scores changed."""
        fields = RATER_FIELDS[rater]
        if any(name in changed for name in fields):
            setattr(self, f"{rater}_by", user)
            setattr(self, f"{rater}_at", timezone.now())

    def difference(self, rater: str) -> int | None:
        """The worker's own score 'now' minus that of the coach or floor supervisor."""
        other = getattr(self, rater)
        if self.self_now is None or other is None:
            return None
        return self.self_now - other


# The score columns of each rater.
RATER_FIELDS: dict[str, tuple[str, ...]] = {
    Rater.SELF: ("self_now", "self_wanted"),
    Rater.COACH: ("coach",),
    Rater.FLOOR: ("floor",),
}


class CompetencePicture(models.Model):
    """Vier op een rij (§5.12): a competence picture, what the worker says it means, the
    four example pictures they laid under it, the talk about it, and (the seed's
    extension) the green, orange or red card they give themselves."""

    worksheet = models.ForeignKey(
        Worksheet, on_delete=models.CASCADE, related_name="competence_pictures"
    )
    competence = models.ForeignKey(CompetenceDefinition, on_delete=models.PROTECT, related_name="+")
    meaning = CappedTextField(
        _("wat betekent deze prent volgens jou?"), blank=True, max_length=1000
    )
    example_1 = models.CharField(_("voorbeeldprent 1"), max_length=200, blank=True)
    example_2 = models.CharField(_("voorbeeldprent 2"), max_length=200, blank=True)
    example_3 = models.CharField(_("voorbeeldprent 3"), max_length=200, blank=True)
    example_4 = models.CharField(_("voorbeeldprent 4"), max_length=200, blank=True)
    talk = CappedTextField(_("gesprek"), blank=True, max_length=2000)
    light = models.CharField(_("kaartje"), max_length=10, choices=Light.choices, blank=True)

    class Meta:
        ordering = ["worksheet", "competence__position", "competence__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worksheet", "competence"], name="unique_competence_picture"
            )
        ]

    def examples(self) -> list[str]:
        return [e for e in (self.example_1, self.example_2, self.example_3, self.example_4) if e]


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
    # Step 3 of the scan: the plan takes the actions with the most points that both
    # agree with; each says so with an explicit tick.
    worker_agrees = models.BooleanField(_("akkoord (werknemer)"), default=False)
    coach_agrees = models.BooleanField(_("akkoord (coach)"), default=False)

    class Meta:
        ordering = ["worksheet", "domain", "pk"]

    def __str__(self) -> str:
        return self.description


MAX_SMART_ACTIONS = 10


class SmartGroup(models.TextChoices):
    """The four groups of SMART's final action plan (§5.8 step 4)."""

    REFLECT = "reflecteren", _("reflecteren")
    EXPLORE = "exploreren", _("exploreren")
    STEER = "sturen", _("sturen")
    PROFILE = "profileren", _("profileren")


class SmartAction(models.Model):
    """SMART (§5.8): an action for a challenge, scored ZV + HB = total."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="smart_actions")
    challenge = models.CharField(_("uitdaging"), max_length=200)
    description = models.CharField(_("actie"), max_length=500)
    meaning = scan_score(_("zinvol (ZV)"))
    feasibility = scan_score(_("haalbaar (HB)"))
    group = models.CharField(
        _("acties i.v.m."), max_length=12, choices=SmartGroup.choices, blank=True
    )

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
    how_checked = CappedTextField(
        _("zo kan de begeleiding het nagaan"), blank=True, max_length=2000
    )
    resources = CappedTextField(_("hulpbronnen die ik al heb"), blank=True, max_length=2000)
    means = CappedTextField(_("wat ik nog nodig heb"), blank=True, max_length=2000)
    why = CappedTextField(_("ik wil dit doen omdat"), blank=True, max_length=2000)
    why_feasible = CappedTextField(_("dit gaat me lukken omdat"), blank=True, max_length=2000)
    kind = models.CharField(
        _("deze actie gaat over"), max_length=12, choices=ActionKind.choices, blank=True
    )
    # The dictionary's competence this action develops (§2.2: competences grow by actions).
    develops = models.ForeignKey(
        CompetenceDefinition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werkt aan de competentie"),
    )

    # How the worker reads each field on their own page: short words, "I" form.
    PLAIN = {
        "kind": _("Deze actie gaat over"),
        "how_checked": _("Zo kan mijn begeleider zien dat het gelukt is"),
        "resources": _("Dit heb ik al"),
        "means": _("Dit heb ik nog nodig"),
        "why": _("Ik wil dit doen omdat"),
        "why_feasible": _("Dit gaat me lukken omdat"),
        "develops": _("Hier word ik beter in"),
    }

    def rows(self, plain: bool = False) -> list[tuple[str, str]]:
        """The fields that were filled in, in the order of the seed's action plan."""
        values = {
            "kind": self.get_kind_display() if self.kind else "",
            "how_checked": self.how_checked,
            "resources": self.resources,
            "means": self.means,
            "why": self.why,
            "why_feasible": self.why_feasible,
            "develops": self.develops.name if self.develops_id else "",
        }
        order = ["develops", "how_checked", "resources", "means", "why", "why_feasible", "kind"]
        return [
            (
                capfirst(
                    str(self.PLAIN[name] if plain else self._meta.get_field(name).verbose_name)
                ),
                str(values[name]),
            )
            for name in order
            if values[name]
        ]


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
