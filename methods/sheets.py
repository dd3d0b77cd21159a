"""The rules of the worksheets as small pure functions: what each sheet asks,
matrix signals, scan totals and agreement, self against coach and floor supervisor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from methods.models import (
    MAX_SMART_ACTIONS,
    CompetenceRating,
    Frequency,
    Rater,
    ScanAction,
    SkillPlacement,
    SmartAction,
    Worksheet,
    WorksheetKind,
)


@dataclass(frozen=True)
class Field:
    key: str
    label: Promise
    plain: Promise  # how the worker reads it on their own page
    choices: tuple[tuple[str, Promise], ...] = ()
    single: bool = False  # one of the choices (a scale) rather than a checklist


WORK_CONDITIONS: tuple[tuple[str, Promise], ...] = (
    ("inside", _("binnen werken")),
    ("outside", _("buiten werken")),
    ("team", _("in een ploeg werken")),
    ("alone", _("alleen werken")),
    ("day", _("overdag werken")),
    ("shifts", _("in ploegen werken")),
    ("near", _("dicht bij huis")),
    ("calm", _("een rustige plek")),
    ("people", _("met mensen werken")),
    ("hands", _("met mijn handen werken")),
    ("machines", _("met machines werken")),
    ("variety", _("afwisseling")),
    ("fixed", _("elke dag hetzelfde werk")),
    ("parttime", _("deeltijds werken")),
)

MOTIVATION: tuple[tuple[str, Promise], ...] = (
    ("surroundings", _("een fijne werkomgeving")),
    ("guidance", _("begeleiding op het werk")),
    ("competition", _("mij meten met anderen")),
    ("creative", _("creatief bezig zijn")),
    ("physical", _("lichamelijk bezig zijn")),
    ("pay", _("het loon")),
    ("helping", _("anderen helpen")),
    ("learning", _("nieuwe dingen leren")),
    ("together", _("samen met anderen werken")),
    ("society", _("iets betekenen voor de samenleving")),
    ("contact", _("contact met mensen")),
    ("independent", _("op eigen benen staan")),
    ("fun", _("plezier hebben")),
    ("status", _("aanzien")),
    ("low_stress", _("weinig stress")),
    ("structure", _("structuur in mijn dag")),
    ("specialist", _("ergens specialist in zijn")),
    ("free_time", _("genoeg vrije tijd")),
    ("autonomy", _("zelfstandig werken")),
    ("security", _("zekerheid")),
    ("appreciation", _("waardering krijgen")),
    ("alone", _("alleen werken")),
)


def _scale(*sentences: Promise) -> tuple[tuple[str, Promise], ...]:
    return tuple((str(n), sentence) for n, sentence in enumerate(sentences, start=1))


# The six work attitudes of the interview (theme 6), a sentence per level 1-4.
ATTITUDES: tuple[Field, ...] = (
    Field(
        "attitude_cooperation",
        _("Samenwerken op het werk"),
        _("Samenwerken"),
        _scale(
            _("Ik werk liever alleen; samenwerken vind ik moeilijk en niet belangrijk."),
            _("Samenwerken vind ik belangrijk, maar het lukt me nog niet goed."),
            _("In een groep samenwerken lukt me meestal zonder problemen."),
            _("Ik werk vlot samen: ik begrijp anderen en kan mijn ideeën uitleggen."),
        ),
        single=True,
    ),
    Field(
        "attitude_contact",
        _("Contact leggen"),
        _("Contact leggen"),
        _scale(
            _("Ik zet zelden de eerste stap om met iemand te praten."),
            _("Contact leggen is moeilijk; als het moet, praat ik mee."),
            _("Ik begin makkelijk een gesprek met collega's."),
            _("Ik praat heel makkelijk met collega's en ook met andere mensen."),
        ),
        single=True,
    ),
    Field(
        "attitude_boss",
        _("Omgaan met leidinggevenden"),
        _("Omgaan met mijn baas"),
        _scale(
            _("Met een baas omgaan is moeilijk; ik voel me dan niet vrij."),
            _("Ik doe mijn best met mijn baas, maar soms botst het."),
            _("Opdrachten of opmerkingen van mijn baas zijn voor mij geen probleem."),
            _("Ik aanvaard mijn baas en zeg op een goede manier als ik niet akkoord ga."),
        ),
        single=True,
    ),
    Field(
        "attitude_responsibility",
        _("Verantwoordelijkheid"),
        _("Verantwoordelijkheid"),
        _scale(
            _("Of mijn werk goed af is, maakt me weinig uit."),
            _("Ik doe wat gevraagd wordt; fouten lost mijn baas op."),
            _("Ik wil mijn werk goed afwerken; mijn baas moet zelden iets verbeteren."),
            _("Ik werk alles goed af en let er ook op dat collega's dat doen."),
        ),
        single=True,
    ),
    Field(
        "attitude_materials",
        _("Zorg voor materiaal en werkplek"),
        _("Zorg voor mijn materiaal"),
        _scale(
            _("Ik ruim weinig op en mijn werkplek is vaak vuil."),
            _("Ik gebruik materiaal juist, maar moet aan opruimen herinnerd worden."),
            _("Ik zorg voor mijn materiaal en ruim meestal zelf op."),
            _("Orde en netheid zijn belangrijk voor mij; ik vraag collega's er ook op te letten."),
        ),
        single=True,
    ),
    Field(
        "attitude_rules",
        _("Regels en afspraken op het werk"),
        _("Regels en afspraken"),
        _scale(
            _("Regels vind ik lastig; ik overtreed er bijna elke dag een."),
            _("Ik probeer de regels te volgen, maar vergeet ze een paar keer per week."),
            _("Ik hou me zo goed mogelijk aan de regels."),
            _("Regels volgen gaat vanzelf; ik denk mee als een regel beter kan."),
        ),
        single=True,
    ),
)

INTERVIEW_THEMES: tuple[Field, ...] = (
    Field("theme_job", _("Thema 1. Mijn job"), _("Mijn job")),
    Field("theme_learning", _("Thema 2. Werkoriëntatie en leren"), _("Hoe ik leer")),
    Field("theme_energy", _("Thema 3. Energie en motivatie"), _("Wat mij energie geeft")),
    Field("theme_conditions", _("Thema 4. Randvoorwaarden"), _("Waar we rekening mee houden")),
    Field("theme_performance", _("Thema 5. Arbeidsprestaties"), _("Waar ik goed in ben")),
    Field("theme_attitudes", _("Thema 6. Arbeidsattitudes"), _("Hoe ik werk")),
    Field("theme_ownership", _("Thema 7. Eigen regie over de loopbaan"), _("Zelf kiezen")),
    Field("theme_future", _("Thema 8. Toekomst en droomjob"), _("Mijn droomjob")),
)

TEXT_SHEETS: dict[str, tuple[Field, ...]] = {
    WorksheetKind.INTERVIEW: INTERVIEW_THEMES[:2]
    + (
        INTERVIEW_THEMES[2],
        Field(
            "motivation",
            _("Motivatie: wat motiveert je om hier te werken?"),
            _("Dit motiveert mij"),
            MOTIVATION,
        ),
    )
    + INTERVIEW_THEMES[3:6]
    + ATTITUDES
    + INTERVIEW_THEMES[6:],
    WorksheetKind.HAND: (
        Field("thumb", _("Duim: waar ben je goed in?"), _("Hier ben ik goed in")),
        Field("index", _("Wijsvinger: waar wil je naartoe?"), _("Hier wil ik naartoe")),
        Field("middle", _("Middelvinger: waar heb je een hekel aan?"), _("Dit doe ik niet graag")),
        Field("ring", _("Ringvinger: waar ben je trouw aan?"), _("Hier ben ik trouw aan")),
        Field("little", _("Pink: waarin voel je je klein?"), _("Hier voel ik me klein in")),
    ),
    WorksheetKind.AI_DREAM: (
        Field("story", _("Succesverhaal"), _("Mijn succesverhaal")),
        Field("strengths", _("Sterktes en talenten in het verhaal"), _("Mijn sterktes")),
        Field("dream", _("Samenvatting van de droom"), _("Mijn droom")),
    ),
    WorksheetKind.KLOKWIJS: (
        Field("day", _("Een gewone dag: wat doe je wanneer?"), _("Mijn dag")),
        Field("want", _("Wat zou je op die momenten graag doen?"), _("Dit wil ik graag doen")),
        Field("can", _("Wat kan je goed op die momenten?"), _("Dit kan ik goed")),
    ),
    WorksheetKind.PRAATPLAAT: (
        Field("focus", _("Waar wil je op focussen?"), _("Hier wil ik op letten")),
        Field("motivation", _("Wat motiveert je?"), _("Dit geeft me zin in werken")),
        Field("tasks", _("Welke taken doe je graag?"), _("Deze taken doe ik graag")),
        Field(
            "conditions",
            _("Welke werkomstandigheden vind je belangrijk?"),
            _("Dit vind ik belangrijk in mijn werk"),
            WORK_CONDITIONS,
        ),
    ),
}


def readable_answers(kind: str, answers: dict) -> list[tuple[Field, str]]:
    """The answers in the sheet's order, checklists spelled out."""
    rows = []
    for field in TEXT_SHEETS.get(kind, ()):
        value = answers.get(field.key, "")
        if field.single:
            labels = dict(field.choices)
            value = f"{value} – {labels[value]}" if value in labels else ""
        elif field.choices:
            labels = dict(field.choices)
            value = ", ".join(str(labels[v]) for v in value if v in labels)
        rows.append((field, value))
    return rows


# Vaardighedenspel form III (§5.5) --------------------------------------------

TRAINING_CELLS = frozenset({6, 7, 11, 12})
BURN_OUT_CELLS = frozenset({4, 5})
SLIDING_CELLS = frozenset({11, 12})
LIKED_CELLS = frozenset({1, 2, 6, 7, 11, 12})
DISLIKED_CELLS = frozenset({4, 5, 9, 10, 14, 15})


@dataclass
class SkillSignals:
    training: list[str]
    burn_out: list[str]
    may_slide: list[str]
    liked: int
    disliked: int

    @property
    def burn_out_risk(self) -> bool:
        return bool(self.burn_out)


def skill_signals(placements: Iterable[SkillPlacement]) -> SkillSignals:
    placements = list(placements)
    return SkillSignals(
        training=[p.skill for p in placements if p.cell in TRAINING_CELLS],
        burn_out=[
            p.skill
            for p in placements
            if p.cell in BURN_OUT_CELLS and p.frequency in (Frequency.OFTEN, Frequency.REGULARLY)
        ],
        may_slide=[
            p.skill
            for p in placements
            if p.cell in SLIDING_CELLS and p.frequency in (Frequency.NEVER, Frequency.SOMETIMES)
        ],
        liked=sum(p.cell in LIKED_CELLS for p in placements),
        disliked=sum(p.cell in DISLIKED_CELLS for p in placements),
    )


def skill_grid(placements: Iterable[SkillPlacement]) -> list[list[tuple[int, list[str]]]]:
    """Three rows (mastery) of five cells (enjoyment), each with its skills."""
    by_cell: dict[int, list[str]] = {cell: [] for cell in range(1, 16)}
    for p in placements:
        by_cell[p.cell].append(p.skill)
    return [[(cell, by_cell[cell]) for cell in range(row * 5 + 1, row * 5 + 6)] for row in range(3)]


# Zinvolheids- en haalbaarheidsscan (§5.7) ------------------------------------


@dataclass
class ScanScore:
    action: ScanAction
    worker_total: int | None
    coach_total: int | None

    @property
    def total(self) -> int:
        return (self.worker_total or 0) + (self.coach_total or 0)

    @property
    def complete(self) -> bool:
        return self.worker_total is not None and self.coach_total is not None

    @property
    def agreed(self) -> bool:
        """Worker and coach gave the same points on both meaningfulness and feasibility."""
        a = self.action
        return self.complete and (a.worker_meaning, a.worker_feasibility) == (
            a.coach_meaning,
            a.coach_feasibility,
        )


def _pair(meaning: int | None, feasibility: int | None) -> int | None:
    if meaning is None or feasibility is None:
        return None
    return meaning + feasibility


def scan_score(action: ScanAction) -> ScanScore:
    return ScanScore(
        action=action,
        worker_total=_pair(action.worker_meaning, action.worker_feasibility),
        coach_total=_pair(action.coach_meaning, action.coach_feasibility),
    )


def scan_ranking(actions: Iterable[ScanAction]) -> list[ScanScore]:
    """Best first: agreed actions before the rest, then by total points."""
    scores = [scan_score(a) for a in actions]
    return sorted(scores, key=lambda s: (not s.agreed, -s.total, s.action.pk or 0))


# SMART (§5.8) ---------------------------------------------------------------------


def smart_by_challenge(actions: Iterable[SmartAction]) -> list[tuple[str, list[SmartAction]]]:
    """Per challenge (in order of appearance) its actions, highest total ZV + HB first."""
    groups: dict[str, list[SmartAction]] = {}
    for action in actions:
        groups.setdefault(action.challenge, []).append(action)
    return [
        (challenge, sorted(rows, key=lambda a: (-a.total, a.pk or 0)))
        for challenge, rows in groups.items()
    ]


def smart_too_many(challenges: Iterable[str]) -> list[str]:
    """Challenges that got more than the ten actions SMART allows."""
    counts: dict[str, int] = {}
    for challenge in challenges:
        counts[challenge] = counts.get(challenge, 0) + 1
    return [c for c, n in counts.items() if n > MAX_SMART_ACTIONS]


# Competentiemeting (§5.6) -----------------------------------------------------

RATER_PITFALLS: tuple[tuple[Promise, Promise], ...] = (
    (_("Alles in het midden"), _("Durf een uitgesproken score te geven als je dat zo ziet.")),
    (_("Te mild"), _("Niet iedereen overal hoog: kijk naar wat je echt ziet.")),
    (_("Te streng"), _("Meet aan wat de functie vraagt, niet aan je eigen hoge lat.")),
    (
        _("Persoonlijke omstandigheden"),
        _("Beoordeel het gedrag op het werk, niet de zorgen van jezelf of van de werknemer."),
    ),
    (_("Eén trek kleurt alles"), _("Schat elke competentie apart in.")),
    (_("'Men zegt'"), _("Geef je eigen oordeel, op basis van wat je zelf zag.")),
    (_("Projectie"), _("Je eigen sterktes of zwaktes mogen niet zwaarder doorwegen.")),
    (_("Vooroordelen"), _("Leeftijd, afkomst, geslacht of beperking spelen geen rol.")),
    (_("Vorige oordelen"), _("Mensen veranderen: kijk naar hoe het nu gaat.")),
    (_("Vergelijken met de vorige"), _("Laat de vorige werknemer je score niet kleuren.")),
    (_("Haast"), _("Neem de tijd; een snelle score mist informatie.")),
)


@dataclass
class Difference:
    """The worker's own score against one other rater's."""

    rater: str
    value: int | None

    @property
    def differs(self) -> bool:
        return self.value is not None and self.value != 0

    @property
    def differs_much(self) -> bool:
        return self.value is not None and abs(self.value) >= 2


@dataclass
class Comparison:
    rating: CompetenceRating
    coach: Difference
    floor: Difference

    @property
    def differs_much(self) -> bool:
        return self.coach.differs_much or self.floor.differs_much

    @property
    def growth(self) -> int | None:
        r = self.rating
        if r.self_now is None or r.self_wanted is None:
            return None
        return r.self_wanted - r.self_now


def compare_ratings(ratings: Sequence[CompetenceRating]) -> list[Comparison]:
    """Self against coach and self against floor supervisor, never one voice for two."""
    return [
        Comparison(
            rating=r,
            coach=Difference(Rater.COACH, r.difference(Rater.COACH)),
            floor=Difference(Rater.FLOOR, r.difference(Rater.FLOOR)),
        )
        for r in ratings
    ]


def sheet_context(worksheet: Worksheet) -> dict:
    """What a worksheet page or its print version shows, read from prefetched rows."""
    kind = worksheet.kind
    context: dict = {"worksheet": worksheet, "trajectory": worksheet.trajectory}
    if kind in TEXT_SHEETS:
        context["answers"] = readable_answers(kind, worksheet.answers)
    elif kind == WorksheetKind.QUALITIES:
        picks = list(worksheet.quality_picks.all())
        context["qualities"] = [p for p in picks if p.kind == "quality"]
        context["pitfalls"] = [p for p in picks if p.kind == "pitfall"]
    elif kind == WorksheetKind.SKILLS:
        skills = list(worksheet.skills.all())
        context["grid"] = skill_grid(skills)
        context["signals"] = skill_signals(skills)
    elif kind == WorksheetKind.COMPETENCES:
        context["comparisons"] = compare_ratings(list(worksheet.ratings.all()))
    elif kind == WorksheetKind.SCAN:
        context["ranking"] = scan_ranking(worksheet.scan_actions.all())
    elif kind == WorksheetKind.SMART:
        context["challenges"] = smart_by_challenge(worksheet.smart_actions.all())
    elif kind == WorksheetKind.FOUR_IN_ROW:
        context["lights"] = list(worksheet.ratings.all())
    return context
