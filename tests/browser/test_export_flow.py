"""An admin starts the monthly package; the job page follows the worker without a
meta refresh and offers the download once the task has run."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from registration.models import ExportJob
from tests.browser.test_accessibility import axe_source, violations  # noqa: F401
from tests.browser.test_portfolio_flow import log_in
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_job_page_follows_the_task_and_then_offers_the_package(
    live_server,
    new_page,
    settings,
    axe_source,  # noqa: F811
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    OrganisationFactory(name="Groene Keuken", slug="groene-keuken")
    admin = UserFactory(is_staff=True, is_superuser=True)
    page = new_page(viewport={"width": 360, "height": 800})
    log_in(page, live_server.url, admin.email)
    page.goto(live_server.url + reverse("registration:export") + "?month=2026-11&organisation=")
    page.get_by_role("button", name="Pakket maken").click()
    expect(page.get_by_role("status")).to_contain_text("in de wachtrij")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    serious = [v for v in violations(page, axe_source) if v["impact"] in {"serious", "critical"}]
    assert serious == []
    job = ExportJob.objects.get()
    assert job.month == datetime.date(2026, 11, 1)

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    # The page's script sees the job finish and shows the result, without a click.
    expect(page.get_by_role("link", name="Pakket downloaden")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("status")).to_contain_text("klaar")
