"""Two full POP cycles in a real browser, each role on their own screen: the coach plans
the first POP, the worker (on a phone) and the coach agree, a progress talk, a follow-up
draft during which the worker keeps the agreed plan, its evaluation and agreement, and a
supervisor with a grant who sees both versions and every voice of a competence rating."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from plans.models import Phase, PopVersion, ProgressTalk, Trajectory
from plans.portfolio.talks import PREPARATION_DAYS
from popsite.accounts.models import Role
from tests.browser.test_pop_cycle import add_action, download_pdf, log_in
from tests.factories import OrganisationFactory, UserFactory, member
from tests.plans.factories import competence_measurement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def add_summary(page: Page, text: str) -> None:
    form = page.locator("#summary-form")
    form.get_by_label("Onderdeel").select_option(label="Wat wil ik")
    form.get_by_label("Tekst").fill(text)
    form.get_by_role("button", name="Toevoegen aan de samenvatting").click()
    expect(page.get_by_role("listitem").filter(has_text=text)).to_be_visible()


def set_overall_goal(page: Page, text: str) -> None:
    page.get_by_label("Algemeen doel", exact=True).fill(text)
    page.get_by_role("button", name="Algemeen doel opslaan").click()
    expect(page.get_by_label("Algemeen doel", exact=True)).to_have_value(text)


def test_two_pop_cycles_as_coach_worker_and_supervisor(live_server, new_page):
    # Seeded: the accounts and the organisation (an administrator's job, not this walk).
    organisation = OrganisationFactory(name="Groene Keuken")
    coach = member(organisation, Role.COACH, first_name="Kathleen", last_name="Janssens")
    worker = member(organisation, Role.WORKER, first_name="Emma", last_name="de Vos")
    supervisor = UserFactory(first_name="Sam", last_name="Supervisor")
    today = timezone.localdate()
    deadline = today + datetime.timedelta(days=30)

    # Cycle 1. The coach starts a trajectory and plans the first POP.
    coach_page = new_page()
    log_in(coach_page, live_server.url, coach.email)
    coach_page.get_by_role("link", name="Nieuw POP-traject").click()
    coach_page.get_by_label("Doelgroepwerknemer").select_option(label="Emma de Vos – Groene Keuken")
    coach_page.get_by_role("button", name="Opslaan").click()
    expect(coach_page.get_by_role("heading", name="POP-traject van Emma de Vos")).to_be_visible()
    trajectory = Trajectory.objects.get()
    trajectory_url = coach_page.url
    coach_page.get_by_role("link", name="POP versie 1").click()
    add_summary(coach_page, "Ik wil in de keuken werken.")
    set_overall_goal(coach_page, "Zelfstandig een koude schotel maken.")
    add_action(coach_page, "Op tijd komen", "generieke competentie", deadline)
    add_action(coach_page, "Groenten snijden", "technische competentie", deadline)
    coach_page.get_by_role("button", name="Ik bevestig deze POP").click()
    expect(coach_page.get_by_role("alert")).to_contain_text("Nu moet de werknemer nog bevestigen")

    # The worker, on a phone, reads the plan and agrees.
    worker_page = new_page(viewport=PHONE)
    log_in(worker_page, live_server.url, worker.email)
    expect(worker_page.get_by_role("heading", name="Dag Emma")).to_be_visible()
    expect(worker_page.get_by_text("Zelfstandig een koude schotel maken.")).to_be_visible()
    fits(worker_page)
    worker_page.get_by_role("button", name="Ja, ik ben akkoord").click()
    expect(worker_page.get_by_role("alert")).to_have_text("De POP is afgesproken. Goed gedaan!")
    first = PopVersion.objects.get(number=1)
    assert first.agreed_at is not None
    coach_page.goto(trajectory_url)
    expect(coach_page.locator("#phase")).to_have_text("Uitvoeren")

    # The worker marks their own progress on the agreed plan.
    card = worker_page.locator(f"#action-{first.actions.get(description='Op tijd komen').pk}")
    card.get_by_role("button", name="3 op 5").click()
    expect(worker_page.get_by_role("alert")).to_have_text("Opgeslagen: zo ver ben je nu.")
    expect(card.get_by_role("button", name="3 op 5")).to_have_attribute("aria-pressed", "true")

    # A progress talk: the coach plans it a week ahead, the worker prepares it.
    talk_day = today + datetime.timedelta(days=PREPARATION_DAYS)
    coach_page.get_by_role("link", name="Gesprek plannen").click()
    coach_page.get_by_label("Datum van het gesprek").fill(talk_day.isoformat())
    coach_page.get_by_role("button", name="Opslaan").click()
    expect(coach_page.get_by_role("alert")).to_have_text("Het voortgangsgesprek is gepland.")
    talk_url = coach_page.url
    worker_page.goto(live_server.url + reverse("plans:worker-home"))
    worker_page.get_by_role("link", name="Mijn voorbereiding").click()
    worker_page.get_by_label("Waarover wil ik praten?").fill("Ik wil soep leren maken.")
    worker_page.get_by_role("button", name="Opslaan").click()
    expect(worker_page.get_by_role("alert")).to_have_text("Opgeslagen.")
    fits(worker_page)
    # The day of the talk comes: moved in the database, as the live server's clock cannot be.
    ProgressTalk.objects.filter(trajectory=trajectory).update(planned_on=today)
    coach_page.goto(talk_url)
    coach_page.get_by_role("link", name="Verslag invullen").click()
    expect(coach_page.get_by_label("Agenda")).to_have_value("Ik wil soep leren maken.")
    coach_page.get_by_label("Terugblik met het portfolio").fill("Emma komt elke dag op tijd.")
    coach_page.get_by_label("Doelen voor de volgende periode").fill("Een soep maken")
    coach_page.get_by_role("button", name="Opslaan").click()
    expect(coach_page.get_by_role("alert")).to_have_text("Opgeslagen.")
    expect(coach_page.locator("#record")).to_contain_text("Emma komt elke dag op tijd.")

    # Cycle 2. The coach opens the follow-up POP from the previous summary and goal.
    coach_page.goto(trajectory_url)
    coach_page.get_by_role("button", name="Volgende POP starten (met evaluatie)").click()
    expect(coach_page.get_by_role("heading", name="Evaluatie van de vorige POP")).to_be_visible()
    # The evaluation starts from how far the worker said they were.
    expect(
        coach_page.get_by_role("group", name="Op tijd komen").get_by_role("spinbutton")
    ).to_have_value("3")
    evaluation_url = coach_page.url
    second = PopVersion.objects.get(number=2)
    assert second.is_follow_up and second.agreed_at is None

    # During the draft the worker still sees, and downloads, the agreed plan.
    worker_page.goto(live_server.url + reverse("plans:worker-home"))
    plan = worker_page.locator("#plan")
    expect(plan).to_contain_text("Dit plan geldt nu.")
    expect(plan).to_contain_text("Op tijd komen")
    expect(plan).to_contain_text("Groenten snijden")
    expect(worker_page.locator("#new-plan")).to_have_count(0)
    expect(worker_page.get_by_role("button", name="Ja, ik ben akkoord")).to_have_count(0)
    name, content = download_pdf(worker_page, "Mijn POP downloaden (PDF)")
    agreed_on = timezone.localtime(first.agreed_at).strftime("%Y%m%d")
    assert name == f"{agreed_on}_POP_DEVOS_EMMA.pdf"
    text = pdf_text(content)
    assert "Groenten snijden" in text and "Zelfstandig een koude schotel maken." in text
    assert "ONTWERP" not in text.upper()
    worker_page.goto(live_server.url + reverse("plans:portfolio", args=[trajectory.pk]))
    expect(worker_page.locator("#versie-1")).to_contain_text("Groenten snijden")
    expect(worker_page.locator("#versie-2")).to_have_count(0)

    # The coach evaluates the previous actions and goal, and plans two new actions.
    coach_page.goto(evaluation_url)
    coach_page.get_by_label("Hoe staat het met het algemeen doel van de vorige POP?").fill(
        "De koude schotel lukt met wat hulp."
    )
    for description, score in (("Op tijd komen", "5"), ("Groenten snijden", "4")):
        fieldset = coach_page.get_by_role("group", name=description)
        fieldset.get_by_role("spinbutton").fill(score)
        fieldset.get_by_label("Opmerking").fill("Snijden gaat nog traag.")
    coach_page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(coach_page.get_by_role("heading", name="POP versie 2")).to_be_visible()
    # The follow-up began from the previous summary and goal.
    expect(coach_page.get_by_text("Ik wil in de keuken werken.")).to_be_visible()
    expect(coach_page.get_by_label("Algemeen doel", exact=True)).to_have_value(
        "Zelfstandig een koude schotel maken."
    )
    add_action(coach_page, "Een collega helpen", "generieke competentie", deadline)
    add_action(coach_page, "Een soep maken", "technische competentie", deadline)
    expect(coach_page.locator("#missing")).to_have_count(0)

    # Not ready yet: the worker still sees only the agreed plan.
    worker_page.goto(live_server.url + reverse("plans:worker-home"))
    expect(worker_page.locator("#new-plan")).to_have_count(0)

    # The coach marks the draft ready; the worker sees it beside the agreed plan and agrees.
    coach_page.get_by_role("button", name="Klaar om te bevestigen").click()
    expect(coach_page.locator("#ready")).to_contain_text("Klaar om te bevestigen")
    worker_page.reload()
    new_plan = worker_page.locator("#new-plan")
    expect(new_plan).to_contain_text("Een soep maken")
    # What the worker agrees to about the previous steps, as the coach evaluated them.
    expect(new_plan.locator("#new-evaluation")).to_contain_text("Op tijd komen")
    expect(new_plan.locator("#new-evaluation")).to_contain_text("Zo ver was ik: 5 op 5")
    expect(worker_page.locator("#plan")).to_contain_text("Groenten snijden")
    fits(worker_page)
    new_plan.get_by_role("button", name="Ja, ik ben akkoord").click()
    expect(worker_page.get_by_role("alert")).to_contain_text("coach")
    coach_page.reload()
    coach_page.get_by_role("button", name="Ik bevestig deze POP").click()
    expect(coach_page.locator("#agreed")).to_be_visible()
    second.refresh_from_db()
    assert second.agreed_at is not None
    coach_page.goto(trajectory_url)
    expect(coach_page.locator("#phase")).to_have_text("Uitvoeren")
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.UITVOEREN

    # The worker's home now shows the new agreed plan, and downloads it.
    worker_page.goto(live_server.url + reverse("plans:worker-home"))
    expect(worker_page.locator("#plan")).to_contain_text("Een soep maken")
    expect(worker_page.locator("#new-plan")).to_have_count(0)
    _name, content = download_pdf(worker_page, "Mijn POP downloaden (PDF)")
    assert "Een soep maken" in pdf_text(content)

    # Seeded: a competence measurement with all three voices (rating it in the methods
    # pages as worker, coach and floor supervisor would triple this test's length).
    sheet = competence_measurement(trajectory, {"Samenwerken": (2, 3, 4)}, days_ago=1)
    sheet.refresh_from_db()
    measured_on = timezone.localtime(sheet.created_at).strftime("%d/%m/%y")

    # The worker lets the supervisor look at the portfolio.
    worker_page.get_by_role("link", name="Wie mag meekijken?").first.click()
    worker_page.get_by_label("E-mailadres van de begeleider").fill(supervisor.email)
    worker_page.get_by_label("Voornaam").fill("Sam")
    worker_page.get_by_label("Achternaam").fill("Supervisor")
    worker_page.get_by_role("button", name="Laten meekijken").click()
    expect(worker_page.get_by_role("alert")).to_contain_text("kan nu je portfolio bekijken")

    # The supervisor sees both versions and the self, coach and floor ratings.
    supervisor_page = new_page()
    log_in(supervisor_page, live_server.url, supervisor.email)
    supervisor_page.goto(live_server.url + reverse("plans:shared-portfolios"))
    supervisor_page.get_by_role("link", name="Emma de Vos").click()
    expect(supervisor_page.locator("#versie-1")).to_contain_text("Groenten snijden")
    expect(supervisor_page.locator("#versie-2")).to_contain_text("Een soep maken")
    expect(supervisor_page.locator("#versie-2")).to_contain_text("Op tijd komen: 5/5")
    supervisor_page.get_by_role("link", name="Groei in één oogopslag").click()
    chart = supervisor_page.locator("#competence-charts figure").filter(has_text="Samenwerken")
    for css, voice, score in (
        ("line-self", "zelf", 2),
        ("line-coach", "coach", 3),
        ("line-floor", "werkvloerbegeleider", 4),
    ):
        dot = chart.locator(f"circle.{css}")
        expect(dot).to_have_count(1)
        expect(dot.locator("title")).to_have_text(f"{measured_on}, {voice}: {score}")
    chart.get_by_text("De cijfers").click()
    expect(chart.get_by_role("row").filter(has_text=measured_on)).to_have_text(f"{measured_on}234")
