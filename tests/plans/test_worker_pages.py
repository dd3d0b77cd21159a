"""Every worker page: a way back to "Mijn POP", no link into the coach's pages,
and plain words instead of the jargon the coach uses (issue 11 §1)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import Competence, PopVersion, ProgressTalk
from popsite.accounts.models import AuditEvent
from tests.factories import ActionFactory, SummaryItemFactory, agreeable_pop, confirm

JARGON = [
    "voortgangsgesprek",
    "agendapunt",
    "bewijsstuk",
    "inzage",
    "generieke competentie",
    "technische competentie",
    "deadline",
    "ontwikkelpunt",
    "algemeen doel",
]


@pytest.fixture
def worker_world(cast):
    """An agreed plan with both kinds of action, and a talk to prepare."""
    agreeable_pop(cast.pop)
    SummaryItemFactory(pop=cast.pop, section="develop", competence=Competence.GENERIC)
    cast.pop.overall_goal = "Zelfstandig in de keuken werken"
    cast.pop.save()
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    talk = ProgressTalk.objects.create(
        trajectory=cast.trajectory,
        planned_on=timezone.localdate() + datetime.timedelta(days=20),
        planned_by=cast.coach,
        agenda_points="Over de keuken",
    )
    return cast, talk


def worker_pages(cast, talk):
    action = cast.pop.actions.first()
    return [
        reverse("plans:who-looked"),
        reverse("plans:reminder-settings"),
        reverse("plans:my-team"),
        reverse("plans:portfolio", args=[cast.trajectory.pk]),
        reverse("plans:growth", args=[cast.trajectory.pk]),
        reverse("plans:compare", args=[cast.trajectory.pk]),
        reverse("plans:grants", args=[cast.trajectory.pk]),
        reverse("plans:talk", args=[talk.pk]),
        reverse("plans:talk-prepare", args=[talk.pk]),
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]),
        reverse("registration:consent", args=[cast.trajectory.pk]),
        reverse("methods:worksheets", args=[cast.trajectory.pk]),
    ]


def visible_text(html: str) -> str:
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", body)


def test_every_worker_page_leads_back_to_mijn_pop_and_never_to_a_coach_page(worker_world, login):
    cast, talk = worker_world
    client = login(cast.worker)
    coach_pages = [
        reverse("plans:trajectory", args=[cast.trajectory.pk]),
        reverse("plans:pop", args=[cast.pop.pk]),
    ]
    for url in worker_pages(cast, talk):
        page = client.get(url).content.decode()
        assert f'href="{reverse("plans:worker-home")}" id="back-home"' in page, url
        for coach_page in coach_pages:
            assert f'href="{coach_page}"' not in page, (url, coach_page)
    home = client.get(reverse("plans:worker-home")).content.decode()
    assert 'id="back-home"' not in home
    for coach_page in coach_pages:
        assert f'href="{coach_page}"' not in home


def test_worker_pages_use_plain_words(worker_world, login):
    cast, talk = worker_world
    client = login(cast.worker)
    for url in [reverse("plans:worker-home"), *worker_pages(cast, talk)]:
        text = visible_text(client.get(url).content.decode()).lower()
        found = [word for word in JARGON if word in text]
        assert not found, (url, found)


def test_the_coach_keeps_the_back_link_out_of_their_pages(cast, login):
    page = login(cast.coach).get(reverse("plans:portfolio", args=[cast.trajectory.pk]))
    assert 'id="back-home"' not in page.content.decode()


def test_the_consent_is_reachable_from_home_in_plain_words(cast, login):
    client = login(cast.worker)
    home = client.get(reverse("plans:worker-home")).content.decode()
    url = reverse("registration:consent", args=[cast.trajectory.pk])
    assert f'href="{url}" id="consent-link"' in home
    page = client.get(url).content.decode()
    assert "Mag de organisatie je gegevens doorgeven?" in page
    assert "reflectievermogen" not in page.lower()
    assert "Jij: nog niet bevestigd" in page and "Je coach: nog niet bevestigd" in page
    coach_page = login(cast.coach).get(url).content.decode()
    assert reverse("plans:trajectory", args=[cast.trajectory.pk]) in coach_page
    assert "Werknemer: nog niet bevestigd" in coach_page


def test_progress_shows_as_five_boxes(worker_world, login):
    cast, _talk = worker_world
    cast.pop.actions.update(progress=3)
    page = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    action = cast.pop.actions.first()
    form = page.split(f'id="action-{action.pk}"', 1)[1].split("</form>", 1)[0]
    assert form.count('class="box filled"') == 3 and form.count('class="box"') == 2
    assert 'aria-label="3 op 5"' in form and 'aria-pressed="true" aria-label="3 op 5"' in form
    portfolio = login(cast.worker).get(reverse("plans:portfolio", args=[cast.trajectory.pk]))
    assert 'role="img" aria-label="3 op 5"' in portfolio.content.decode()


def test_a_worker_who_opens_the_coach_pop_page_lands_on_their_own_plan(cast, login):
    response = login(cast.worker).get(reverse("plans:pop", args=[cast.pop.pk]))
    assert response.status_code == 302 and response.url == reverse("plans:worker-home")
    assert not AuditEvent.objects.filter(subject=cast.worker).exists()
    coach_page = login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk]))
    assert coach_page.status_code == 200
    outsider = login(cast.other_worker).get(reverse("plans:pop", args=[cast.pop.pk]))
    assert outsider.status_code == 404


def test_a_follow_up_draft_stays_out_of_the_worker_portfolio_until_it_is_ready(worker_world, login):
    cast, _talk = worker_world
    draft = PopVersion.objects.create(
        trajectory=cast.trajectory, number=2, previous=cast.pop, is_follow_up=True
    )
    ActionFactory(pop=draft, description="Nog niet klaar")
    pk = cast.trajectory.pk
    pages = [
        reverse("plans:portfolio", args=[pk]),
        reverse("plans:compare", args=[pk]),
        reverse("plans:growth", args=[pk]),
    ]
    worker = login(cast.worker)
    for url in pages:
        page = worker.get(url).content.decode()
        assert "versie-2" not in page and "Nog niet klaar" not in page, url
        assert "Versie 2" not in page and ">v2<" not in page, url
    coach = login(cast.coach)
    assert 'id="versie-2"' in coach.get(pages[0]).content.decode()
    draft.ready_at = timezone.now()
    draft.save(update_fields=["ready_at"])
    assert 'id="versie-2"' in worker.get(pages[0]).content.decode()
    assert "Versie 2" in worker.get(pages[1]).content.decode()
    assert login(cast.other_worker).get(pages[0]).status_code == 404


def test_growth_and_comparison_speak_to_the_worker(worker_world, login):
    cast, _talk = worker_world
    pk = cast.trajectory.pk
    worker = login(cast.worker)
    growth = visible_text(worker.get(reverse("plans:growth", args=[pk])).content.decode())
    assert "Zo groei ik" in growth and "Mijn stappen per plan" in growth
    assert "Groei van" not in growth and "Competenties" not in growth
    compare = visible_text(worker.get(reverse("plans:compare", args=[pk])).content.decode())
    assert "Mijn plannen naast elkaar" in compare and "Versies vergelijken" not in compare
    coach = login(cast.coach).get(reverse("plans:growth", args=[pk])).content.decode()
    assert "Groei van Sofie Van der Berghe" in coach and "Competenties over de tijd" in coach


def test_the_worker_reads_the_talk_report_in_plain_words(worker_world, login):
    cast, talk = worker_world
    ProgressTalk.objects.filter(pk=talk.pk).update(
        held_at=timezone.now(), competence_levels="Samenwerken gaat goed."
    )
    url = reverse("plans:talk", args=[talk.pk])
    page = visible_text(login(cast.worker).get(url).content.decode())
    assert "Hoe goed gaat het?" in page and "Samenwerken gaat goed." in page
    for word in ("Competentieniveaus", "Leerklimaat", "Leerdoelen", "portfolio"):
        assert word not in page, word
    coach = visible_text(login(cast.coach).get(url).content.decode())
    assert "Competentieniveaus" in coach and "Leerklimaat en knelpunten" in coach
    assert login(cast.other_worker).get(url).status_code == 404


def test_the_evidence_form_asks_for_a_photo_in_plain_words(worker_world, login):
    cast, _talk = worker_world
    action = cast.pop.actions.first()
    url = reverse("plans:evidence-create", args=[cast.pop.pk, action.pk])
    page = visible_text(login(cast.worker).get(url).content.decode())
    assert "Foto of bestand" in page and "Wat wil je erbij zeggen?" in page
    assert "Toelichting" not in page
    assert login(cast.other_worker).get(url).status_code == 404


def test_the_ready_follow_up_shows_the_worker_the_evaluation_they_agree_to(worker_world, login):
    cast, _talk = worker_world
    action = cast.pop.actions.first()
    draft = PopVersion.objects.create(
        trajectory=cast.trajectory,
        number=2,
        previous=cast.pop,
        is_follow_up=True,
        ready_at=timezone.now(),
    )
    draft.evaluations.create(action=action, score=4, carry_over=True, remark="Bijna klaar.")
    ActionFactory(pop=draft, description="Nieuwe stap")
    page = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    new_plan = page.split('id="new-plan"', 1)[1]
    assert 'id="new-evaluation"' in new_plan
    assert action.description in new_plan and "Zo ver was ik: 4 op 5" in new_plan
    assert "Dit doe ik verder in het nieuwe plan." in new_plan and "Bijna klaar." in new_plan
    # A step not started yet shows no "0 op 5": progress counts once the plan is agreed.
    assert "Zo ver ben ik: 0 op 5" not in new_plan
    assert (
        'id="new-evaluation"'
        not in login(cast.other_worker).get(reverse("plans:worker-home")).content.decode()
    )
