"""A worker without e-mail, on a 360 px phone: the coach makes the account and the letter,
the worker logs in with the letter's code, chooses a PIN and logs in with it."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from popsite.accounts.models import Role
from tests.browser.test_portfolio_flow import log_in
from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def sign_in(page: Page, base_url: str, login: str, secret: str) -> None:
    page.goto(base_url + reverse("login"))
    page.get_by_label("E-mailadres of inlognaam").fill(login)
    page.get_by_label("Wachtwoord of pincode").fill(secret)
    page.get_by_role("button", name="Aanmelden").click()


def test_worker_without_email_logs_in_with_the_letter_then_a_pin(live_server, new_page):
    organisation = OrganisationFactory(name="Groene Keuken")
    coach = member(organisation, Role.COACH, first_name="Kathleen", last_name="Janssens")

    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, coach.email.upper())  # any capitalisation
    page.get_by_role("link", name="Nieuwe werknemer").click()
    page.get_by_label("Voornaam").fill("Jan")
    page.get_by_label("Achternaam").fill("De Smet")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#login-details")).to_contain_text("jan.desmet")
    code = page.locator("#code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    with page.expect_download() as download:
        page.get_by_role("link", name="Brief afdrukken (PDF)").click()
    text = PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages[0].extract_text()
    assert "jan.desmet" in text and code in text
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    worker = new_page(viewport=PHONE)
    sign_in(worker, live_server.url, "Jan.DeSmet", code.lower())
    expect(worker.get_by_role("heading", name="Welkom, Jan")).to_be_visible()
    worker.goto(live_server.url + reverse("plans:worker-home"))
    expect(worker).to_have_url(re.compile(reverse("accounts:choose-secret")))
    worker.get_by_label("Een pincode van 6 cijfers").check()
    worker.get_by_label("Je nieuwe wachtwoord of pincode").fill("407193")
    worker.get_by_label("Nog een keer").fill("407193")
    worker.get_by_role("button", name="Opslaan").click()
    expect(worker.get_by_role("alert")).to_contain_text("Voortaan log je zo in")
    assert worker.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    again = new_page(viewport=PHONE)
    sign_in(again, live_server.url, "jan.desmet", code)
    expect(again.get_by_role("alert")).to_contain_text("klopt niet")  # the code is used up
    sign_in(again, live_server.url, "jan.desmet", "407193")
    again.wait_for_url(lambda url: "/login/" not in url)
    assert reverse("accounts:choose-secret") not in again.url
