"""The shipped catalogue and decks, browsing and filtering, and an organisation's own methods."""

from __future__ import annotations

from django.urls import reverse

from methods.models import Card, CardDeck, CompetenceDefinition, Method, VariantStep
from popsite.accounts.models import Role
from tests.factories import member
from tests.methods.factories import DeckFactory, MethodFactory, shipped

SHIPPED = {
    "ai-droomfase",
    "criteriumgericht-interview",
    "hand",
    "kwaliteitenspel",
    "vaardighedenspel",
    "competentiemeting",
    "zinvolheid-haalbaarheid",
    "smart",
    "klokwijs",
    "droompagina",
    "prentenbeeld",
    "vier-op-een-rij",
    "praatplaat",
    "zelfinschatting-competenties",
    "beslissingsmatrix",
    "mindmap",
    "tijdslijn",
    "vorige-trajecten",  # variant 2: information from earlier trajectories (§4.5.3.3)
}


def names(response) -> list[str]:
    return [m.name for m in response.context["methods"]]


def test_every_method_of_the_draaiboek_is_shipped_with_its_parts(db):
    methods = Method.objects.filter(organisation=None)
    assert set(methods.values_list("code", flat=True)) == SHIPPED
    for method in methods:
        assert method.goal and method.time_needed and method.step_lines(), method.code
        assert method.question_labels() and method.level_labels(), method.code


def test_the_eleven_default_competences_and_a_demo_deck_are_shipped(db):
    defaults = CompetenceDefinition.objects.filter(organisation=None)
    assert defaults.count() == 11
    assert defaults.first().name == "Samenwerken"
    assert {d.kind for d in defaults} == {"generic", "technical"}
    demo = CardDeck.objects.filter(organisation=None)
    assert set(demo.values_list("kind", flat=True)) == {"standard", "plus"}
    assert Card.objects.filter(deck__in=demo, kind="quality").count() >= 16


def test_variants_have_their_contact_moments(db):
    def numbers(variant):
        steps = VariantStep.objects.filter(variant=variant, kind="contact")
        return list(steps.values_list("number", flat=True))

    assert numbers("basis") == [0, 1, 2, 3, 4]
    assert numbers("v1") == numbers("v2") == [0, 1, 2]
    assert numbers("v3") == numbers("v4") == [0, 1, 2, 3, 4, 5]
    for variant in ("basis", "v1", "v2", "v3", "v4"):
        assert VariantStep.objects.filter(variant=variant, kind="interim").count() == 1
    step = VariantStep.objects.get(variant="basis", number=1)
    assert {m.code for m in step.methods.all()} == {
        "ai-droomfase",
        "criteriumgericht-interview",
        "hand",
    }


def test_coach_filters_the_catalogue_by_question_and_level(cast, login):
    client = login(cast.coach)
    url = reverse("methods:catalogue")
    everything = names(client.get(url))
    assert len(everything) == 18
    can = names(client.get(url, {"vraag": "kan"}))
    assert "Kwaliteitenspel" in can and "AI-droomfase" not in can
    low_want = names(client.get(url, {"vraag": "wil", "niveau": "low"}))
    assert set(low_want) == {
        "HAND-methodiek",
        "Criteriumgericht interview",
        "Klokwijs",
        "Droompagina",
        "Praatplaat",
    }
    high_plan = names(client.get(url, {"vraag": "actieplan", "niveau": "high"}))
    assert "Zinvolheids- en haalbaarheidsscan" in high_plan and "Klokwijs" not in high_plan


def test_an_organisations_own_method_is_seen_by_its_people_only(cast, login):
    MethodFactory(organisation=cast.organisation, name="Onze fotoronde")
    assert "Onze fotoronde" in names(login(cast.coach).get(reverse("methods:catalogue")))
    assert "Onze fotoronde" not in names(login(cast.other_coach).get(reverse("methods:catalogue")))


def test_trainer_adds_their_organisations_method(cast, login):
    response = login(cast.trainer).post(
        reverse("methods:method-create"),
        {
            "name": "Fotoronde",
            "worksheet_kind": "notes",
            "questions": ["wie", "kan"],
            "levels": ["low"],
            "goal": "Met foto's tonen wat je doet.",
            "steps": "Neem foto's\nBespreek ze",
        },
    )
    method = Method.objects.get(name="Fotoronde")
    assert response.url == reverse("methods:method", args=[method.pk])
    assert method.organisation == cast.organisation
    assert method.questions == "wie kan" and method.code == "fotoronde"


def test_trainer_cannot_change_a_shipped_method_or_another_organisations(cast, login):
    client = login(cast.trainer)
    hand = shipped("hand")
    assert client.get(reverse("methods:method-edit", args=[hand.pk])).status_code == 404
    theirs = MethodFactory(organisation=cast.other_organisation)
    assert client.get(reverse("methods:method-edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("methods:method", args=[theirs.pk])).status_code == 404
    hand.refresh_from_db()
    assert hand.name == "HAND-methodiek"


def test_method_with_a_duplicate_name_gets_a_dutch_message(cast, login):
    MethodFactory(organisation=cast.organisation, name="Fotoronde", code="fotoronde")
    response = login(cast.ambassador).post(
        reverse("methods:method-create"),
        {
            "name": "Fotoronde",
            "worksheet_kind": "notes",
            "questions": ["wie"],
            "levels": ["low"],
            "goal": "x",
        },
    )
    assert "al een methodiek met die naam" in response.content.decode()
    assert Method.objects.filter(name="Fotoronde").count() == 1


def test_ambassador_loads_and_edits_their_deck(cast, login):
    client = login(cast.ambassador)
    qualities = "\n".join(f"kwaliteit {n}" for n in range(10))
    response = client.post(
        reverse("methods:deck-create"),
        {"name": "Ons spel", "kind": "plus", "qualities": qualities, "pitfalls": "koppig\nslordig"},
    )
    assert response.status_code == 302
    deck = CardDeck.objects.get(name="Ons spel")
    assert deck.organisation == cast.organisation
    assert deck.cards.filter(kind="quality").count() == 10
    kept = deck.cards.get(text="kwaliteit 3")
    client.post(
        reverse("methods:deck-edit", args=[deck.pk]),
        {
            "name": "Ons spel",
            "kind": "plus",
            "qualities": "\n".join(["nieuw"] + [f"kwaliteit {n}" for n in range(1, 10)]),
            "pitfalls": "",
        },
    )
    assert set(deck.cards.filter(kind="quality").values_list("text", flat=True)) == {
        "nieuw",
        *(f"kwaliteit {n}" for n in range(1, 10)),
    }
    assert deck.cards.get(text="kwaliteit 3").pk == kept.pk
    assert not deck.cards.filter(kind="pitfall").exists()


def test_a_deck_needs_eight_qualities(cast, login):
    response = login(cast.trainer).post(
        reverse("methods:deck-create"), {"name": "Klein", "kind": "standard", "qualities": "a\nb"}
    )
    assert "minstens acht kwaliteiten" in response.content.decode()
    assert not CardDeck.objects.filter(name="Klein").exists()


def test_shipped_demo_deck_cannot_be_edited(cast, login):
    demo = CardDeck.objects.filter(organisation=None).first()
    assert login(cast.trainer).get(reverse("methods:deck-edit", args=[demo.pk])).status_code == 404
    other = DeckFactory(organisation=cast.other_organisation)
    assert login(cast.trainer).get(reverse("methods:deck-edit", args=[other.pk])).status_code == 404


def test_worker_and_floor_supervisor_do_not_browse_the_catalogue(cast, login):
    for user in (cast.worker, cast.floor_supervisor):
        assert login(user).get(reverse("methods:catalogue")).status_code == 404
    trainer_elsewhere = member(cast.other_organisation, Role.TRAINER)
    response = login(trainer_elsewhere).get(reverse("methods:catalogue"))
    assert len(names(response)) == len(SHIPPED)


def test_trainer_builds_the_dictionary_that_competence_sheets_use(cast, login):
    from tests.methods.factories import worksheet

    client = login(cast.trainer)
    response = client.post(
        reverse("methods:competence-create"),
        {
            "name": "Hygiënisch werken",
            "kind": "technical",
            "definition": "Proper werken volgens de regels.",
            "indicators": "Wast de handen\nDraagt een haarnetje",
            "position": "1",
        },
    )
    assert response.url == reverse("methods:competences")
    competence = CompetenceDefinition.objects.get(name="Hygiënisch werken")
    assert competence.organisation == cast.organisation
    assert competence.indicator_lines() == ["Wast de handen", "Draagt een haarnetje"]
    sheet = worksheet(cast.trajectory, "competentiemeting")
    assert [r.competence for r in sheet.ratings.all()] == [competence]


def test_function_profile_offers_only_the_organisations_and_default_competences(cast, login):
    theirs = CompetenceDefinition.objects.create(
        organisation=cast.other_organisation, name="Heftruck", kind="technical"
    )
    samenwerken = CompetenceDefinition.objects.get(organisation=None, name="Samenwerken")
    client = login(cast.trainer)
    response = client.post(
        reverse("methods:profile-create"), {"name": "Kok", "competences": [theirs.pk]}
    )
    assert response.status_code == 200
    response = client.post(
        reverse("methods:profile-create"), {"name": "Kok", "competences": [samenwerken.pk]}
    )
    assert response.status_code == 302
    page = client.get(reverse("methods:competences")).content.decode()
    assert "Kok" in page and "Heftruck" not in page


def test_default_competences_are_read_only(cast, login):
    default = CompetenceDefinition.objects.filter(organisation=None).first()
    url = reverse("methods:competence-edit", args=[default.pk])
    assert login(cast.trainer).get(url).status_code == 404


def test_hand_serves_who_want_and_can_only(db):
    # §5.3 situering (lines 3180-3190): wie ben ik, wat wil ik, wat kan ik.
    assert shipped("hand").questions.split() == ["wie", "wil", "kan"]


def test_the_plus_deck_says_the_standard_deck_in_simpler_words(db):
    standard = CardDeck.objects.get(organisation=None, kind="standard")
    plus = CardDeck.objects.get(organisation=None, kind="plus")
    standard_texts = set(standard.cards.values_list("text", flat=True))
    plus_cards = list(plus.cards.all())
    assert {c.kind for c in plus_cards} == {"quality", "pitfall"}
    assert not standard_texts & {c.text for c in plus_cards}
    # Plain "ik ..." sentences instead of single adjectives like "nauwkeurig".
    assert all(c.text.startswith("ik ") for c in plus_cards)


def test_the_deck_follows_language_skills_from_the_intake_not_reflection(cast, login):
    from methods.models import Worksheet

    newcomer = member(cast.organisation, Role.WORKER)
    client = login(cast.coach)
    page = client.get(reverse("plans:trajectory-create")).content.decode()
    assert "Taalvaardigheid" in page and "bepaalt vooral het aantal contactmomenten" in page
    client.post(
        reverse("plans:trajectory-create"),
        {
            "worker": newcomer.memberships.get().pk,
            "reflection_level": "high",
            "intensity": "low",
            "language_skills": "low",
        },
    )
    trajectory = newcomer.trajectories.get()
    assert trajectory.language_skills == "low"
    client.post(
        reverse("methods:worksheet-create", args=[trajectory.pk]),
        {"method": shipped("kwaliteitenspel").pk},
    )
    assert Worksheet.objects.get(trajectory=trajectory).deck.kind == "plus"
    cast.trajectory.reflection_level = "low"
    cast.trajectory.save()
    client.post(
        reverse("methods:worksheet-create", args=[cast.trajectory.pk]),
        {"method": shipped("kwaliteitenspel").pk},
    )
    assert Worksheet.objects.get(trajectory=cast.trajectory).deck.kind == "standard"


def test_a_function_profile_holds_an_expected_level_per_competence(cast, login):
    from methods.models import FunctionProfile, ProfileLevel

    defaults = list(CompetenceDefinition.objects.filter(organisation=None)[:2])
    client = login(cast.trainer)
    data = {
        "name": "Hulpkok",
        "competences": [c.pk for c in defaults],
        f"level_{defaults[0].pk}": "4",
        f"level_{defaults[1].pk}": "",
    }
    response = client.post(reverse("methods:profile-create"), data)
    assert response.status_code == 302
    profile = FunctionProfile.objects.get(name="Hulpkok")
    assert profile.expected_levels() == {defaults[0].pk: 4}
    page = client.get(reverse("methods:competences")).content.decode()
    assert f"{defaults[0].name} (verwacht niveau 4)" in page
    data[f"level_{defaults[0].pk}"] = "9"
    response = client.post(reverse("methods:profile-edit", args=[profile.pk]), data)
    assert response.status_code == 200
    assert ProfileLevel.objects.get().expected == 4
    # A competence taken out of the profile loses its level.
    data.update({"competences": [defaults[1].pk], f"level_{defaults[0].pk}": "4"})
    client.post(reverse("methods:profile-edit", args=[profile.pk]), data)
    assert not ProfileLevel.objects.exists()
