"""Logging in through the form, as a person does: the password, and for whoever needs a
second factor (staff) the code their app shows, computed from its key."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Page

from popsite.accounts.models import User
from popsite.accounts.second_factor import second_factor_required
from tests.factories import PASSWORD, totp_code, totp_device


def log_in(page: Page, base_url: str, email: str) -> None:
    user = User.objects.get(email__iexact=email)
    app = totp_device(user) if second_factor_required(user) else None
    page.goto(base_url + reverse("login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    if app is not None:
        page.get_by_label("Code").fill(totp_code(app))
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_url(lambda url: reverse("accounts:second-factor-verify") not in url)
