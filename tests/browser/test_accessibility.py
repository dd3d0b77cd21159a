"""axe-core over every role's main pages: no serious or critical violations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, ActionFactory, ContactMomentFactory, SummaryItemFactory

ROOT = Path(__file__).resolve().parents[2]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe_source() -> str:
    found = sorted(ROOT.glob(".venv/axe-core-*/axe.min.js"))
    if not found:
        reason = "axe-core is not fetched: run make test (it fetches it from the npm registry)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found[-1].read_text()


def violations(page, axe_source: str) -> list[dict]:
    # evaluate() runs outside the page's Content-Security-Policy, which forbids inline code.
    page.evaluate(axe_source)
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )


def log_in(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(lambda url: "/login/" not in url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_of_every_role_have_no_serious_violations(new_page, live_server, axe_source):
    from tests.conftest import make_cast

    cast = make_cast()
    SummaryItemFactory(pop=cast.pop, section="can", competence="technical")
    ActionFactory(pop=cast.pop)
    ContactMomentFactory(trajectory=cast.trajectory)
    pages = {
        None: [reverse("login"), reverse("password_reset")],
        cast.coach: [
            reverse("plans:coach-home"),
            reverse("plans:trajectory", args=[cast.trajectory.pk]),
            reverse("plans:pop", args=[cast.pop.pk]),
            reverse("plans:action-create", args=[cast.pop.pk]),
            reverse("plans:contact-create", args=[cast.trajectory.pk]),
            reverse("plans:trajectory-create"),
            reverse("plans:trajectory-edit", args=[cast.trajectory.pk]),
            reverse("accounts:worker-create"),
            reverse("accounts:login-letter", args=[cast.worker.pk]),
        ],
        cast.floor_supervisor: [reverse("methods:to-rate")],
        cast.worker: [reverse("plans:worker-home")],
        cast.trainer: [reverse("plans:trainer-home")],
        cast.ambassador: [reverse("plans:ambassador-home")],
        cast.admin: [reverse("accounts:admin-home")],
    }
    found = {}
    for user, urls in pages.items():
        for viewport in ({"width": 1200, "height": 900}, {"width": 360, "height": 740}):
            page = new_page(viewport=viewport)
            if user is not None:
                log_in(page, live_server, user)
            for url in urls:
                page.goto(live_server.url + url)
                blocking = [v for v in violations(page, axe_source) if v["impact"] in BLOCKING]
                if blocking:
                    found[f"{url} @{viewport['width']}px"] = blocking
    report = [
        f"{where}: {v['id']} ({v['impact']}) {v['targets']}"
        for where, vs in found.items()
        for v in vs
    ]
    assert not report, "\n".join(report)
