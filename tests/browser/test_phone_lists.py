"""The coach's, the trainer's and the admin's lists on a 360 px phone: every column of a row is on the
screen, after its column's name, instead of out of sight to the right."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.login import log_in
from tests.factories import ActionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def label_shown(page: Page, table: str, label: str) -> str:
    """What the browser draws before the first cell of that column: its name, or nothing."""
    return page.evaluate(
        f"getComputedStyle(document.querySelector('#{table} td[data-label=\"{label}\"]'),"
        " '::before').content"
    )


def nothing_to_the_right(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll('td, td *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= width, f"a cell reaches {right} px on a {width} px screen"


def test_the_coach_sees_every_column_of_a_worker_on_a_phone(cast, live_server, new_page):
    ActionFactory(pop=cast.pop)  # a generic action: one badge, the technical one
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, cast.coach.email)
    page.goto(live_server.url + reverse("plans:coach-home"))
    row = page.locator("#coach-workers tbody tr").first
    assert label_shown(page, "coach-workers", "Volgend contact") == '"Volgend contact"'
    expect(row.locator('td[data-label="Aandacht"]')).to_contain_text("geen technische actie")
    expect(row.locator('td[data-label="Aandacht"] .badge')).to_be_in_viewport()
    nothing_to_the_right(page)
    # On a wide screen it is the table it was, with its column heads.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("#coach-workers thead")).to_be_visible()
    assert label_shown(page, "coach-workers", "Volgend contact") == "none"


def test_the_trainer_sees_every_column_of_a_trajectory_on_a_phone(cast, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, cast.trainer.email)
    page.goto(live_server.url + reverse("plans:trainer-home"))
    row = page.locator("#trainer-trajectories tbody tr").first
    expect(row.locator('td[data-label="Acties te laat"]')).to_be_in_viewport()
    nothing_to_the_right(page)


def test_the_admin_sees_each_organisations_counts_on_a_phone(cast, live_server, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, cast.admin.email)
    page.goto(live_server.url + reverse("accounts:admin-home"))
    assert label_shown(page, "organisations", "POP-trajecten") == '"POP-trajecten"'
    row = page.locator("#organisations tbody tr", has_text=cast.organisation.name)
    expect(row.locator('td[data-label="POP-trajecten"]')).to_be_in_viewport()
    nothing_to_the_right(page)
