"""Worksheets through the real stack: structured results, bad input, who sees what."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from methods.models import (
    CompetenceDefinition,
    CompetenceRating,
    QualityPick,
    ScanAction,
    SkillPlacement,
    Worksheet,
)
from methods.services import worksheet_create, worksheet_save_qualities
from popsite.accounts.models import AuditEvent
from tests.factories import ContactMomentFactory
from tests.methods.factories import DeckFactory, kind_worksheet, shipped, worksheet


def rows(prefix: str, forms: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(forms):
        for key, value in form.items():
            data[f"{prefix}-{i}-{key}"] = "" if value is None else value
    return data


def edit(client, sheet, data):
    return client.post(reverse("methods:worksheet-edit", args=[sheet.pk]), data)


def test_coach_opens_a_hand_worksheet_at_a_contact_moment(cast, login):
    contact = ContactMomentFactory(trajectory=cast.trajectory, phase="analyse")
    client = login(cast.coach)
    response = client.post(
        reverse("methods:worksheet-create", args=[cast.trajectory.pk]),
        {"method": shipped("hand").pk, "contact_moment": contact.pk},
    )
    sheet = Worksheet.objects.get()
    assert response.url == reverse("methods:worksheet-edit", args=[sheet.pk])
    assert sheet.contact_moment == contact and sheet.created_by == cast.coach
    response = edit(
        client,
        sheet,
        {
            "thumb": "koken",
            "index": "chef worden",
            "middle": "afwassen",
            "ring": "mijn ploeg",
            "little": "rekenen",
            "conclusion": "Wil in de keuken groeien.",
        },
    )
    assert response.url == reverse("methods:worksheet", args=[sheet.pk])
    sheet.refresh_from_db()
    assert sheet.answers == {
        "thumb": "koken",
        "index": "chef worden",
        "middle": "afwassen",
        "ring": "mijn ploeg",
        "little": "rekenen",
    }
    assert sheet.conclusion == "Wil in de keuken groeien."


def test_worker_reads_their_worksheet_in_plain_words_and_the_view_is_logged(cast, login):
    sheet = worksheet(cast.trajectory)
    sheet.answers = {"thumb": "koken"}
    sheet.save()
    page = login(cast.worker).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "Hier ben ik goed in" in page and "koken" in page
    assert "Duim:" not in page and "Naar de POP" not in page
    event = AuditEvent.objects.get(object_type="methods.worksheet")
    assert (event.user, event.verb, event.subject) == (cast.worker, "view", cast.worker)


def test_outsiders_do_not_see_a_worksheet(cast, login):
    sheet = worksheet(cast.trajectory)
    url = reverse("methods:worksheet", args=[sheet.pk])
    for user in (cast.other_coach, cast.other_worker, cast.floor_supervisor, cast.ambassador):
        assert login(user).get(url).status_code == 404
    response = login(cast.other_coach).post(
        reverse("methods:worksheet-edit", args=[sheet.pk]), {"thumb": "x"}
    )
    assert response.status_code == 404
    sheet.refresh_from_db()
    assert sheet.answers == {}


def test_a_method_of_another_organisation_or_a_foreign_contact_is_refused(cast):
    from tests.methods.factories import MethodFactory

    foreign_method = MethodFactory(organisation=cast.other_organisation)
    with pytest.raises(ValidationError):
        worksheet_create(trajectory=cast.trajectory, method=foreign_method, by=cast.coach)
    foreign_contact = ContactMomentFactory(trajectory=cast.other_trajectory)
    with pytest.raises(ValidationError):
        worksheet_create(
            trajectory=cast.trajectory,
            method=shipped("hand"),
            by=cast.coach,
            contact_moment=foreign_contact,
        )
    assert not Worksheet.objects.exists()


# Kwaliteitenspel ----------------------------------------------------------------


def quality_sheet(cast):
    sheet = worksheet(cast.trajectory, "kwaliteitenspel")
    qualities = list(sheet.deck.cards.filter(kind="quality"))
    pitfalls = list(sheet.deck.cards.filter(kind="pitfall"))
    return sheet, qualities, pitfalls


def test_quality_game_uses_the_organisations_deck_and_ranks_eight(cast, login):
    own = DeckFactory(organisation=cast.organisation)
    for n in range(10):
        own.cards.create(kind="quality", text=f"eigen {n}", position=n)
    sheet = worksheet(cast.trajectory, "kwaliteitenspel")
    assert sheet.deck == own
    cards = list(own.cards.order_by("position"))
    data = {f"quality_{rank}": cards[rank + 1].pk for rank in range(1, 9)}
    data["conclusion"] = "Stipt en behulpzaam."
    response = edit(login(cast.coach), sheet, data)
    assert response.status_code == 302
    picks = list(sheet.quality_picks.order_by("rank"))
    assert [p.text for p in picks] == [f"eigen {n}" for n in range(2, 10)]
    assert [p.rank for p in picks] == list(range(1, 9))


def test_a_ninth_quality_is_refused_and_nothing_changes(cast, login):
    sheet, qualities, _ = quality_sheet(cast)
    worksheet_save_qualities(worksheet=sheet, qualities=qualities[:2])
    data = {f"quality_{rank}": qualities[rank - 1].pk for rank in range(1, 10)}
    response = edit(login(cast.coach), sheet, data)
    assert response.status_code == 200
    assert "Kies hoogstens acht kwaliteiten" in response.content.decode()
    assert sheet.quality_picks.count() == 2
    with pytest.raises(ValidationError, match="hoogstens 8 kwaliteiten"):
        worksheet_save_qualities(worksheet=sheet, qualities=qualities[:9])
    assert sheet.quality_picks.count() == 2


def test_quality_game_refuses_doubles_and_cards_from_another_deck(cast):
    sheet, qualities, pitfalls = quality_sheet(cast)
    with pytest.raises(ValidationError, match="maar één keer"):
        worksheet_save_qualities(worksheet=sheet, qualities=[qualities[0], qualities[0]])
    other = DeckFactory(organisation=cast.organisation)
    stranger = other.cards.create(kind="quality", text="vreemd")
    with pytest.raises(ValidationError, match="uit het gekozen kaartspel"):
        worksheet_save_qualities(worksheet=sheet, qualities=[stranger])
    with pytest.raises(ValidationError):
        worksheet_save_qualities(worksheet=sheet, qualities=[pitfalls[0]])
    assert not QualityPick.objects.exists()


def test_pitfalls_are_ranked_too_and_shown(cast, login):
    sheet, qualities, pitfalls = quality_sheet(cast)
    worksheet_save_qualities(worksheet=sheet, qualities=qualities[:3], pitfalls=pitfalls[:2])
    page = login(cast.coach).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert qualities[0].text in page and pitfalls[1].text in page
    assert [p.rank for p in sheet.quality_picks.filter(kind="pitfall")] == [1, 2]


# Vaardighedenspel ---------------------------------------------------------------


def test_skills_matrix_shows_its_signals(cast, login):
    sheet = worksheet(cast.trajectory, "vaardighedenspel")
    client = login(cast.coach)
    data = rows(
        "rows",
        [
            {"skill": "plannen", "cell": "6", "frequency": "sometimes"},
            {"skill": "tillen", "cell": "4", "frequency": "often"},
            {"skill": "koken", "cell": "1", "frequency": "often"},
        ],
    )
    data["conclusion"] = "Plannen bijleren."
    assert edit(client, sheet, data).status_code == 302
    assert SkillPlacement.objects.filter(worksheet=sheet).count() == 3
    page = client.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "Kansen om bij te leren" in page and "plannen" in page
    assert "risico op burn-out" in page and "tillen" in page


def test_a_skill_outside_the_fifteen_cells_is_refused(cast, login):
    sheet = worksheet(cast.trajectory, "vaardighedenspel")
    data = rows("rows", [{"skill": "a", "cell": "6"}, {"skill": "b", "cell": "16"}])
    response = edit(login(cast.coach), sheet, data)
    assert response.status_code == 200
    assert not SkillPlacement.objects.exists()


# Competentiemeting --------------------------------------------------------------


def test_competence_sheet_starts_with_the_eleven_defaults(cast):
    sheet = worksheet(cast.trajectory, "competentiemeting")
    assert sheet.ratings.count() == 11


def test_competence_sheet_uses_the_organisations_dictionary_when_it_has_one(cast):
    CompetenceDefinition.objects.create(
        organisation=cast.organisation, name="Hygiënisch werken", kind="technical"
    )
    sheet = worksheet(cast.trajectory, "competentiemeting")
    assert [r.competence.name for r in sheet.ratings.all()] == ["Hygiënisch werken"]


def test_self_and_coach_ratings_are_compared_side_by_side(cast, login):
    sheet = worksheet(cast.trajectory, "competentiemeting")
    ratings = list(sheet.ratings.all())
    forms = [
        {
            "id": r.pk,
            "worksheet": sheet.pk,
            "self_now": "",
            "self_wanted": "",
            "coach": "",
            "remark": "",
        }
        for r in ratings
    ]
    forms[0].update(self_now="4", self_wanted="5", coach="2")
    forms[1].update(self_now="3", self_wanted="4", coach="3")
    client = login(cast.coach)
    edit_page = client.get(reverse("methods:worksheet-edit", args=[sheet.pk])).content.decode()
    assert "Valkuilen bij het inschatten" in edit_page and "Vooroordelen" in edit_page
    data = rows("rows", forms, initial=len(forms))
    assert edit(client, sheet, data).status_code == 302
    first = CompetenceRating.objects.get(pk=ratings[0].pk)
    assert (first.self_now, first.self_wanted, first.coach) == (4, 5, 2)
    assert (first.coach_by, first.self_by) == (cast.coach, cast.coach)
    assert first.coach_at is not None and first.floor_by is None
    page = client.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert page.count("zelf hoger") == 1


# Zinvolheids- en haalbaarheidsscan ---------------------------------------------


def scan_form(description: str, domain: int = 1) -> dict:
    return {"domain": str(domain), "description": description}


def score_page(client, sheet, side: str, scores: list[tuple], agrees: list[bool] | None = None):
    prefix = "worker" if side == "werknemer" else "coach"
    actions = list(sheet.scan_actions.order_by("domain", "pk"))
    forms = []
    for i, (action, (meaning, feasibility)) in enumerate(zip(actions, scores, strict=True)):
        form = {
            "id": action.pk,
            "worksheet": sheet.pk,
            f"{prefix}_meaning": meaning,
            f"{prefix}_feasibility": feasibility,
        }
        if agrees and agrees[i]:
            form[f"{prefix}_agrees"] = "on"
        forms.append(form)
    url = reverse("methods:scan-score", args=[sheet.pk, side])
    return client.post(url, rows("rows", forms, initial=len(forms)))


def test_scan_worker_and_coach_score_on_separate_pages_then_compare(cast, login):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    coach = login(cast.coach)
    data = rows(
        "rows", [scan_form("Infoavond VDAB", domain=2), scan_form("Cursus heftruck", domain=5)]
    )
    assert edit(coach, sheet, data).status_code == 302
    assert ScanAction.objects.filter(worksheet=sheet).count() == 2
    # The worker's own page, on their own login: their points only, none of the coach's.
    worker = login(cast.worker)
    page = worker.get(reverse("methods:scan-score", args=[sheet.pk, "werknemer"]))
    assert "coach_meaning" not in page.content.decode()
    assert (
        score_page(worker, sheet, "werknemer", [(1, 1), (10, 10)], [False, True]).status_code == 302
    )
    coach = login(cast.coach)
    page = coach.get(reverse("methods:scan-score", args=[sheet.pk, "coach"])).content.decode()
    assert "worker_meaning" not in page and "Infoavond VDAB" in page
    assert score_page(coach, sheet, "coach", [(1, 1), (10, 5)], [False, True]).status_code == 302
    rows_saved = {a.description: a for a in ScanAction.objects.filter(worksheet=sheet)}
    assert (
        rows_saved["Cursus heftruck"].worker_agrees and rows_saved["Cursus heftruck"].coach_agrees
    )
    assert not rows_saved["Infoavond VDAB"].worker_agrees
    page = coach.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    # Ranked by total: 10/10 vs 10/5 (35) above the equal 1/1 vs 1/1 (4).
    assert "<strong>35</strong>" in page and "<strong>4</strong>" in page
    assert page.index("Cursus heftruck") < page.index("Infoavond VDAB")


def test_the_coach_score_page_is_not_the_workers(cast, login):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    url = reverse("methods:scan-score", args=[sheet.pk, "coach"])
    assert login(cast.worker).get(url).status_code == 404
    assert (
        login(cast.coach).get(reverse("methods:scan-score", args=[sheet.pk, "x"])).status_code
        == 404
    )


@pytest.mark.parametrize("bad", ["7", "0", "11", "tien"])
def test_a_scan_score_other_than_ten_five_or_one_is_refused(cast, login, bad):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    sheet.scan_actions.create(domain=1, description="Goed")
    sheet.scan_actions.create(domain=1, description="Fout")
    response = score_page(login(cast.worker), sheet, "werknemer", [(10, 10), (bad, 10)])
    assert response.status_code == 200
    assert "Een score is 10, 5 of 1 punt." in response.content.decode()
    assert not ScanAction.objects.filter(worker_meaning__isnull=False).exists()


def test_scan_score_validator_guards_the_model_too(cast):
    sheet = worksheet(cast.trajectory, "zinvolheid-haalbaarheid")
    action = ScanAction(worksheet=sheet, domain=1, description="x", worker_meaning=7)
    with pytest.raises(ValidationError, match="10, 5 of 1"):
        action.full_clean()


def test_every_worksheet_kind_renders_its_pages(cast, login):
    client = login(cast.coach)
    for code in [
        "hand",
        "ai-droomfase",
        "klokwijs",
        "praatplaat",
        "kwaliteitenspel",
        "vaardighedenspel",
        "competentiemeting",
        "zinvolheid-haalbaarheid",
        "droompagina",
        "smart",
        "criteriumgericht-interview",
        "vier-op-een-rij",
        "mindmap",
    ]:
        sheet = worksheet(cast.trajectory, code)
        assert client.get(reverse("methods:worksheet", args=[sheet.pk])).status_code == 200, code
        assert client.get(reverse("methods:worksheet-edit", args=[sheet.pk])).status_code == 200
    page = (
        login(cast.worker)
        .get(reverse("methods:worksheets", args=[cast.trajectory.pk]))
        .content.decode()
    )
    assert "Mijn werkbladen" in page and "Praatplaat" in page


def test_coach_deletes_a_worksheet(cast, login):
    sheet = worksheet(cast.trajectory)
    response = login(cast.coach).post(reverse("methods:worksheet-delete", args=[sheet.pk]))
    assert response.url == reverse("methods:worksheets", args=[cast.trajectory.pk])
    assert not Worksheet.objects.exists()


# Criteriumgericht interview, SMART, Vier op een rij ---------------------------


def test_interview_records_themes_attitudes_and_motivation(cast, login):
    sheet = worksheet(cast.trajectory, "criteriumgericht-interview")
    client = login(cast.coach)
    form = client.get(reverse("methods:worksheet-edit", args=[sheet.pk])).content.decode()
    assert "geen objectieve meting" in form  # the seed's warning with the self-scores
    assert "Wat is je droomjob?" in form  # theme 8's guiding questions as a prompt
    response = edit(
        client,
        sheet,
        {
            "theme_job": "Ik werk in de keuken.",
            "motivation": ["learning", "contact"],
            "attitude_cooperation": "3",
            "attitude_rules": "4",
        },
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.answers["motivation"] == ["learning", "contact"]
    assert sheet.answers["attitude_cooperation"] == "3"
    page = login(cast.worker).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "nieuwe dingen leren, contact met mensen" in page
    assert "3 – Ik kan samenwerken binnen een groep. Normaal geeft dat geen problemen." in page


def test_interview_attitude_outside_one_to_four_is_refused(cast, login):
    sheet = worksheet(cast.trajectory, "criteriumgericht-interview")
    response = edit(login(cast.coach), sheet, {"attitude_cooperation": "5"})
    assert response.status_code == 200
    sheet.refresh_from_db()
    assert sheet.answers == {}


def smart_form(challenge: str, description: str, meaning="10", feasibility="5") -> dict:
    return {
        "challenge": challenge,
        "description": description,
        "meaning": meaning,
        "feasibility": feasibility,
    }


def test_smart_actions_are_totalled_per_challenge_and_promoted(cast, login):
    sheet = worksheet(cast.trajectory, "smart")
    client = login(cast.coach)
    data = rows(
        "rows",
        [
            smart_form("Vast werk", "Cv maken", "10", "10"),
            smart_form("Vast werk", "Vacatures lezen", "5", "5"),
            smart_form("Rijbewijs", "Theorie leren", "10", "1"),
        ],
    )
    assert edit(client, sheet, data).status_code == 302
    page = client.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "<strong>20</strong>" in page and "<strong>11</strong>" in page
    assert page.index("Cv maken") < page.index("Vacatures lezen")
    top = sheet.smart_actions.get(description="Cv maken")
    response = client.post(
        reverse("methods:promote-smart-action", args=[sheet.pk, top.pk]),
        {"description": "Cv maken", "competence": "other"},
    )
    assert response.status_code == 302
    assert top.promoted.get().action.description == "Cv maken"


def test_smart_allows_ten_actions_per_challenge(cast, login):
    sheet = worksheet(cast.trajectory, "smart")
    data = rows("rows", [smart_form("Vast werk", f"actie {n}") for n in range(11)])
    response = edit(login(cast.coach), sheet, data)
    assert "Hoogstens tien acties per uitdaging" in response.content.decode()
    assert not sheet.smart_actions.exists()


def test_four_in_a_row_names_each_competence_with_meaning_examples_and_talk(cast, login):
    sheet = worksheet(cast.trajectory, "vier-op-een-rij")
    cards = list(sheet.competence_pictures.select_related("competence"))
    assert len(cards) == 11 and not sheet.ratings.exists()
    client = login(cast.coach)
    page = client.get(reverse("methods:worksheet-edit", args=[sheet.pk])).content.decode()
    # Every row says which competence picture it is about.
    for card in cards:
        assert f">{card.competence.name}</legend>" in page
    forms = [{"id": c.pk, "worksheet": sheet.pk} for c in cards]
    forms[0].update(
        meaning="Samen aan iets werken",
        example_1="twee mensen dragen een kast",
        example_2="iemand helpt een collega",
        example_3="overleg in de ploeg",
        example_4="werk verdelen",
        talk="Dat kan ik goed; helpen vind ik fijn.",
        light="green",
    )
    forms[1].update(light="red", talk="Nog oefenen")
    assert edit(client, sheet, rows("rows", forms, initial=len(forms))).status_code == 302
    page = login(cast.worker).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "groen: dat gaat goed" in page and "rood: dat is nog moeilijk" in page
    assert "twee mensen dragen een kast, iemand helpt een collega" in page
    assert "Samen aan iets werken" in page
    forms[2].update(light="paars")
    response = edit(login(cast.coach), sheet, rows("rows", forms, initial=len(forms)))
    assert response.status_code == 200
    assert not sheet.competence_pictures.filter(light="paars").exists()


def test_floor_supervisor_rates_without_seeing_the_workers_own_scores(cast, login):
    sheet = worksheet(cast.trajectory, "competentiemeting")
    sheet.ratings.update(self_now=2, remark="Uit het POP-gesprek: twijfelt aan zichzelf")
    client = login(cast.floor_supervisor)
    listing = client.get(reverse("methods:to-rate")).content.decode()
    assert str(cast.worker) in listing
    url = reverse("methods:worksheet-rate", args=[sheet.pk])
    page = client.get(url).content.decode()
    assert "Valkuilen bij het inschatten" in page and "self_now" not in page
    assert "twijfelt aan zichzelf" not in page  # POP talk content stays out (§2.4.4)
    ratings = list(sheet.ratings.all())
    forms = [{"id": r.pk, "worksheet": sheet.pk, "floor": "", "remark": ""} for r in ratings]
    forms[0].update(floor="4", remark="Helpt collega's spontaan")
    response = client.post(url, rows("rows", forms, initial=len(forms)))
    assert response.url == reverse("methods:to-rate")
    first = CompetenceRating.objects.get(pk=ratings[0].pk)
    assert (first.floor, first.floor_by, first.self_now) == (4, cast.floor_supervisor, 2)
    assert first.remark == "Uit het POP-gesprek: twijfelt aan zichzelf"  # not overwritten
    assert client.get(reverse("methods:worksheet", args=[sheet.pk])).status_code == 404


def _scores(sheet, field: str, values: dict[int, str]) -> dict:
    ratings = list(sheet.ratings.all())
    forms = [{"id": r.pk, "worksheet": sheet.pk, field: ""} for r in ratings]
    for index, value in values.items():
        forms[index][field] = value
    return rows("rows", forms, initial=len(forms))


def test_coach_and_floor_supervisor_each_keep_their_own_score(cast, login):
    sheet = worksheet(cast.trajectory, "competentiemeting")
    sheet.ratings.update(self_now=3)
    url = reverse("methods:worksheet-rate", args=[sheet.pk])
    assert login(cast.coach).post(url, _scores(sheet, "coach", {0: "2"})).status_code == 302
    assert (
        login(cast.floor_supervisor).post(url, _scores(sheet, "floor", {0: "5"})).status_code == 302
    )
    # The coach saves again: the floor supervisor's score stays (it was overwritten before).
    assert login(cast.coach).post(url, _scores(sheet, "coach", {0: "1"})).status_code == 302
    first = sheet.ratings.order_by("competence__position", "competence__name").first()
    assert (first.coach, first.coach_by, first.floor, first.floor_by) == (
        1,
        cast.coach,
        5,
        cast.floor_supervisor,
    )
    assert first.floor_at is not None and first.coach_at >= first.floor_at
    page = login(cast.coach).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    coach_cell = page.split('class="rater-coach">')[1].split("</td>")[0]
    floor_cell = page.split('class="rater-floor">')[1].split("</td>")[0]
    assert coach_cell.startswith("1") and cast.coach.first_name in coach_cell
    assert floor_cell.startswith("5") and cast.floor_supervisor.first_name in floor_cell
    assert "zelf +2" in coach_cell and "zelf -2" in floor_cell


def test_the_worker_reads_all_three_scores_in_plain_words(cast, login):
    sheet = worksheet(cast.trajectory, "competentiemeting")
    first = sheet.ratings.order_by("competence__position", "competence__name").first()
    first.self_now, first.self_wanted, first.coach, first.floor = 2, 4, 3, 5
    first.coach_by, first.floor_by = cast.coach, cast.floor_supervisor
    first.save()
    page = login(cast.worker).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "Jij: 2 (je wil naar 4)" in page
    assert f"Je coach {cast.coach.first_name}: 3" in page
    assert f"Je begeleider op het werk {cast.floor_supervisor.first_name}: 5" in page
    assert page.count('<li class="border-bottom') == 1  # competences nobody rated stay out


def test_a_posted_score_for_another_raters_column_is_ignored(cast, login):
    sheet = worksheet(cast.trajectory, "competentiemeting")
    url = reverse("methods:worksheet-rate", args=[sheet.pk])
    data = _scores(sheet, "floor", {0: "4"})
    data["rows-0-coach"] = "1"
    assert login(cast.floor_supervisor).post(url, data).status_code == 302
    first = sheet.ratings.get(pk=data["rows-0-id"])
    assert (first.floor, first.coach, first.coach_by) == (4, None, None)
    edit_data = _scores(sheet, "coach", {0: "2"})
    edit_data["rows-0-floor"] = "1"
    assert edit(login(cast.coach), sheet, edit_data).status_code == 302
    first.refresh_from_db()
    assert (first.coach, first.floor, first.floor_by) == (2, 4, cast.floor_supervisor)


def test_only_the_assigned_floor_supervisor_rates_the_worker(cast, login):
    sheet = worksheet(cast.trajectory, "competentiemeting")
    client = login(cast.other_floor_supervisor)
    assert str(cast.worker) not in client.get(reverse("methods:to-rate")).content.decode()
    url = reverse("methods:worksheet-rate", args=[sheet.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _scores(sheet, "floor", {0: "1"})).status_code == 404
    assert not sheet.ratings.filter(floor__isnull=False).exists()
    # The assignment goes with the role: a floor supervisor who left the role rates no more.
    cast.floor_supervisor.memberships.all().delete()
    assert login(cast.floor_supervisor).get(url).status_code == 404


def test_floor_supervisor_of_another_organisation_cannot_rate(cast, login):
    from popsite.accounts.models import Role
    from tests.factories import member

    sheet = worksheet(cast.trajectory, "competentiemeting")
    elsewhere = member(cast.other_organisation, Role.FLOOR_SUPERVISOR)
    client = login(elsewhere)
    assert client.get(reverse("methods:worksheet-rate", args=[sheet.pk])).status_code == 404
    assert str(cast.worker) not in client.get(reverse("methods:to-rate")).content.decode()
    hand = worksheet(cast.trajectory)
    response = login(cast.floor_supervisor).get(reverse("methods:worksheet-rate", args=[hand.pk]))
    assert response.status_code == 404


def test_a_function_profile_limits_the_competence_sheet(cast, login):
    from methods.models import FunctionProfile

    profile = FunctionProfile.objects.create(organisation=cast.organisation, name="Kok")
    chosen = CompetenceDefinition.objects.filter(organisation=None)[:3]
    profile.competences.set(chosen)
    response = login(cast.coach).post(
        reverse("methods:worksheet-create", args=[cast.trajectory.pk]),
        {"method": shipped("competentiemeting").pk, "profile": profile.pk},
    )
    sheet = Worksheet.objects.get()
    assert response.url == reverse("methods:worksheet-edit", args=[sheet.pk])
    assert {r.competence for r in sheet.ratings.all()} == set(chosen)
    theirs = FunctionProfile.objects.create(organisation=cast.other_organisation, name="X")
    with pytest.raises(ValidationError):
        worksheet_create(
            trajectory=cast.trajectory,
            method=shipped("competentiemeting"),
            by=cast.coach,
            profile=theirs,
        )


# Homework (§4.5.3.2-3, §5.10, §5.11, §5.13) ---------------------------------------


def test_the_worker_fills_praatplaat_step_one_at_home_and_the_talk_keeps_its_answers(cast, login):
    sheet = worksheet(cast.trajectory, "praatplaat")
    sheet.answers = {"tasks": "koken", "focus": ["training"]}
    sheet.save()
    client = login(cast.worker)
    page = client.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "Mijn huiswerk invullen" in page
    url = reverse("methods:homework", args=[sheet.pk])
    form = client.get(url).content.decode()
    assert "Ik werk graag buiten" in form and 'name="tasks"' not in form
    response = client.post(url, {"conditions": ["outside", "bike"], "tasks": "afwassen"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.answers == {
        "tasks": "koken",
        "focus": ["training"],
        "conditions": ["outside", "bike"],
    }
    response = client.post(url, {"conditions": ["maan"]})
    assert response.status_code == 200
    sheet.refresh_from_db()
    assert sheet.answers["conditions"] == ["outside", "bike"]


def test_homework_is_only_for_homework_sheets_and_the_own_worker(cast, login):
    hand = worksheet(cast.trajectory, "hand")
    assert login(cast.worker).get(reverse("methods:homework", args=[hand.pk])).status_code == 404
    praat = worksheet(cast.trajectory, "praatplaat")
    for user in (cast.other_coach, cast.floor_supervisor):
        response = login(user).get(reverse("methods:homework", args=[praat.pk]))
        assert response.status_code == 404


def test_the_worker_adds_a_picture_to_the_droompagina_from_the_phone(cast, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.methods.images import png_bytes

    sheet = worksheet(cast.trajectory, "droompagina")
    client = login(cast.worker)
    upload = SimpleUploadedFile("droom.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("methods:picture-add", args=[sheet.pk]),
        {"image": upload, "caption": "Een eigen kraam op de markt"},
    )
    assert response.status_code == 302
    assert sheet.pictures.get().caption == "Een eigen kraam op de markt"
    hand = worksheet(cast.trajectory, "hand")
    upload = SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("methods:picture-add", args=[hand.pk]), {"image": upload})
    assert response.status_code == 404


def test_smart_shows_the_seven_questions_and_groups_the_final_plan(cast, login):
    from methods.sheets import SMART_QUESTIONS

    sheet = worksheet(cast.trajectory, "smart")
    client = login(cast.coach)
    page = client.get(reverse("methods:worksheet-edit", args=[sheet.pk])).content.decode()
    assert len(SMART_QUESTIONS) == 7  # §5.8 D
    assert "Hoe beloont de werknemer zichzelf" in page and "saboteert" in page
    form = {**smart_form("Werk zoeken", "Cv maken"), "group": "profileren"}
    assert edit(client, sheet, rows("rows", [form])).status_code == 302
    assert sheet.smart_actions.get().group == "profileren"
    page = client.get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert "i.v.m. profileren" in page
    bad = {**smart_form("Werk zoeken", "Brief"), "group": "dromen"}
    assert edit(client, sheet, rows("rows", [bad])).status_code == 200


@pytest.mark.parametrize("kind", ["pictures", "interview"])
def test_a_sheet_without_rows_saves_its_conclusion(cast, login, kind):
    sheet = kind_worksheet(cast.trajectory, kind)
    response = login(cast.coach).post(
        reverse("methods:worksheet-edit", args=[sheet.pk]), {"conclusion": "Sofie kiest de keuken."}
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.conclusion == "Sofie kiest de keuken."


def test_the_vaardighedenspel_holds_forms_one_and_two_and_step_four_beside_the_matrix(cast, login):
    sheet = worksheet(cast.trajectory, "vaardighedenspel")
    client = login(cast.coach)
    page = client.get(reverse("methods:worksheet-edit", args=[sheet.pk])).content.decode()
    assert "Vorm I" in page and "Vorm II" in page and "stap 4" in page
    data = {
        **rows("rows", [{"skill": "plannen", "cell": "6", "frequency": "often"}]),
        "form1_talk": "Ik gebruik meer vaardigheden dan ik dacht.",
        "form2_improve": "Een cursus plannen volgen.",
        "form3_step4": "Tekenen: leuk, maar ik gebruik het niet.",
        "conclusion": "Plannen bijleren.",
    }
    assert edit(client, sheet, data).status_code == 302
    sheet.refresh_from_db()
    assert sheet.skills.get().skill == "plannen"
    assert sheet.answers["form2_improve"] == "Een cursus plannen volgen."
    page = login(cast.worker).get(reverse("methods:worksheet", args=[sheet.pk])).content.decode()
    assert 'id="matrix"' in page and "Tekenen: leuk, maar ik gebruik het niet." in page
    # A bad row saves nothing, the answers neither.
    bad = {**data, "rows-TOTAL_FORMS": "1", "rows-0-cell": "99", "form1_talk": "Anders"}
    assert edit(login(cast.coach), sheet, bad).status_code == 200
    sheet.refresh_from_db()
    assert sheet.answers["form1_talk"] == "Ik gebruik meer vaardigheden dan ik dacht."
