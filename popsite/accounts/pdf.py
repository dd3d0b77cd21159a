"""The one-page login letter a coach prints for a worker (WeasyPrint, QR code by segno,
drawn here as SVG: no network, no image service)."""

from __future__ import annotations

import segno
from django.template.loader import render_to_string
from weasyprint import HTML

from popsite.accounts.models import User


def login_qr(login_url: str) -> str:
    """The login page's address as a QR code, as an SVG data URI for the letter."""
    return segno.make(login_url, error="m").svg_data_uri(scale=4, border=2)


def render_login_letter_pdf(*, user: User, code: str, login_url: str) -> bytes:
    html = render_to_string(
        "accounts/login_letter_pdf.html",
        {"person": user, "code": code, "login_url": login_url, "qr": login_qr(login_url)},
    )
    return HTML(string=html).write_pdf()
