"""One POP cycle in a real browser: the coach starts it, the worker agrees, both get the PDF."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from plans.models import Action, Competence, ContactMoment, PopVersion, SummaryItem, Trajectory
from popsite.accounts.models import Role
from tests.factories import PASSWORD, OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + reverse("login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def download_pdf(page: Page, link_name: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    download = info.value
    with open(download.path(), "rb") as pdf:
        return download.suggested_filename, pdf.read()


def add_action(page: Page, description: str, competence: str, deadline: datetime.date) -> None:
    page.get_by_role("link", name="Actie toevoegen").click()
    expect(page.get_by_role("heading", name="Nieuwe actie")).to_be_visible()
    page.get_by_label("Concrete actie").fill(description)
    page.get_by_label("Wie helpt").fill("Jan, de ploegbaas")
    page.get_by_label("Tegen wanneer").fill(deadline.isoformat())
    page.get_by_label("Verwacht resultaat").fill(f"{description}: de ploegbaas bevestigt het.")
    page.get_by_label("Soort competentie").select_option(label=competence)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").filter(has_text="Opgeslagen.")).to_be_visible()
    actions = page.locator("#actions")
    expect(actions.get_by_role("cell", name=description, exact=True)).to_be_visible()


def test_coach_and_worker_make_and_agree_a_pop(live_server, new_page):
    organisation = OrganisationFactory(name="Groene Keuken")
    coach = member(organisation, Role.COACH, first_name="Kathleen", last_name="Janssens")
    worker = member(organisation, Role.WORKER, first_name="Emma", last_name="de Vos")
    assert not Trajectory.objects.exists()
    today = timezone.localdate()
    deadline = today + datetime.timedelta(days=30)

    # The coach logs in through the login page and lands on their home.
    coach_page = new_page()
    log_in(coach_page, live_server.url, coach.email)
    expect(coach_page).to_have_url(live_server.url + reverse("plans:coach-home"))
    expect(coach_page.get_by_role("heading", name="Mijn werknemers")).to_be_visible()

    # A new trajectory for Emma.
    coach_page.get_by_role("link", name="Nieuw POP-traject").click()
    coach_page.get_by_label("Doelgroepwerknemer").select_option(label="Emma de Vos – Groene Keuken")
    coach_page.get_by_role("button", name="Opslaan").click()
    expect(coach_page.get_by_role("heading", name="POP-traject van Emma de Vos")).to_be_visible()
    trajectory = Trajectory.objects.get()
    assert trajectory.worker == worker
    assert list(trajectory.coaches.all()) == [coach]
    expect(coach_page).to_have_url(
        live_server.url + reverse("plans:trajectory", args=[trajectory.pk])
    )

    # A contact moment, in the phase the trajectory is in.
    coach_page.get_by_role("link", name="Contactmoment toevoegen").click()
    coach_page.get_by_label("Datum").fill(today.isoformat())
    expect(coach_page.get_by_label("Fase")).to_have_value("opstart")
    coach_page.get_by_role("button", name="Opslaan").click()
    expect(coach_page.get_by_role("alert")).to_have_text("Het contactmoment is opgeslagen.")
    row = coach_page.get_by_role("row").filter(has_text=today.strftime("%d/%m/%Y"))
    expect(row).to_contain_text("Opstart")
    assert ContactMoment.objects.get().date == today

    # The POP: a summary item and two actions.
    coach_page.get_by_role("link", name="POP versie 1").click()
    expect(coach_page.get_by_role("heading", name="POP versie 1")).to_be_visible()
    summary_form = coach_page.locator("#summary-form")
    summary_form.get_by_label("Onderdeel").select_option(label="Wat wil ik")
    summary_form.get_by_label("Tekst").fill("Ik wil in de keuken werken.")
    summary_form.get_by_role("button", name="Toevoegen aan de samenvatting").click()
    expect(coach_page.get_by_role("alert").filter(has_text="Opgeslagen.")).to_be_visible()
    summary_item = coach_page.get_by_role("listitem").filter(has_text="Ik wil in de keuken werken.")
    expect(summary_item).to_be_visible()
    assert SummaryItem.objects.get().section == "want"

    add_action(coach_page, "Op tijd komen", "generieke competentie", deadline)
    missing = coach_page.locator("#missing")
    expect(missing).to_contain_text("Er is nog geen actie rond een technische competentie.")
    expect(missing).not_to_contain_text("generieke competentie")
    add_action(coach_page, "Groenten snijden", "technische competentie", deadline)
    expect(coach_page.locator("#missing")).to_have_count(0)
    pop = PopVersion.objects.get()
    assert sorted(pop.actions.values_list("competence", flat=True)) == sorted(
        [Competence.GENERIC, Competence.TECHNICAL]
    )
    assert set(Action.objects.values_list("deadline", flat=True)) == {deadline}

    # The coach confirms first: the worker still has to.
    coach_page.get_by_role("button", name="Ik bevestig deze POP").click()
    expect(coach_page.get_by_role("alert")).to_have_text(
        "Je bevestiging is genoteerd. Nu moet de werknemer nog bevestigen."
    )
    expect(coach_page.get_by_role("button", name="Ik bevestig deze POP")).to_have_count(0)
    agreement = coach_page.locator("#agreement")
    expect(agreement).to_contain_text("Werknemer: nog niet bevestigd")
    expect(agreement).to_contain_text("(Kathleen Janssens)")
    pop.refresh_from_db()
    assert pop.coach_agreed_by == coach and pop.agreed_at is None

    # Until both have confirmed, the PDF is a draft.
    draft_name, _draft = download_pdf(coach_page, "PDF downloaden")
    assert re.fullmatch(r"\d{8}_POP_DEVOS_EMMA_ONTWERP\.pdf", draft_name), draft_name

    # The worker logs in on a phone-sized screen and lands on their POP.
    worker_page = new_page(viewport={"width": 360, "height": 740})
    log_in(worker_page, live_server.url, worker.email)
    expect(worker_page).to_have_url(live_server.url + reverse("plans:worker-home"))
    expect(worker_page.get_by_role("heading", name="Dag Emma")).to_be_visible()
    expect(worker_page.get_by_text("Ik wil in de keuken werken.")).to_be_visible()
    expect(worker_page.get_by_text("Op tijd komen", exact=True)).to_be_visible()
    expect(worker_page.get_by_text("Groenten snijden", exact=True)).to_be_visible()
    expect(worker_page.get_by_text("Wie helpt mij: Jan, de ploegbaas").first).to_be_visible()
    # The site's stylesheet is applied (large text on worker pages), and nothing scrolls sideways.
    assert worker_page.evaluate("getComputedStyle(document.body).fontSize") == "20px"
    assert worker_page.evaluate("document.documentElement.scrollWidth") <= 360

    worker_page.get_by_role("button", name="Ja, ik ben akkoord").click()
    expect(worker_page.get_by_role("alert")).to_have_text("De POP is afgesproken. Goed gedaan!")
    expect(worker_page.get_by_text("Jij en je coach hebben het afgesproken op")).to_be_visible()
    expect(worker_page.get_by_role("button", name="Ja, ik ben akkoord")).to_have_count(0)
    assert worker_page.evaluate("document.documentElement.scrollWidth") <= 360
    pop.refresh_from_db()
    assert pop.agreed_at is not None
    assert pop.worker_agreed_at is not None and pop.coach_agreed_at is not None

    # Both confirmed: the PDF carries the agreement date and no longer says draft.
    agreed_on = timezone.localtime(pop.agreed_at).strftime("%Y%m%d")
    coach_page.reload()
    expect(coach_page.locator("#agreed")).to_be_visible()
    name, content = download_pdf(coach_page, "PDF downloaden")
    assert re.fullmatch(r"\d{8}_POP_DEVOS_EMMA\.pdf", name), name
    assert name == f"{agreed_on}_POP_DEVOS_EMMA.pdf"
    assert content.startswith(b"%PDF")

    name, content = download_pdf(worker_page, "Mijn POP downloaden (PDF)")
    assert name == f"{agreed_on}_POP_DEVOS_EMMA.pdf"
    assert content.startswith(b"%PDF")
