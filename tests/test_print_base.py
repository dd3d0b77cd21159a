"""Every print document, read back as a person reads it: no template source on the page."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader

from methods.pdf import render_appendix_pdf
from plans.pdf import render_pop_pdf
from registration.pdf import render_attendance_pdf, render_consent_pdf, render_hours_pdf
from tests.factories import agreeable_pop
from tests.methods.factories import worksheet
from tests.registration.factories import (
    ConsentFactory,
    HoursLineFactory,
    HoursSheetFactory,
    TrainingFactory,
    attend,
)

TEMPLATE_SOURCE = ["{#", "#}", "{%", "%}", "{{", "}}", "The one layout"]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def documents(cast) -> dict[str, tuple[bytes, str]]:
    """Each print document with a Dutch heading it must show."""
    pop = agreeable_pop(cast.pop)
    worksheet(cast.trajectory)
    sheet = HoursSheetFactory(organisation=cast.organisation, month=datetime.date(2026, 3, 1))
    HoursLineFactory(sheet=sheet, person=cast.coach)
    training = TrainingFactory(organisation=cast.organisation)
    attend(training, cast.coach)
    consent = ConsentFactory(trajectory=cast.trajectory)
    return {
        "pop": (render_pop_pdf(pop), "Persoonsgegevens"),
        "appendix": (render_appendix_pdf(pop), "Bijlage"),
        "consent": (render_consent_pdf(cast.trajectory, [], consent), "Toestemming"),
        "hours": (render_hours_pdf(sheet), "uren"),
        "attendance": (render_attendance_pdf(training), "Aanwezigheid"),
    }


@pytest.mark.parametrize("name", ["pop", "appendix", "consent", "hours", "attendance"])
def test_print_document_shows_no_template_source(cast, name):
    data, heading = documents(cast)[name]
    text = pdf_text(data)
    assert heading.lower() in text.lower()
    for source in TEMPLATE_SOURCE:
        assert source not in text, f"{name}: {source!r} printed"
