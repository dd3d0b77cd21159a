"""A worker lets a supervisor in, the supervisor sees the growth chart, the worker
revokes access and the supervisor is locked out at once."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans.models import PopVersion
from popsite.accounts.models import AuditEvent, Role
from tests.browser.login import log_in
from tests.browser.test_accessibility import axe_source, violations  # noqa: F401
from tests.factories import (
    ActionFactory,
    OrganisationFactory,
    TrajectoryFactory,
    UserFactory,
    member,
)
from tests.plans.factories import agree, competence_measurement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_grants_supervisor_sees_growth_worker_revokes(live_server, new_page):
    organisation = OrganisationFactory(name="Groene Keuken")
    coach = member(organisation, Role.COACH, first_name="Kathleen", last_name="Janssens")
    worker = member(organisation, Role.WORKER, first_name="Emma", last_name="de Vos")
    supervisor = UserFactory(first_name="Sam", last_name="Supervisor")
    trajectory = TrajectoryFactory(organisation=organisation, worker=worker, coaches=[coach])
    first = PopVersion.objects.create(trajectory=trajectory, number=1)
    ActionFactory(pop=first, description="Attest heftruck halen", progress=5)
    agree(first)
    second = PopVersion.objects.create(trajectory=trajectory, number=2, previous=first)
    ActionFactory(pop=second, description="Een collega inwerken")
    competence_measurement(trajectory, {"Samenwerken": (2, 2)}, days_ago=90)
    competence_measurement(trajectory, {"Samenwerken": (4, 3)}, days_ago=2)

    # The worker opens "who may see my portfolio" from the home page and grants access.
    worker_page = new_page(viewport={"width": 390, "height": 844})
    log_in(worker_page, live_server.url, worker.email)
    worker_page.get_by_role("link", name="Wie mag meekijken?").first.click()
    worker_page.get_by_label("E-mailadres van de begeleider").fill(supervisor.email)
    worker_page.get_by_label("Voornaam").fill("Sam")
    worker_page.get_by_label("Achternaam").fill("Supervisor")
    worker_page.get_by_role("button", name="Laten meekijken").click()
    expect(worker_page.get_by_role("alert")).to_contain_text("kan nu je portfolio bekijken")
    expect(worker_page.locator("#grants-active")).to_contain_text("Sam Supervisor")

    # The supervisor finds the shared portfolio and its growth chart.
    supervisor_page = new_page()
    log_in(supervisor_page, live_server.url, supervisor.email)
    supervisor_page.goto(live_server.url + reverse("plans:shared-portfolios"))
    supervisor_page.get_by_role("link", name="Emma de Vos").click()
    expect(supervisor_page.locator("#versie-2")).to_contain_text("Een collega inwerken")
    supervisor_page.get_by_role("link", name="Groei in één oogopslag").click()
    chart = supervisor_page.locator("#competence-charts svg.growth-chart")
    expect(chart).to_have_count(1)
    assert chart.locator("polyline.line-self").get_attribute("points").count(",") == 2
    expect(supervisor_page.locator("#actions-chart rect.bar-done")).to_have_count(2)
    growth_url = supervisor_page.url
    assert AuditEvent.objects.filter(user=supervisor, subject=worker, verb="view").count() == 2

    # The worker sees the looks, then revokes access.
    worker_page.goto(live_server.url + reverse("plans:who-looked"))
    expect(worker_page.get_by_role("list").filter(has_text="Sam Supervisor").first).to_be_visible()
    worker_page.goto(live_server.url + reverse("plans:grants", args=[trajectory.pk]))
    worker_page.get_by_role("button", name="Sam Supervisor mag niet meer meekijken").click()
    expect(worker_page.get_by_role("alert")).to_contain_text("kan je portfolio niet meer bekijken")
    expect(worker_page.locator("#grants-ended")).to_contain_text("Sam Supervisor")

    # At once, the supervisor is locked out.
    response = supervisor_page.goto(growth_url)
    assert response is not None and response.status == 404
    supervisor_page.goto(live_server.url + reverse("plans:shared-portfolios"))
    expect(supervisor_page.locator("#shared")).not_to_contain_text("Emma de Vos")


def test_portfolio_pages_have_no_serious_accessibility_violations(
    live_server,
    new_page,
    axe_source,  # noqa: F811 (the fixture imported above)
):
    from tests.conftest import make_cast
    from tests.plans.factories import evidence, talk

    cast = make_cast()
    action = ActionFactory(pop=cast.pop, description="Attest halen", progress=5)
    evidence(action)
    agree(cast.pop)
    PopVersion.objects.create(trajectory=cast.trajectory, number=2, previous=cast.pop)
    competence_measurement(cast.trajectory, {"Samenwerken": (2, 3)}, days_ago=30)
    competence_measurement(cast.trajectory, {"Samenwerken": (3, 3)}, days_ago=1)
    found = talk(cast.trajectory)
    pk = cast.trajectory.pk
    pages = {
        cast.worker: [
            reverse("plans:worker-home"),
            reverse("plans:grants", args=[pk]),
            reverse("plans:portfolio", args=[pk]),
            reverse("plans:who-looked"),
            reverse("plans:talk-prepare", args=[found.pk]),
            reverse("plans:my-team"),
            reverse("plans:reminder-settings"),
        ],
        cast.supervisor: [
            reverse("plans:shared-portfolios"),
            reverse("plans:growth", args=[pk]),
            reverse("plans:compare", args=[pk]),
        ],
        cast.coach: [reverse("plans:talk", args=[found.pk])],
        cast.ambassador: [reverse("plans:team-matrix"), reverse("plans:templates")],
    }
    found_violations = {}
    for user, urls in pages.items():
        page = new_page(viewport={"width": 360, "height": 740})
        log_in(page, live_server.url, user.email)
        for url in urls:
            page.goto(live_server.url + url)
            blocking = [
                v for v in violations(page, axe_source) if v["impact"] in {"serious", "critical"}
            ]
            if blocking:
                found_violations[url] = blocking
    assert not found_violations, found_violations
