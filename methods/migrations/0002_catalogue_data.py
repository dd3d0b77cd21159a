"""The shipped catalogue, the variants' talks, a demo card deck and the default
competences, written for this app in our own words (draaiboek §4.5 and §5)."""

from __future__ import annotations

from django.db import migrations

METHODS = [
    {
        "code": "ai-droomfase",
        "name": "AI-droomfase",
        "kind": "ai_dream",
        "questions": "wie wil",
        "levels": "medium high",
        "goal": "Via verhalen over momenten waarop iets goed lukte, ontdekken waar iemand "
        "sterk in is, en van daaruit dromen over een werkdag waarop die sterktes elke dag "
        "aan bod komen.",
        "target_group": "Werknemers die al wat over zichzelf kunnen nadenken.",
        "time": "30 à 40 minuten",
        "materials": "Niets bijzonders nodig.",
        "steps": "Vraag naar een succesverhaal: wanneer was je trots op je werk?\n"
        "Zoek samen welke sterktes en talenten in dat verhaal zitten.\n"
        "Laat de werknemer de droom beschrijven: hoe ziet je werk eruit als je die sterktes "
        "elke dag gebruikt?\n"
        "Vat de droom samen in enkele zinnen.",
        "attention": "Blijf bij wat goed gaat: de positieve sfeer maakt het dromen makkelijker.\n"
        "Vraag door naar concrete voorbeelden.",
    },
    {
        "code": "criteriumgericht-interview",
        "name": "Criteriumgericht interview",
        "kind": "notes",
        "questions": "wie wil kan",
        "levels": "low medium high",
        "goal": "Gestructureerd informatie verzamelen over werkmotieven en kwaliteiten, aan de "
        "hand van vaste thema's.",
        "target_group": "Bruikbaar voor iedereen, in elke situatie.",
        "time": "40 à 50 minuten",
        "materials": "De vragenlijst met de thema's.",
        "steps": "Kies samen welke thema's je bespreekt.\n"
        "Overloop per thema de vragen en noteer de antwoorden.\n"
        "Bij motivatie: overloop de checklist van wat iemand drijft.\n"
        "Bij arbeidsattitudes: laat de werknemer zichzelf op zes attitudes een score van 1 tot "
        "4 geven, met bij elk niveau een zin die het uitlegt.",
        "attention": "Je hoeft niet alle thema's te doen: kies wat voor deze werknemer telt.",
    },
    {
        "code": "hand",
        "name": "HAND-methodiek",
        "kind": "hand",
        "questions": "opstart wie wil kan opties actieplan",
        "levels": "low medium high",
        "goal": "Snel en concreet een eerste beeld krijgen van wat wel en niet werkt voor deze "
        "werknemer.",
        "target_group": "Voor elk reflectievermogen: laag, gemiddeld en hoog.",
        "time": "Hoogstens 10 minuten",
        "materials": "Eventueel een tekening van een hand.",
        "steps": "Steek je hand op en vraag de werknemer zich voor te stellen aan de hand van "
        "de vijf vingers.\n"
        "Duim: waar ben je goed in?\n"
        "Wijsvinger: waar wil je naartoe?\n"
        "Middelvinger: waar heb je een hekel aan?\n"
        "Ringvinger: waar ben je trouw aan?\n"
        "Pink: waarin voel je je klein?",
        "attention": "Vinger per vinger werken geeft houvast en houdt het kort: bewaak dat.\n"
        "Ook later in het traject bruikbaar om snel te peilen hoe het gaat.",
    },
    {
        "code": "kwaliteitenspel",
        "name": "Kwaliteitenspel",
        "kind": "qualities",
        "questions": "wie kan",
        "levels": "low medium high",
        "goal": "Kwaliteiten en valkuilen op een rij zetten en het eigen beeld naast dat van "
        "anderen leggen, om sterke en zwakke punten helder te krijgen.",
        "target_group": "Het standaardspel voor wie vlot leest; het plus-spel met eenvoudige "
        "woorden voor wie minder taalvaardig is.",
        "time": "30 minuten per ronde (kwaliteiten, eventueel valkuilen)",
        "materials": "Een kaartspel met kwaliteiten en valkuilen. De organisatie laadt haar "
        "eigen (aangekochte) spel; de app bevat alleen een klein demospel.",
        "steps": "Leg acht kaarten open; neem telkens een nieuwe kaart en wissel als die beter "
        "past.\n"
        "Als het stapeltje op is, liggen de acht belangrijkste kwaliteiten er.\n"
        "Zet ze in volgorde: de dierbaarste eerst.\n"
        "Doe hetzelfde met de valkuilen als je wil: die waar je het meest last van hebt eerst.\n"
        "Bespreek wat dit zegt over het huidige werk en noteer een conclusie.",
        "attention": "Vraag bij elke kwaliteit wat de werknemer eronder verstaat.\n"
        "Goed gespeeld geeft het spel een positief beeld van zichzelf.",
    },
    {
        "code": "vaardighedenspel",
        "name": "Vaardighedenspel",
        "kind": "skills",
        "questions": "kan opties",
        "levels": "low medium",
        "goal": "Vaardigheden vastleggen en zien welke iemand graag gebruikt, hoe goed hij ze "
        "beheerst, en waar knelpunten en groeikansen liggen.",
        "target_group": "Eerder eenvoudig: geschikt voor kortgeschoolden.",
        "time": "40 tot 60 minuten, naargelang de spelvorm",
        "materials": "Een vaardighedenspel (kaarten).",
        "steps": "Kies tot 40 vaardigheden die in het werk belangrijk zijn.\n"
        "Ronde 1: leg elke vaardigheid in een kolom: van heel erg leuk tot helemaal niet leuk.\n"
        "Ronde 2: leg ze per kolom in een rij: goed, redelijk of onvoldoende beheerst.\n"
        "Zo krijgt elke vaardigheid een vak van 1 tot 15.\n"
        "Bespreek samen wat opvalt.",
        "attention": "Vakken 6, 7, 11 en 12: leuk maar nog niet goed beheerst, dus kansen om "
        "bij te leren.\n"
        "Veel vaak gebruikte vaardigheden in vak 4 en 5: kans op burn-out.\n"
        "Wat in 11 of 12 ligt en lang niet gebruikt wordt, kan naar 14 of 15 schuiven.",
    },
    {
        "code": "competentiemeting",
        "name": "Competentiemeting",
        "kind": "competences",
        "questions": "kan opties",
        "levels": "low medium high",
        "goal": "De competenties van de werknemer in kaart brengen en de eigen inschatting "
        "naast die van de coach of begeleider leggen.",
        "target_group": "Werknemers die zichzelf enigszins kunnen inschatten.",
        "time": "30 minuten tot 1 uur",
        "materials": "Het competentiewoordenboek en functieprofiel van de organisatie, of de "
        "standaardlijst van elf competenties.",
        "steps": "Leg uit wat elke competentie betekent, met voorbeelden van gedrag.\n"
        "De werknemer duidt aan waar hij nu staat.\n"
        "Daarna waar hij naartoe wil, en hoe hij daar denkt te geraken.\n"
        "De coach of werkvloerbegeleider schat ook in.\n"
        "Leg beide naast elkaar en bespreek de verschillen.",
        "attention": "Stem af op hoe de organisatie met competenties werkt.\n"
        "Beoordelaars: let op de valkuilen (alles gemiddeld scoren, te mild of te streng, één "
        "trek die alles kleurt, vooroordelen, vorige oordelen, haast).",
    },
    {
        "code": "zelfinschatting-competenties",
        "name": "Zelfinschatting competenties",
        "kind": "competences",
        "questions": "kan",
        "levels": "low medium high",
        "goal": "De werknemer schat zelf in hoe sterk hij is in de competenties van zijn werk.",
        "target_group": "Alle werknemers; met prenten voor wie weinig leest.",
        "time": "20 à 30 minuten",
        "materials": "De competentielijst van de organisatie.",
        "steps": "Overloop de competenties één voor één.\n"
        "De werknemer geeft zichzelf een score en een voorbeeld.",
        "attention": "Vergelijk later met de inschatting van de begeleider.",
    },
    {
        "code": "zinvolheid-haalbaarheid",
        "name": "Zinvolheids- en haalbaarheidsscan",
        "kind": "scan",
        "questions": "opties actieplan",
        "levels": "high",
        "goal": "Tot een actieplan komen met acties die voor de werknemer zinvol én haalbaar zijn.",
        "target_group": "Werknemers met een hoog reflectievermogen.",
        "time": "1 à 2 uur",
        "materials": "Een scoreblad voor de werknemer en een voor de coach; het actieplan.",
        "steps": "Bedenk per domein zoveel mogelijk acties.\n"
        "Werknemer en coach geven elk per actie punten voor zinvol en voor haalbaar: 10 (zeer), "
        "5 (best wel) of 1 (niet zo).\n"
        "Vergelijk de scores.\n"
        "De acties met de meeste punten waarover jullie het eens zijn, gaan naar het actieplan, "
        "met hoe je het nagaat, wat je al hebt, wat je nog nodig hebt, waarom, en tegen wanneer.",
        "attention": "Laat domeinen weg die voor deze werknemer niet spelen.",
    },
    {
        "code": "smart",
        "name": "SMART",
        "kind": "notes",
        "questions": "actieplan",
        "levels": "high",
        "goal": "Een actieplan opstellen met concrete stappen in de loopbaan.",
        "target_group": "Werknemers met een hoog reflectievermogen.",
        "time": "1 à 2 uur",
        "materials": "De uitkomst van eerdere gesprekken en het actieplan.",
        "steps": "Formuleer de uitdagingen.\n"
        "Bedenk per uitdaging tot tien acties.\n"
        "Geef elke actie punten voor zinvol en haalbaar en tel ze op.\n"
        "De acties met het hoogste totaal gaan naar het plan, specifiek, meetbaar, aanvaardbaar, "
        "realistisch en met een datum.",
        "attention": "Hou het aantal acties beperkt: liever weinig en haalbaar.",
    },
    {
        "code": "klokwijs",
        "name": "Klokwijs",
        "kind": "klokwijs",
        "questions": "wie wil kan",
        "levels": "low",
        "goal": "Met een klok een dag overlopen: wat doe je, wat wil je doen en wat kan je, op "
        "elk moment van de dag.",
        "target_group": "Voor iedereen, vooral bij een laag reflectievermogen.",
        "time": "1 à 1,5 uur",
        "materials": "Een klok met draaibare wijzers, foto's van taken en functies, een foto "
        "van de werknemer.",
        "steps": "Overloop met de klok een gewone dag.\n"
        "Zoek bij elk moment foto's van wat de werknemer doet.\n"
        "Doe hetzelfde voor wat hij graag zou doen en wat hij kan.",
        "attention": "Foto's maken het makkelijker voor wie moeilijk over zichzelf praat.",
    },
    {
        "code": "droompagina",
        "name": "Droompagina",
        "kind": "pictures",
        "questions": "wil",
        "levels": "low",
        "goal": "Zicht krijgen op de dromen van de werknemer.",
        "target_group": "Werknemers met een laag reflectievermogen.",
        "time": "30 minuten tot 1 uur",
        "materials": "Prenten uit tijdschriften of van het internet, papier, lijm.",
        "steps": "De werknemer kiest prenten die tonen waarvan hij droomt.\n"
        "Hij plakt ze op een blad en vertelt bij elke prent waarom.",
        "attention": "Vraag door: wat aan deze prent spreekt je aan?",
    },
    {
        "code": "prentenbeeld",
        "name": "Mijn prentenbeeld",
        "kind": "pictures",
        "questions": "wie kan",
        "levels": "low",
        "goal": "Zicht krijgen op talenten en passies via prenten die bij de werknemer passen.",
        "target_group": "Werknemers met een laag reflectievermogen.",
        "time": "30 minuten tot 1 uur",
        "materials": "Prenten over werk en over andere dingen, papier, lijm.",
        "steps": "De werknemer kiest prenten die iets over hem zeggen.\n"
        "Bij elke prent vertelt hij wat ze over hem zegt.",
        "attention": "Neem ook prenten die niets met werk te maken hebben.",
    },
    {
        "code": "vier-op-een-rij",
        "name": "Vier op een rij",
        "kind": "notes",
        "questions": "kan opties",
        "levels": "low",
        "goal": "Begrijpen welke competenties op het werk belangrijk zijn en inschatten hoe je "
        "het zelf doet.",
        "target_group": "Werknemers met een laag reflectievermogen.",
        "time": "30 minuten tot 1 uur",
        "materials": "Per competentie een prent en vier prenten met voorbeelden die erbij horen.",
        "steps": "Leg per competentie de prent en de vier voorbeelden op een rij.\n"
        "De werknemer kleurt per competentie: groen (gaat goed), oranje (soms) of rood (nog "
        "moeilijk).",
        "attention": "Kies competenties die in de organisatie echt tellen.",
    },
    {
        "code": "praatplaat",
        "name": "Praatplaat",
        "kind": "praatplaat",
        "questions": "wil",
        "levels": "low",
        "goal": "Laten nadenken over de toekomst en zien wat iemand belangrijk vindt in een "
        "volgende job.",
        "target_group": "Werknemers met een laag reflectievermogen.",
        "time": "30 minuten tot 1 uur",
        "materials": "Een praatplaat over dromen over werk.",
        "steps": "Vul samen de praatplaat in: waar wil je op focussen, wat motiveert je, welke "
        "taken doe je graag.\n"
        "Overloop de lijst van werkomstandigheden en duid aan wat je belangrijk vindt.",
        "attention": "De plaat kan vooraf thuis ingevuld worden; bespreek ze dan samen.",
    },
    {
        "code": "beslissingsmatrix",
        "name": "Beslissingsmatrix",
        "kind": "notes",
        "questions": "opties",
        "levels": "medium high",
        "goal": "Mogelijkheden naast elkaar zetten en op enkele criteria vergelijken.",
        "target_group": "Werknemers met een gemiddeld of hoog reflectievermogen.",
        "time": "30 minuten",
        "materials": "Een blad met een tabel.",
        "steps": "Zet de opties in de rijen en de criteria in de kolommen.\n"
        "Geef elke optie een score per criterium en vergelijk.",
        "attention": "",
    },
    {
        "code": "mindmap",
        "name": "Mindmap",
        "kind": "notes",
        "questions": "opties",
        "levels": "medium high",
        "goal": "Rond een centraal thema alle mogelijkheden en ideeën in kaart brengen.",
        "target_group": "Werknemers met een gemiddeld of hoog reflectievermogen.",
        "time": "20 à 30 minuten",
        "materials": "Een groot blad en stiften.",
        "steps": "Zet het thema in het midden.\nTeken takken met ideeën en werk ze verder uit.",
        "attention": "",
    },
    {
        "code": "tijdslijn",
        "name": "Tijdslijn leggen",
        "kind": "notes",
        "questions": "actieplan",
        "levels": "low medium high",
        "goal": "De acties van het plan in de tijd zetten, met tussenstappen.",
        "target_group": "Alle werknemers.",
        "time": "20 à 30 minuten",
        "materials": "Een lange strook papier of een kalender.",
        "steps": "Leg een lijn van vandaag tot het einde van het plan.\n"
        "Zet elke actie en tussenstap op haar plaats.",
        "attention": "",
    },
]

OPSTART_GOALS = "Kennismaken\nVertrouwen opbouwen\nWat een POP is en wat niet\nPraktische afspraken"
INTERIM_GOALS = (
    "Overleg met de werkvloerbegeleider: wat kan de werknemer goed en minder goed, "
    "bv. aan de hand van een competentiemeting. Zo toetsen we wat de werknemer zelf "
    "zegt aan wat de begeleider ziet."
)
SUMMARY_GOALS = "Samenvatting en conclusies van de analyse\nWat zijn mijn opties?\nWelke ontwikkelmogelijkheden zijn er?"


def _opstart():
    return (0, "contact", "opstart", "opstart", OPSTART_GOALS, [])


def _interim():
    return (None, "interim", "analyse", "kan", INTERIM_GOALS, ["competentiemeting"])


VARIANTS = {
    "basis": [
        _opstart(),
        (
            1,
            "contact",
            "analyse",
            "wie wil",
            "Wie ben ik?\nWat wil ik?",
            ["ai-droomfase", "criteriumgericht-interview", "hand"],
        ),
        _interim(),
        (
            2,
            "contact",
            "analyse",
            "kan",
            "Wat kan ik?",
            [
                "kwaliteitenspel",
                "vaardighedenspel",
                "competentiemeting",
                "zelfinschatting-competenties",
            ],
        ),
        (
            3,
            "contact",
            "planning",
            "opties",
            SUMMARY_GOALS,
            ["zinvolheid-haalbaarheid", "beslissingsmatrix", "mindmap"],
        ),
        (
            4,
            "contact",
            "planning",
            "actieplan",
            "Wat is mijn concreet actieplan?",
            ["smart", "tijdslijn"],
        ),
    ],
    "v1": [
        _opstart(),
        _interim(),
        (
            1,
            "contact",
            "analyse",
            "wie wil kan",
            "Wie ben ik?\nWat wil ik?\nWat kan ik?",
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
        (
            2,
            "contact",
            "planning",
            "opties actieplan",
            SUMMARY_GOALS + "\nWat is mijn concreet actieplan?",
            ["droompagina", "vier-op-een-rij", "competentiemeting"],
        ),
    ],
    "v2": [
        _opstart(),
        _interim(),
        (
            1,
            "contact",
            "analyse",
            "wie wil kan",
            "Wie ben ik?\nWat wil ik?\nWat kan ik?\nBespreken wat er al is uit vorige trajecten "
            "of ontwikkelgesprekken",
            ["ai-droomfase", "criteriumgericht-interview", "hand"],
        ),
        (
            2,
            "contact",
            "planning",
            "opties actieplan",
            SUMMARY_GOALS + "\nWat is mijn concreet actieplan?",
            ["zinvolheid-haalbaarheid", "beslissingsmatrix", "mindmap", "smart", "tijdslijn"],
        ),
    ],
    "v3": [
        _opstart(),
        (1, "contact", "analyse", "wie", "Wie ben ik?", ["criteriumgericht-interview"]),
        (2, "contact", "analyse", "wil", "Wat wil ik?", ["ai-droomfase"]),
        _interim(),
        (
            3,
            "contact",
            "analyse",
            "kan",
            "Wat kan ik?",
            [
                "kwaliteitenspel",
                "vaardighedenspel",
                "competentiemeting",
                "zelfinschatting-competenties",
            ],
        ),
        (
            4,
            "contact",
            "planning",
            "opties",
            SUMMARY_GOALS,
            ["zinvolheid-haalbaarheid", "beslissingsmatrix", "mindmap"],
        ),
        (
            5,
            "contact",
            "planning",
            "actieplan",
            "Wat is mijn concreet actieplan?",
            ["smart", "tijdslijn"],
        ),
    ],
    "v4": [
        _opstart(),
        (1, "contact", "analyse", "wie", "Wie ben ik?", ["hand", "klokwijs", "prentenbeeld"]),
        (2, "contact", "analyse", "wil", "Wat wil ik?", ["droompagina", "praatplaat"]),
        _interim(),
        (
            3,
            "contact",
            "analyse",
            "kan",
            "Wat kan ik?",
            ["zelfinschatting-competenties", "vier-op-een-rij"],
        ),
        (
            4,
            "contact",
            "planning",
            "opties",
            SUMMARY_GOALS,
            ["competentiemeting", "vier-op-een-rij"],
        ),
        (5, "contact", "planning", "actieplan", "Wat is mijn concreet actieplan?", ["tijdslijn"]),
    ],
}

# A small demo deck in our own plain words; organisations load their licensed decks.
DEMO_QUALITIES = [
    "behulpzaam",
    "geduldig",
    "stipt",
    "vriendelijk",
    "nauwkeurig",
    "doorzetter",
    "rustig",
    "eerlijk",
    "handig",
    "leergierig",
    "ordelijk",
    "vrolijk",
]
DEMO_PITFALLS = [
    "te snel",
    "koppig",
    "piekeren",
    "verlegen",
    "slordig",
    "opvliegend",
    "alles alleen willen doen",
    "moeilijk nee zeggen",
]

COMPETENCES = [
    (
        "Samenwerken",
        "generic",
        "Samen met collega's aan een taak werken en elkaar helpen.",
        "Helpt een collega als dat nodig is\nVerdeelt het werk in overleg\nHoudt rekening met anderen",
    ),
    (
        "Instructies begrijpen",
        "generic",
        "Begrijpen wat er gevraagd wordt en het zo uitvoeren.",
        "Luistert tot de uitleg af is\nVraagt uitleg als iets niet duidelijk is\n"
        "Voert de opdracht uit zoals gevraagd\nOnthoudt een instructie die vaker terugkomt",
    ),
    (
        "Zich flexibel opstellen",
        "generic",
        "Omgaan met veranderingen in het werk.",
        "Neemt een andere taak op als dat nodig is\nBlijft rustig bij een verandering",
    ),
    (
        "Zelfstandig werken",
        "generic",
        "Een taak uitvoeren zonder voortdurend hulp.",
        "Begint zelf aan een taak\nWerkt een taak af zonder toezicht",
    ),
    (
        "Machines bedienen",
        "technical",
        "Machines en toestellen veilig en juist gebruiken.",
        "Volgt de veiligheidsregels\nMeldt een storing meteen",
    ),
    (
        "Materiaalkennis",
        "technical",
        "Weten welk materiaal waarvoor dient en hoe je het gebruikt.",
        "Kiest het juiste materiaal\nGaat zuinig en zorgvuldig om met materiaal",
    ),
    (
        "Omgaan met stress",
        "generic",
        "Blijven functioneren als het druk of moeilijk is.",
        "Blijft rustig bij drukte\nVraagt hulp als het te veel wordt",
    ),
    (
        "Kwaliteit bewaken",
        "technical",
        "Werk afleveren dat aan de afspraken voldoet.",
        "Controleert het eigen werk\nHerstelt een fout zelf",
    ),
    (
        "Problemen oplossen",
        "generic",
        "Een probleem zien en zelf of met hulp een oplossing zoeken.",
        "Merkt op wanneer iets misloopt\nStelt een oplossing voor",
    ),
    (
        "Doorzetten",
        "generic",
        "Volhouden, ook als iets tegenzit.",
        "Maakt een taak af, ook als ze moeilijk is\nGeeft niet op na een fout",
    ),
    (
        "Communiceren",
        "generic",
        "Duidelijk zeggen wat je bedoelt en luisteren naar anderen.",
        "Zegt het als iets niet lukt\nLuistert naar wat een ander zegt",
    ),
]


def load(apps, schema_editor):
    Method = apps.get_model("methods", "Method")
    VariantStep = apps.get_model("methods", "VariantStep")
    CardDeck = apps.get_model("methods", "CardDeck")
    Card = apps.get_model("methods", "Card")
    CompetenceDefinition = apps.get_model("methods", "CompetenceDefinition")

    by_code = {}
    for position, m in enumerate(METHODS, start=1):
        by_code[m["code"]] = Method.objects.create(
            organisation=None,
            code=m["code"],
            name=m["name"],
            position=position * 10,
            worksheet_kind=m["kind"],
            questions=m["questions"],
            levels=m["levels"],
            goal=m["goal"],
            target_group=m["target_group"],
            time_needed=m["time"],
            materials=m["materials"],
            steps=m["steps"],
            attention_points=m["attention"],
        )
    for variant, steps in VARIANTS.items():
        for position, (number, kind, phase, questions, goals, codes) in enumerate(steps, 1):
            step = VariantStep.objects.create(
                variant=variant,
                position=position,
                number=number,
                kind=kind,
                phase=phase,
                questions=questions,
                goals=goals,
            )
            step.methods.set([by_code[c] for c in codes])

    for kind, name in (("standard", "Demospel kwaliteiten"), ("plus", "Demospel kwaliteiten plus")):
        deck = CardDeck.objects.create(organisation=None, name=name, kind=kind)
        Card.objects.bulk_create(
            [
                Card(deck=deck, kind="quality", text=t, position=i)
                for i, t in enumerate(DEMO_QUALITIES)
            ]
            + [
                Card(deck=deck, kind="pitfall", text=t, position=i)
                for i, t in enumerate(DEMO_PITFALLS)
            ]
        )
    CompetenceDefinition.objects.bulk_create(
        CompetenceDefinition(
            organisation=None,
            name=name,
            kind=kind,
            definition=definition,
            indicators=indicators,
            position=i,
        )
        for i, (name, kind, definition, indicators) in enumerate(COMPETENCES, 1)
    )


def unload(apps, schema_editor):
    for model in ("VariantStep", "Method", "CardDeck", "CompetenceDefinition"):
        apps.get_model("methods", model).objects.filter(
            **({} if model == "VariantStep" else {"organisation__isnull": True})
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("methods", "0001_catalogue_models")]

    operations = [migrations.RunPython(load, unload)]
