"""A coach plans a variant, fills in a HAND, a Vier op een rij and a scan (scored by the
worker on their own phone and by the coach, each on their own page), and moves the two
actions both agreed with into the POP."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from methods.models import PopItemSource, ScanAction, Worksheet
from plans.models import Action
from popsite.accounts.models import Role
from tests.browser.test_pop_cycle import log_in
from tests.factories import OrganisationFactory, PopVersionFactory, TrajectoryFactory, member
from tests.methods.factories import ensure_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_worksheet(page: Page, method: str) -> None:
    page.get_by_role("link", name="Nieuw werkblad").click()
    page.get_by_label("Methodiek").select_option(label=method)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name=method)).to_be_visible()


def fill_scan_row(page: Page, row: int, domain: str, description: str) -> None:
    page.locator(f'[name="rows-{row}-domain"]').select_option(label=domain)
    page.locator(f'[name="rows-{row}-description"]').fill(description)


def give_points(page: Page, prefix: str, scores: list[tuple[str, str, bool]]) -> None:
    """One score page: per action meaning, feasibility and the akkoord tick."""
    for row, (meaning, feasibility, agrees) in enumerate(scores):
        page.locator(f'[name="rows-{row}-{prefix}_meaning"]').select_option(meaning)
        page.locator(f'[name="rows-{row}-{prefix}_feasibility"]').select_option(feasibility)
        if agrees:
            page.locator(f'[name="rows-{row}-{prefix}_agrees"]').check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_have_text("De punten zijn opgeslagen.")


def promote(page: Page, description: str, kind: str, competence: str, deadline) -> None:
    row = page.locator("#scan tr").filter(has_text=description)
    row.get_by_role("link", name="naar actieplan").click()
    expect(page.get_by_label("Concrete actie")).to_have_value(description)
    page.get_by_label("Tegen wanneer").fill(deadline.isoformat())
    page.get_by_label("Verwacht resultaat").fill(f"{description}: gedaan en besproken.")
    page.get_by_label("Soort competentie").select_option(label=competence)
    page.get_by_label("Deze actie gaat over").select_option(label=kind)
    page.get_by_label("Zo kan de begeleiding het nagaan").fill("Ik toon het bewijs.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_have_text("De actie staat nu in het actieplan van de POP.")


def test_coach_plans_fills_worksheets_and_promotes_actions(live_server, new_page):
    ensure_catalogue()
    organisation = OrganisationFactory(name="Groene Keuken")
    coach = member(organisation, Role.COACH, first_name="Kathleen", last_name="Janssens")
    worker = member(organisation, Role.WORKER, first_name="Emma", last_name="de Vos")
    trajectory = TrajectoryFactory(organisation=organisation, worker=worker, coaches=[coach])
    pop = PopVersionFactory(trajectory=trajectory, number=1)
    deadline = timezone.localdate() + datetime.timedelta(days=30)

    page = new_page(viewport={"width": 390, "height": 844})
    log_in(page, live_server.url, coach.email)
    page.goto(live_server.url + reverse("plans:trajectory", args=[trajectory.pk]))

    # Plan the talks of the basistraject.
    page.get_by_role("link", name="Planning van de gesprekken").click()
    page.get_by_role("button", name="Gesprekken plannen volgens Basistraject").click()
    expect(page.get_by_role("alert")).to_contain_text("zijn gepland")
    planned = page.locator("#planned")
    expect(planned).to_contain_text("Contactmoment 0")
    expect(planned).to_contain_text("Tussentijds overleg met de werkvloerbegeleider")
    expect(planned).to_contain_text("Contactmoment 4")
    assert trajectory.planned_moments.count() == 6

    # A HAND worksheet.
    page.get_by_role("link", name=str(worker)).click()
    page.get_by_role("link", name="Werkbladen").click()
    new_worksheet(page, "HAND-methodiek")
    page.get_by_label("Duim: waar ben je goed in?").fill("Groenten snijden")
    page.get_by_label("Wijsvinger: waar wil je naartoe?").fill("Hulpkok worden")
    page.get_by_label("Middelvinger: waar heb je een hekel aan?").fill("Lawaai")
    page.get_by_label("Ringvinger: waar ben je trouw aan?").fill("Mijn ploeg")
    page.get_by_label("Pink: waarin voel je je klein?").fill("Rekenen")
    page.get_by_label("Conclusie").fill("Emma wil groeien in de keuken.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_have_text("Het werkblad is opgeslagen.")
    expect(page.locator("#sheet")).to_contain_text("Hulpkok worden")
    hand = Worksheet.objects.get(method__code="hand")
    assert hand.answers["thumb"] == "Groenten snijden"

    # Vier op een rij: per competence picture its meaning, four example pictures, the talk.
    page.get_by_role("link", name="Werkbladen").click()
    new_worksheet(page, "Vier op een rij")
    first = page.locator("#rows fieldset").first
    expect(first.locator("legend")).to_have_text("Samenwerken")
    first.get_by_label("wat betekent deze prent volgens jou?").fill("Samen aan iets werken")
    for n, example in enumerate(["kast dragen", "collega helpen", "overleg", "werk verdelen"], 1):
        first.get_by_label(f"voorbeeldprent {n}").fill(example)
    first.get_by_label("gesprek").fill("Helpen vind ik fijn.")
    first.get_by_label("kaartje").select_option(label="groen: dat gaat goed")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_have_text("Het werkblad is opgeslagen.")
    expect(page.locator("#lights")).to_contain_text(
        "kast dragen, collega helpen, overleg, werk verdelen"
    )

    # A scan with two actions; the worker and the coach each score on their own page.
    page.get_by_role("link", name="Werkbladen").click()
    new_worksheet(page, "Zinvolheids- en haalbaarheidsscan")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    fill_scan_row(page, 0, "Arbeidsmarktoriëntatie", "Infoavond horeca")
    fill_scan_row(page, 1, "Arbeidsprestaties en tekorten (competenties)", "Cursus messen")
    fill_scan_row(page, 2, "Sollicitatievaardigheden", "Sollicitatiebrief")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_have_text("Het werkblad is opgeslagen.")
    assert ScanAction.objects.count() == 3
    scan_url = page.url

    phone = new_page(viewport={"width": 360, "height": 740})
    log_in(phone, live_server.url, worker.email)
    phone.goto(scan_url)
    phone.get_by_role("link", name="Geef jouw punten").click()
    expect(phone.get_by_role("heading", name="Mijn punten")).to_be_visible()
    assert phone.locator('[name$="coach_meaning"]').count() == 0
    # Step 1 of the domains is ordered by domain: infoavond, cursus, brief.
    give_points(phone, "worker", [("10", "10", True), ("10", "5", True), ("1", "1", False)])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Punten van de coach").click()
    assert page.locator('[name$="worker_meaning"]').count() == 0
    give_points(page, "coach", [("10", "10", True), ("10", "5", True), ("1", "1", True)])
    scan = page.locator("#scan")
    expect(scan).to_contain_text("40")
    # Ranked by total; the row only one of them agreed with has no way into the plan.
    rows = scan.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Infoavond horeca")
    expect(rows.nth(2)).to_contain_text("Sollicitatiebrief")
    expect(rows.nth(2).get_by_role("link", name="naar actieplan")).to_have_count(0)
    # The worksheet pages fit a phone: only the tables scroll, inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Both actions into the plan, each with the scan's extra fields.
    promote(page, "Infoavond horeca", "informeren", "iets anders", deadline)
    # Back to the scan through the POP's link to where the action came from.
    page.locator("#actions").get_by_role(
        "link", name="uit Zinvolheids- en haalbaarheidsscan"
    ).click()
    expect(page.locator("#scan")).to_contain_text("in de POP")
    promote(page, "Cursus messen", "opleiding", "technische competentie", deadline)

    # The POP shows both, each with a link back to the scan.
    expect(page.get_by_role("heading", name="POP versie 1")).to_be_visible()
    actions = page.locator("#actions")
    for description in ("Infoavond horeca", "Cursus messen"):
        row = actions.get_by_role("row").filter(has_text=description)
        expect(row).to_contain_text("uit Zinvolheids- en haalbaarheidsscan")
    assert Action.objects.filter(pop=pop).count() == 2
    assert set(Action.objects.values_list("method_detail__kind", flat=True)) == {
        "informeren",
        "opleiding",
    }
    assert PopItemSource.objects.filter(scan_action__isnull=False).count() == 2
