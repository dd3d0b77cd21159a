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
    hint: Promise | str = ""  # the seed's guiding questions, shown to the coach as a prompt


# Praatplaat (§5.13): the 28 working conditions on the poster, in its order.
WORK_CONDITIONS: tuple[tuple[str, Promise], ...] = (
    ("inside", _("Ik werk graag binnen")),
    ("outside", _("Ik werk graag buiten")),
    ("heavy", _("Ik wil zwaar werk doen")),
    ("light", _("Ik wil licht werk doen")),
    ("people", _("Ik wil met mensen werken")),
    ("machines", _("Ik wil met machines werken")),
    ("alone", _("Ik werk graag alleen")),
    ("together", _("Ik werk graag samen met andere mensen")),
    ("few_people", _("Ik heb liefst weinig mensen rond mij")),
    ("many_people", _("Ik heb liefst veel mensen rond mij")),
    ("help_near", _("Ik heb graag iemand in de buurt om mij te helpen")),
    ("watched", _("Ik word zenuwachtig als iemand op mijn vingers staat te kijken")),
    ("same_tasks", _("Ik doe graag dezelfde taken")),
    ("varied_tasks", _("Ik doe graag verschillende taken")),
    ("same_place", _("Ik werk liefst altijd op dezelfde plaats")),
    ("varied_places", _("Ik werk graag op verschillende plaatsen")),
    ("full_days", _("Ik wil hele dagen werken")),
    ("half_days", _("Ik wil halve dagen werken")),
    ("fixed_hours", _("Ik wil elke dag op hetzelfde uur beginnen en stoppen met werken")),
    ("shifts", _("Ik wil ploegenwerk doen: afwisselend voormiddag en namiddag")),
    ("night", _("Ik wil nachtwerk doen")),
    ("weekend", _("Ik wil weekendwerk doen")),
    ("near_home", _("Mijn werk moet dicht bij huis zijn")),
    ("further", _("Mijn werk mag wat verder van huis zijn")),
    ("on_foot", _("Ik ga liefst te voet naar mijn werk")),
    ("bike", _("Ik ga liefst met de fiets naar mijn werk")),
    ("bus_train", _("Ik ga liefst met de bus of de trein naar mijn werk")),
    ("car", _("Ik ga liefst met mijn auto naar het werk")),
)

# Praatplaat step 2: where the worker wants to work towards, and why they want to work.
FOCUS: tuple[tuple[str, Promise], ...] = (
    ("regular", _("vast werk in een gewoon bedrijf (NEC)")),
    ("sheltered", _("vast werk in een maatwerkbedrijf (BW)")),
    ("training", _("verder leren: een opleiding")),
)

WORK_MOTIVATION: tuple[tuple[str, Promise], ...] = (
    ("belong", _("erbij horen")),
    ("occupation", _("iets om handen hebben")),
    ("money", _("geld verdienen")),
    ("meet", _("mensen leren kennen")),
    ("learn", _("nieuwe dingen leren")),
    ("show", _("laten zien wat ik kan")),
    ("other", _("iets anders")),
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


# The six work attitudes of the interview (theme 6), the seed's statement per level 1-4
# (§5.2, lines 2805-2870), lightly shortened.
ATTITUDES: tuple[Field, ...] = (
    Field(
        "attitude_cooperation",
        _("Samenwerken op het werk"),
        _("Samenwerken"),
        _scale(
            _(
                "Ik werk het liefst alleen. Ik vind samenwerken met anderen moeilijk en niet "
                "belangrijk."
            ),
            _(
                "Ik vind samenwerken belangrijk. Toch vind ik het moeilijk om samen te werken "
                "en het werk vooruit te laten gaan."
            ),
            _("Ik kan samenwerken binnen een groep. Normaal geeft dat geen problemen."),
            _(
                "Ik kan goed samenwerken. Ik probeer anderen te begrijpen en ik kan mijn ideeën "
                "aan anderen doorgeven."
            ),
        ),
        single=True,
    ),
    Field(
        "attitude_contact",
        _("Contacten leggen"),
        _("Contact leggen"),
        _scale(
            _(
                "Ik leg weinig contact met andere mensen. Ik zet nooit de eerste stap om een "
                "gesprek te beginnen."
            ),
            _(
                "Ik vind contact leggen moeilijk. Als het nodig is, neem ik deel aan een gesprek "
                "met mijn collega's."
            ),
            _("Ik leg gemakkelijk contact met mijn collega's en begin makkelijk een gesprek."),
            _(
                "Ik leg zeer gemakkelijk contact met mijn collega's. Ook met andere mensen begin "
                "ik gemakkelijk een gesprek."
            ),
        ),
        single=True,
    ),
    Field(
        "attitude_boss",
        _("Omgaan met leidinggevenden"),
        _("Omgaan met mijn baas"),
        _scale(
            _("Ik kan moeilijk omgaan met een baas. Door een baas kan ik niet vrij genoeg zijn."),
            _(
                "Ik doe mijn best om met een baas om te gaan, maar dat lukt niet altijd. Soms "
                "heb ik een conflict met mijn baas."
            ),
            _(
                "Ik heb er geen moeite mee dat een baas mij opdrachten geeft en mij soms op de "
                "vingers tikt."
            ),
            _(
                "Op het werk is er altijd een baas nodig. Als ik niet akkoord ga, zeg ik mijn "
                "mening op een correcte manier."
            ),
        ),
        single=True,
    ),
    Field(
        "attitude_responsibility",
        _("Verantwoordelijkheid"),
        _("Verantwoordelijkheid"),
        _scale(
            _("Het kan mij weinig schelen of mijn werk goed gedaan is of niet."),
            _(
                "Ik doe wat mij gevraagd wordt. Is het niet goed, dan moet mijn baas het maar "
                "oplossen; hij moet mijn werk regelmatig verbeteren."
            ),
            _(
                "Ik doe mijn werk zo goed mogelijk en vind het belangrijk dat het goed afgewerkt "
                "is. Mijn baas moet mijn werk niet vaak verbeteren."
            ),
            _(
                "Ik werk mijn werk af en vind het belangrijk dat het goed gedaan is; mijn baas "
                "moet het niet meer verbeteren. Ik vind het belangrijk dat mijn collega's hun "
                "werk ook goed afwerken."
            ),
        ),
        single=True,
    ),
    Field(
        "attitude_materials",
        _("Zorg dragen voor het materieel en de werkomgeving"),
        _("Zorg voor mijn materiaal"),
        _scale(
            _(
                "Ik ben nogal slordig. Opruimen is niets voor mij: mijn materieel slingert "
                "overal rond, ik maak het niet schoon en mijn werkplek ligt er vuil bij."
            ),
            _(
                "Ik gebruik het materieel waarvoor het dient en maak het schoon als het nodig is. "
                "De baas moet me steeds zeggen dat ik moet opruimen, anders laat ik het slingeren."
            ),
            _(
                "Ik draag zorg voor het materieel: ik gebruik het waarvoor het dient, maak het "
                "schoon als het nodig is en ruim het meestal op."
            ),
            _(
                "Ik draag zorg voor het materieel. Orde en netheid vind ik heel belangrijk; mijn "
                "werkplek is proper. Ik vraag mijn collega's hier ook aandacht voor te hebben."
            ),
        ),
        single=True,
    ),
    Field(
        "attitude_rules",
        _("Regels en afspraken op het werk"),
        _("Regels en afspraken"),
        _scale(
            _(
                "Ik kan moeilijk omgaan met regels en afspraken; ik vind ze heel lastig. Elke "
                "dag overtreed ik minstens één afspraak."
            ),
            _(
                "Ik probeer me aan regels en afspraken te houden, maar ze moeten regelmatig "
                "herhaald worden. Ik overtreed ze minstens een paar keer per week."
            ),
            _(
                "Ik hou me zo goed mogelijk aan regels en afspraken. Ik doe wat van mij "
                "gevraagd wordt."
            ),
            _(
                "Ik heb geen moeite met regels en afspraken en pas me goed aan. Als het beter is "
                "voor het werk, pas ik ze uitzonderlijk zelfs aan."
            ),
        ),
        single=True,
        hint=_("Bijvoorbeeld: roken, op tijd beginnen en stoppen, 's middags op het werk blijven."),
    ),
)

ATTITUDES_NOTE = _(
    "Let op: dit is geen objectieve meting maar hoe de werknemer zichzelf ziet. Toets het "
    "daarom, bijvoorbeeld bij de werkvloerbegeleider of met een competentiemeting."
)

# The eight themes (§5.2 step 1, lines 2627-2708) with the seed's guiding questions of
# step 2 (lines 2712-3169) as prompts, in our own words where the text is long.
INTERVIEW_THEMES: tuple[Field, ...] = (
    Field(
        "theme_job",
        _("Thema 1. Mijn job"),
        _("Mijn job"),
        hint=_(
            "Welke job doe je, hoe ziet je dag eruit, wat zijn je taken? Wat vind je van je "
            "arbeidsvoorwaarden (uren, loon, verlof, contract, onkosten, werk en privé)? En van "
            "je arbeidsomstandigheden (veiligheid, hygiëne, materiaal, werkkledij, respect en "
            "sfeer)? Wat zou je graag anders zien?"
        ),
    ),
    Field(
        "theme_learning",
        _("Thema 2. Werkoriëntatie en leervermogen"),
        _("Hoe ik leer"),
        hint=_(
            "Wat moest je leren voor deze job, en hoe (uitleg, voordoen, zelf proberen)? Wat "
            "leer je makkelijk of moeilijk? Welke andere jobs zijn er in het bedrijf en wat "
            "houden ze in? Ken je andere bedrijven in de sector?"
        ),
    ),
    Field(
        "theme_energy",
        _("Thema 3. Energie en motivatie"),
        _("Wat mij energie geeft"),
        hint=_(
            "Wat vind je leuk aan je job, welke taken doe je graag, waar haal je energie uit? "
            "Wat demotiveert je, wat zijn energievreters? (Bij iets dat energie geeft, vliegt "
            "de tijd en geniet je van wat je doet.)"
        ),
    ),
    Field(
        "theme_conditions",
        _("Thema 4. Randvoorwaarden"),
        _("Waar we rekening mee houden"),
        hint=_(
            "Zijn er lichamelijke of psychische klachten waarmee we rekening houden? Hoe kom je "
            "naar het werk? Zijn er gezinsverplichtingen (kinderen, zorg voor ouders)?"
        ),
    ),
    Field(
        "theme_performance",
        _("Thema 5. Arbeidsprestaties (competenties)"),
        _("Waar ik goed in ben"),
        hint=_(
            "Welke jobs deed je vroeger? Waar ben je goed in? Waar vinden je collega's dat je "
            "goed in bent? (Een eerste aanzet; een competentiemeting gaat dieper.)"
        ),
    ),
    Field(
        "theme_attitudes",
        _("Thema 6. Zelfredzaamheid op de werkvloer (arbeidsattitudes)"),
        _("Hoe ik werk"),
        hint=ATTITUDES_NOTE,
    ),
    Field(
        "theme_ownership",
        _("Thema 7. Mate van empowerment – 1. Neemt de werknemer de eigen loopbaan in handen?"),
        _("Zelf mijn loopbaan kiezen"),
        hint=_(
            "Eerste contact: hoe ziet een ideale werkdag eruit? Welk werk wil je na deze "
            "begeleiding doen (hoe concreet is het beeld)? Al gekend: wat is het hoofddoel van "
            "je POP, waarom ga je het halen, wat kan het moeilijk maken? Peil naar realistische "
            "verwachtingen."
        ),
    ),
    Field(
        "theme_support",
        _(
            "Thema 7. Mate van empowerment – 2. Nood aan steun in het contact met de werkplaatsleider?"
        ),
        _("Praten met mijn werkplaatsleider"),
        hint=_(
            "Eerste contact: stel jezelf kort en krachtig voor, met voorbeelden; let op "
            "oogcontact, houding, manier van spreken en of de werknemer zich laat sturen. Al "
            "gekend: had je al discussies met je werkplaatsleider, waarover? Haalde je je "
            "POP-doelen op het werk? Vind je jezelf terug in zijn opmerkingen, zei je dat?"
        ),
    ),
    Field(
        "theme_network",
        _("Thema 7. Mate van empowerment – 3. Een netwerk dat de loopbaan stimuleert?"),
        _("Mensen die mij helpen groeien"),
        hint=_(
            "Groei: wat zou je in je werk ook graag kunnen? Praat je daarover met collega's, "
            "geven ze je tips, bewonder je iemand om zijn werk? Doorgroei: praat je met collega's "
            "over later, hebben jullie dezelfde interesses, heb je nog contact met wie "
            "doorstroomde?"
        ),
    ),
    Field(
        "theme_future",
        _("Thema 8. Toekomst"),
        _("Mijn droomjob"),
        hint=_(
            "Hoe zie je je loopbaan evolueren? Wat doe je binnen vijf jaar? Wat is je droomjob?"
        ),
    ),
)

TEXT_SHEETS: dict[str, tuple[Field, ...]] = {
    WorksheetKind.INTERVIEW: INTERVIEW_THEMES[:3]
    + (
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
        # The core of the dream in the seed's three parts (§5.1, lines 2483-2490).
        Field(
            "dream",
            _("De droom: wat is anders en beter dan vandaag?"),
            _("Dit is anders en beter in mijn droom"),
        ),
        Field(
            "dream_essential",
            _("Wat is onmisbaar, opdat de droom niet uiteenspat?"),
            _("Dit mag niet ontbreken"),
        ),
        Field(
            "dream_new",
            _("Welke nieuwe dingen hebben jullie ontdekt?"),
            _("Dit ontdekte ik"),
        ),
    ),
    # Droompagina step 2 (§5.10, lines 5620-5643): the questions over the chosen pictures.
    WorksheetKind.DREAM_PAGE: (
        Field(
            "dream_real",
            _(
                "Kan die droom werkelijkheid worden? Zo ja: wat moet je daarvoor doen? "
                "Zo nee: wat kan je wel doen om dichter bij die droom te komen?"
            ),
            _("Zo kom ik dichter bij mijn droom"),
        ),
        Field(
            "dream_now",
            _("Aan welke prent kan je nu al werken? Wat moet je daarvoor doen?"),
            _("Hier kan ik nu al aan werken"),
        ),
    ),
    # Mijn prentenbeeld step 2 (§5.11, lines 5735-5752).
    WorksheetKind.SELF_PICTURES: (
        Field(
            "side",
            _("Is dat een goede of een minder goede kant van jezelf? Waarom?"),
            _("Mijn goede en minder goede kanten"),
        ),
        Field(
            "improve",
            _("Zou je jezelf daarin nog willen of kunnen verbeteren? Hoe dan?"),
            _("Hier wil ik beter in worden, en zo"),
        ),
    ),
    WorksheetKind.KLOKWIJS: (
        Field("day", _("Een gewone dag: wat doe je wanneer?"), _("Mijn dag")),
        Field("want", _("Wat zou je op die momenten graag doen?"), _("Dit wil ik graag doen")),
        Field("can", _("Wat kan je goed op die momenten?"), _("Dit kan ik goed")),
    ),
    WorksheetKind.PRAATPLAAT: (
        Field(
            "conditions",
            _("Stap 1: welke werkomstandigheden vind je belangrijk? (meerdere mag)"),
            _("Dit vind ik belangrijk in mijn werk"),
            WORK_CONDITIONS,
        ),
        Field("focus", _("Focus: waar wil je naartoe werken?"), _("Hier wil ik naartoe"), FOCUS),
        Field(
            "motivation",
            _("Motivatie: waarom wil je graag werken of verder leren?"),
            _("Hierom wil ik werken"),
            WORK_MOTIVATION,
        ),
        Field("motivation_other", _("Iets anders, namelijk"), _("Ook nog")),
        Field("tasks", _("Welke taken doe je graag?"), _("Deze taken doe ik graag")),
    ),
    # Vaardighedenspel (§5.5, lines 3536-3700): forms I and II and step 4 of form III
    # beside the matrix of form III.
    WorksheetKind.SKILLS: (
        Field(
            "form1_rows",
            _(
                "Vorm I – vaardigheden in de functie: welke gebruik je vaak, welke regelmatig, "
                "welke soms?"
            ),
            _("Zo vaak gebruik ik mijn vaardigheden"),
            hint=_(
                "Per kaart: wat houdt de vaardigheid in, is ze van belang in mijn functie, wanneer "
                "gebruik ik ze? Ga door tot er vijftien in de bovenste rij liggen."
            ),
        ),
        Field(
            "form1_talk",
            _(
                "Vorm I – bespreken: welke vaardigheden zijn nieuw? Nieuwe inzichten over je "
                "functie? Wat zou je vaker willen gebruiken?"
            ),
            _("Dit ontdekte ik over mijn werk"),
        ),
        Field(
            "form2_profile",
            _(
                "Vorm II – vaardighedenprofiel: de (hoogstens) vijf belangrijkste die je goed, "
                "redelijk en onvoldoende beheerst"
            ),
            _("Mijn vaardigheden: goed, redelijk, nog niet genoeg"),
        ),
        Field(
            "form2_improve",
            _("Vorm II – hoe kan je de vaardigheden van de tweede en derde rij verbeteren?"),
            _("Zo word ik beter"),
            hint=_(
                "Vervolg: een profiel van twee jaar geleden en een gewenst profiel over twee jaar; "
                "welke functie past het best bij het gewenste profiel?"
            ),
        ),
        Field(
            "form3_step4",
            _(
                "Vorm III, stap 4 – welke opzijgelegde vaardigheden vind je leuk? Kan je die in je "
                "functie genoeg toepassen (vergelijk met vak 1, 2, 6, 7, 11 en 12)?"
            ),
            _("Leuke vaardigheden die ik nog te weinig gebruik"),
        ),
    ),
}


# What the worker may do at home, on their phone (§4.5.3.2-3 "huiswerkoefeningen";
# §5.10-5.11 pictures; §5.13: Praatplaat step 1 "kan ook als huiswerk").
HOMEWORK_FIELDS: dict[str, tuple[str, ...]] = {
    WorksheetKind.PICTURES: (),
    WorksheetKind.DREAM_PAGE: (),
    WorksheetKind.SELF_PICTURES: (),
    WorksheetKind.PRAATPLAAT: ("conditions",),
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
        """Worker and coach each ticked that they agree with this action (§5.7 step 3)."""
        return self.action.worker_agrees and self.action.coach_agrees


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
    """Most points first (worker's and coach's together); equal scores from both weigh
    nothing extra: the seed chooses on the highest points and on what both agree with,
    and agreement is each one's explicit tick, shown beside the total."""
    scores = [scan_score(a) for a in actions]
    return sorted(scores, key=lambda s: (-s.total, s.action.pk or 0))


# SMART (§5.8) ---------------------------------------------------------------------


# §5.8 D: questions that help a worker carry out what they set out to do.
SMART_QUESTIONS: tuple[Promise, ...] = (
    _("Passen deze voornemens bij het doel van de werknemer?"),
    _("Onder welke omstandigheden lukt het voornemen het best?"),
    _("Hoeveel tijd geeft de werknemer zichzelf?"),
    _("Wat zijn de mogelijke valkuilen op de weg?"),
    _("Op welke manier saboteert de werknemer vaak het eigen voornemen?"),
    _("Hoe en wanneer evalueert de werknemer de eigen activiteiten?"),
    _("Hoe beloont de werknemer zichzelf als de voornemens en doelen bereikt zijn?"),
)


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
    if kind == WorksheetKind.QUALITIES:
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
        context["competence_pictures"] = list(worksheet.competence_pictures.all())
    return context
