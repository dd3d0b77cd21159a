"""The worker's home shows the plan that counts: the agreed one, while a new draft
is made; the draft beside it only once the coach marks it ready (issue 11 §1)."""

import re

from django.urls import reverse

from plans import services
from plans.models import Competence, PopVersion
from tests.factories import (
    ActionFactory,
    SummaryItemFactory,
    agreeable_pop,
    confirm,
    evaluate_as_done,
)


def agreed_first_pop(cast):
    agreeable_pop(cast.pop)
    ActionFactory(pop=cast.pop, description="Elke dag op tijd komen")
    SummaryItemFactory(pop=cast.pop, text="Ik wil in de keuken werken.")
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    cast.pop.refresh_from_db()
    return cast.pop


def follow_up(cast):
    draft = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    return evaluate_as_done(draft)


def home(client):
    return client.get(reverse("plans:worker-home")).content.decode()


def test_worker_keeps_seeing_and_downloading_the_agreed_plan_while_a_draft_is_made(cast, login):
    agreed = agreed_first_pop(cast)
    draft = follow_up(cast)
    page = home(login(cast.worker))
    assert "Elke dag op tijd komen" in page and "Ik wil in de keuken werken." in page
    assert "Er staan nog geen stappen" not in page and "Dit vullen we samen nog in" not in page
    assert "Tot het klaar is, blijft dit plan gelden" in page
    assert reverse("plans:pop-pdf", args=[agreed.pk]) in page
    assert reverse("plans:pop-pdf", args=[draft.pk]) not in page
    assert "Ja, ik ben akkoord" not in page and "Mijn nieuwe plan" not in page


def test_the_draft_shows_beside_the_agreed_plan_once_the_coach_marks_it_ready(cast, login):
    agreed = agreed_first_pop(cast)
    draft = follow_up(cast)
    ActionFactory(pop=draft, description="Zelf de vaatwasser starten", competence="technical")
    ActionFactory(pop=draft, description="Een collega helpen", competence="generic")
    coach = login(cast.coach)
    pop_page = coach.get(reverse("plans:pop", args=[draft.pk])).content.decode()
    version = re.search(r'name="content_version" value="(\d+)"', pop_page).group(1)
    coach.post(reverse("plans:pop-ready", args=[draft.pk]), {"content_version": version})
    assert PopVersion.objects.get(pk=draft.pk).ready_at is not None

    worker = login(cast.worker)
    page = home(worker)
    assert "Mijn nieuwe plan" in page and "Zelf de vaatwasser starten" in page
    assert "Elke dag op tijd komen" in page  # the agreed plan stays beside it
    assert reverse("plans:pop-pdf", args=[agreed.pk]) in page
    version = re.search(
        rf'action="{reverse("plans:pop-agree", args=[draft.pk])}">.*?value="(\d+)"', page, re.S
    ).group(1)
    worker.post(reverse("plans:pop-agree", args=[draft.pk]), {"content_version": version})
    assert PopVersion.objects.get(pk=draft.pk).worker_agreed_at is not None


def test_a_change_after_marking_ready_hides_the_draft_again(cast, login):
    agreed_first_pop(cast)
    draft = agreeable_pop(follow_up(cast))
    draft.refresh_from_db()
    services.pop_mark_ready(pop=draft, by=cast.coach, seen_version=draft.content_version)
    services.pop_mark_changed(draft, by=cast.coach)
    assert PopVersion.objects.get(pk=draft.pk).ready_at is None
    assert "Mijn nieuwe plan" not in home(login(cast.worker))


def test_the_coach_cannot_mark_a_draft_ready_that_cannot_be_agreed(cast, login):
    agreed_first_pop(cast)
    draft = follow_up(cast)
    response = login(cast.coach).post(
        reverse("plans:pop-ready", args=[draft.pk]),
        {"content_version": "999"},
        follow=True,
    )
    assert "De POP is veranderd sinds je ze opende" in response.content.decode()
    response = login(cast.coach).post(
        reverse("plans:pop-ready", args=[draft.pk]),
        {"content_version": str(PopVersion.objects.get(pk=draft.pk).content_version)},
        follow=True,
    )
    assert "generieke competentie" in response.content.decode()
    assert PopVersion.objects.get(pk=draft.pk).ready_at is None


def test_outsiders_cannot_mark_a_draft_ready(cast, login):
    agreeable_pop(cast.pop)
    for user in (cast.worker, cast.other_coach, cast.trainer):
        login(user).post(reverse("plans:pop-ready", args=[cast.pop.pk]), {"content_version": "0"})
    assert PopVersion.objects.get(pk=cast.pop.pk).ready_at is None


def test_worker_cannot_confirm_a_follow_up_the_coach_has_not_finished(cast, login):
    agreed_first_pop(cast)
    draft = agreeable_pop(follow_up(cast))
    draft.refresh_from_db()
    response = login(cast.worker).post(
        reverse("plans:pop-agree", args=[draft.pk]),
        {"content_version": str(draft.content_version)},
        follow=True,
    )
    assert "Je coach werkt je nieuwe plan nog af" in response.content.decode()
    assert PopVersion.objects.get(pk=draft.pk).worker_agreed_at is None


def test_a_plan_that_cannot_be_agreed_yet_says_so_in_plain_words(cast, login):
    ActionFactory(pop=cast.pop, competence=Competence.GENERIC, deadline=None)
    page = home(login(cast.worker))
    assert "Ja, ik ben akkoord" not in page
    assert "Je coach werkt dit plan nog af" in page
    assert "over je vak" in page and "wanneer hij klaar moet zijn" in page
    # No coach-style list: none of the rule names a coach reads.
    assert "competentie" not in page and "deadline" not in page.lower()
    agreeable_pop(cast.pop)
    ActionFactory(pop=cast.pop)  # the incomplete action is still there
    cast.pop.actions.filter(deadline=None).delete()
    page = home(login(cast.worker))
    assert "Ja, ik ben akkoord" in page and "Je coach werkt dit plan nog af" not in page


def test_worker_marks_their_own_progress_and_the_coach_sees_who(cast, login):
    agreed = agreed_first_pop(cast)
    action = agreed.actions.get(description="Elke dag op tijd komen")
    worker = login(cast.worker)
    assert reverse("plans:action-progress", args=[agreed.pk, action.pk]) in home(worker)
    response = worker.post(
        reverse("plans:action-progress", args=[agreed.pk, action.pk]), {"progress": "4"}
    )
    assert response.url == reverse("plans:worker-home") + f"#action-{action.pk}"
    action.refresh_from_db()
    assert action.progress == 4 and action.progress_changed_by == cast.worker
    page = login(cast.coach).get(reverse("plans:pop", args=[agreed.pk])).content.decode()
    assert f"door {cast.worker}" in page


def test_worker_progress_is_refused_on_a_draft_and_bounded(cast, login):
    action = ActionFactory(pop=cast.pop)
    worker = login(cast.worker)
    assert reverse("plans:action-progress", args=[cast.pop.pk, action.pk]) not in home(worker)
    response = worker.post(
        reverse("plans:action-progress", args=[cast.pop.pk, action.pk]),
        {"progress": "3"},
        follow=True,
    )
    assert "als jij en je coach het plan hebben afgesproken" in response.content.decode()
    agreed = agreed_first_pop(cast)
    action = agreed.actions.first()
    response = worker.post(
        reverse("plans:action-progress", args=[agreed.pk, action.pk]),
        {"progress": "9"},
        follow=True,
    )
    assert "Kies een score van 0 tot 5." in response.content.decode()
    action.refresh_from_db()
    assert action.progress == 0


def test_outsiders_cannot_mark_progress(cast, login):
    agreed = agreed_first_pop(cast)
    action = agreed.actions.first()
    url = reverse("plans:action-progress", args=[agreed.pk, action.pk])
    for user in (cast.other_worker, cast.other_coach, cast.trainer, cast.supervisor):
        assert login(user).post(url, {"progress": "5"}).status_code == 404
    action.refresh_from_db()
    assert action.progress == 0 and action.progress_changed_by is None
