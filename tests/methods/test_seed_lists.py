"""The app's lists held against the draaiboek's (seed 002). Each expected list is
the seed's, in its order, with the line numbers it comes from; a word from each seed
item must be in the app's item, so a list of the app's own making fails."""

from __future__ import annotations

from methods.sheets import FOCUS, TEXT_SHEETS, WORK_CONDITIONS, WORK_MOTIVATION

# §5.13 Praatplaat, "favoriete werkomgeving en arbeidsomstandigheden" (lines 5999-6067).
SEED_CONDITIONS = [
    "binnen",
    "buiten",
    "zwaar werk",
    "licht werk",
    "met mensen",
    "met machines",
    "alleen",
    "samen met andere",
    "weinig mensen",
    "veel mensen",
    "iemand in de buurt om mij te helpen",
    "zenuwachtig",
    "dezelfde taken",
    "verschillende taken",
    "dezelfde plaats",
    "verschillende plaatsen",
    "hele dagen",
    "halve dagen",
    "hetzelfde uur",
    "ploegenwerk",
    "nachtwerk",
    "weekendwerk",
    "dicht bij huis",
    "verder van huis",
    "te voet",
    "fiets",
    "bus of de trein",
    "auto",
]
# Focus (lines 5975-5981) and motivation (lines 5983-5996).
SEED_FOCUS = ["NEC", "BW", "opleiding"]
SEED_MOTIVATION = [
    "erbij horen",
    "iets om handen",  # "een bezigheid"
    "geld verdienen",
    "mensen leren kennen",
    "nieuwe dingen leren",
    "laten zien wat ik kan",
    "anders",
]


def _matches(app: tuple, seed: list[str]) -> None:
    labels = [str(label) for _, label in app]
    assert len(labels) == len(seed)
    for label, words in zip(labels, seed, strict=True):
        assert words in label, (words, label)


def test_praatplaat_holds_the_seeds_28_working_conditions_in_order():
    _matches(WORK_CONDITIONS, SEED_CONDITIONS)


def test_praatplaat_focus_has_three_choices_and_motivation_seven():
    _matches(FOCUS, SEED_FOCUS)
    _matches(WORK_MOTIVATION, SEED_MOTIVATION)
    fields = {f.key: f for f in TEXT_SHEETS["praatplaat"]}
    assert fields["focus"].choices == FOCUS and fields["motivation"].choices == WORK_MOTIVATION
    assert fields["conditions"].choices == WORK_CONDITIONS


# §5.2 Criteriumgericht interview: the eight themes (lines 2627-2708).
SEED_THEMES = [
    "Mijn job",
    "Werkoriëntatie en leervermogen",
    "Energie en motivatie",
    "Randvoorwaarden",
    "Arbeidsprestaties (competenties)",
    "arbeidsattitudes",
    "Mate van empowerment",
    "Toekomst",
]


def test_the_interview_holds_the_eight_themes_with_their_guiding_questions():
    from methods.sheets import INTERVIEW_THEMES

    themes: dict[int, list[str]] = {}
    for field in INTERVIEW_THEMES:
        number = int(str(field.label).split(".")[0].removeprefix("Thema "))
        themes.setdefault(number, []).append(str(field.label))
        assert field.hint, field.key  # the seed's questions as a prompt
    assert sorted(themes) == list(range(1, 9))
    for number, words in enumerate(SEED_THEMES, start=1):
        assert all(words in label for label in themes[number]), (number, themes[number])
    # Theme 7 in its three parts (lines 3073-3160).
    assert len(themes[7]) == 3
    for part in ("loopbaan in handen", "werkplaatsleider", "netwerk"):
        assert any(part in label for label in themes[7])


def test_the_attitude_levels_keep_the_seeds_wording():
    from methods.sheets import ATTITUDES, ATTITUDES_NOTE

    levels = {f.key: [str(label) for _, label in f.choices] for f in ATTITUDES}
    assert len(levels) == 6 and all(len(v) == 4 for v in levels.values())
    # Not softened: the seed says "overtreed", not "vergeet" (lines 2861-2866).
    assert "overtreed ik minstens één afspraak" in levels["attitude_rules"][0]
    assert "overtreed ze minstens een paar keer per week" in levels["attitude_rules"][1]
    assert "Het kan mij weinig schelen" in levels["attitude_responsibility"][0]
    assert levels["attitude_materials"][0].startswith("Ik ben nogal slordig")
    assert "geen objectieve meting" in str(ATTITUDES_NOTE)


# §5.6 D: the eleven rater pitfalls (lines 4090-4282), in order.
SEED_PITFALLS = [
    "midden",  # centrale tendens
    "mild",
    "streng",
    "Persoonlijke",
    "kleurt alles",  # besmetting
    "Men zegt",
    "Projectie",
    "Vooroordelen",
    "Vorige oordelen",
    "vorige",  # contrasteffect
    "Haast",
]


def test_the_eleven_rater_pitfalls_follow_the_seed():
    from methods.sheets import RATER_PITFALLS

    assert len(RATER_PITFALLS) == 11
    for (name, tip), words in zip(RATER_PITFALLS, SEED_PITFALLS, strict=True):
        assert words.lower() in (str(name) + str(tip)).lower(), (words, name)


# §4.5.3.1-4.5.3.5 (lines 1840-2229): every talk of every variant in order, as
# (contact moment or between-talk kind, phase, words from its goals, suggested methods).
OPSTART = (
    0,
    "opstart",
    ["Kennismaken", "Vertrouwen", "Wat een POP is", "collectieve infosessie"],
    [],
)
INTERIM = ("interim", "analyse", ["werkvloerbegeleider"], ["competentiemeting"])
CAN = ["kwaliteitenspel", "vaardighedenspel", "competentiemeting", "zelfinschatting-competenties"]
OPTIONS = ["zinvolheid-haalbaarheid", "beslissingsmatrix", "mindmap"]
SUMMARY = ["Samenvatting en conclusies", "Wat zijn mijn opties?", "ontwikkelmogelijkheden"]
PLAN = ["Wat is mijn concreet actieplan?"]
SEED_VARIANTS = {
    "basis": [
        OPSTART,
        (
            1,
            "analyse",
            ["Wie ben ik?", "Wat wil ik?"],
            ["ai-droomfase", "criteriumgericht-interview", "hand"],
        ),
        INTERIM,
        (2, "analyse", ["Wat kan ik?"], CAN),
        (3, "planning", SUMMARY, OPTIONS),
        (4, "planning", PLAN, ["smart", "tijdslijn"]),
    ],
    "v1": [
        OPSTART,
        ("homework", "analyse", ["huiswerk", "meebrengen"], []),
        INTERIM,
        (
            1,
            "analyse",
            ["Wie ben ik?", "Wat wil ik?", "Wat kan ik?"],
            [
                "klokwijs",
                "praatplaat",
                "hand",
                "prentenbeeld",
                "competentiemeting",
                "droompagina",
                "vier-op-een-rij",
            ],
        ),
        ("homework", "analyse", ["huiswerk"], ["droompagina"]),
        (2, "planning", SUMMARY + PLAN, ["droompagina", "vier-op-een-rij", "competentiemeting"]),
    ],
    "v2": [
        OPSTART,
        ("homework", "analyse", ["huiswerk", "meebrengen"], []),
        INTERIM,
        (
            1,
            "analyse",
            [
                "Wie ben ik?",
                "Wat wil ik?",
                "Wat kan ik?",
                "vorige trajecten",
                "conclusies en aanvullingen",
            ],
            ["vorige-trajecten", "ai-droomfase", "criteriumgericht-interview", "hand"],
        ),
        ("homework", "analyse", ["huiswerk"], []),
        (2, "planning", SUMMARY + PLAN, OPTIONS + ["smart", "tijdslijn"]),
    ],
    "v3": [
        OPSTART,
        (1, "analyse", ["Wie ben ik?"], ["criteriumgericht-interview"]),
        (2, "analyse", ["Wat wil ik?"], ["ai-droomfase"]),
        INTERIM,
        (3, "analyse", ["Wat kan ik?"], CAN),
        (4, "planning", SUMMARY, OPTIONS),
        (5, "planning", PLAN, ["smart", "tijdslijn"]),
    ],
    "v4": [
        OPSTART,
        (1, "analyse", ["Wie ben ik?"], ["hand", "klokwijs", "prentenbeeld"]),
        (2, "analyse", ["Wat wil ik?"], ["droompagina", "praatplaat"]),
        INTERIM,
        (3, "analyse", ["Wat kan ik?"], ["zelfinschatting-competenties", "vier-op-een-rij"]),
        (4, "planning", SUMMARY, ["competentiemeting", "vier-op-een-rij"]),
        (5, "planning", PLAN, ["tijdslijn"]),
    ],
}


def test_every_variant_step_has_the_seeds_phase_goals_and_methods(db):
    from methods.models import VariantStep

    for variant, expected in SEED_VARIANTS.items():
        steps = list(
            VariantStep.objects.filter(variant=variant)
            .prefetch_related("methods")
            .order_by("position")
        )
        assert len(steps) == len(expected), variant
        for step, (which, phase, goals, methods) in zip(steps, expected, strict=True):
            where = (variant, step.position)
            if isinstance(which, int):
                assert (step.kind, step.number) == ("contact", which), where
            else:
                assert (step.kind, step.number) == (which, None), where
            assert step.phase == phase, where
            for words in goals:
                assert words.lower() in step.goals.lower(), (where, words)
            assert {m.code for m in step.methods.all()} == set(methods), where


def test_droompagina_prentenbeeld_and_the_dream_summary_ask_the_seeds_questions():
    def labels(kind):
        return " ".join(str(f.label) for f in TEXT_SHEETS[kind])

    # §5.10 lines 5620-5643
    dream_page = labels("dream_page")
    for words in ("werkelijkheid", "wat moet je daarvoor doen", "nu al"):
        assert words in dream_page
    # §5.11 lines 5735-5752
    pictures = labels("self_pictures")
    for words in ("goede of een minder goede kant", "verbeteren", "Hoe"):
        assert words in pictures
    # §5.1 lines 2483-2490: the dream's core in three parts
    dream = labels("ai_dream")
    for words in ("anders en beter dan vandaag", "onmisbaar", "nieuwe dingen"):
        assert words in dream


def test_the_droompagina_sheet_shows_its_questions_and_takes_pictures(cast, login):
    from django.urls import reverse

    from tests.methods.factories import worksheet

    sheet = worksheet(cast.trajectory, "droompagina")
    client = login(cast.coach)
    url = reverse("methods:worksheet-edit", args=[sheet.pk])
    assert "Kan die droom werkelijkheid worden?" in client.get(url).content.decode()
    assert client.post(url, {"dream_now": "Een cursus koken zoeken"}).status_code == 302
    page = login(cast.worker).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "Hier kan ik nu al aan werken" in page and "Een cursus koken zoeken" in page
    assert 'id="pictures"' in page


def test_the_default_dictionary_holds_the_seeds_example_and_the_coach_sees_its_indicators(
    cast, login
):
    from django.urls import reverse

    from methods.models import CompetenceDefinition
    from tests.methods.factories import worksheet

    # §2.2.1 (lines 415-422): "Instructies begrijpen" with its four indicators.
    example = CompetenceDefinition.objects.get(organisation=None, name="Instructies begrijpen")
    assert example.indicator_lines() == [
        "Geeft aan de instructies te hebben begrepen",
        "Start het werk op een correcte manier",
        "Kan de instructie herhalen",
        "Onthoudt de instructie tot de taak is afgewerkt",
    ]
    assert "welke taken" in example.definition
    sheet = worksheet(cast.trajectory, "competentiemeting")
    page = login(cast.coach).get(reverse("methods:worksheet-edit", args=[sheet.pk]))
    assert "Kan de instructie herhalen" in page.content.decode()
