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
