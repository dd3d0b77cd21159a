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


ENGLISH = ["Personal", "Signature", "page ", "Training", "Date", "Consent", "Hours"]


@pytest.mark.parametrize("name", ["pop", "appendix", "consent", "hours", "attendance"])
def test_print_document_is_a_dutch_tagged_pdf_with_a_title_and_the_shipped_font(cast, name):
    from django.utils import translation

    with translation.override("en"):  # whatever the browser asks
        data, heading = documents(cast)[name]
    reader = PdfReader(io.BytesIO(data))
    text = pdf_text(data)
    assert heading.lower() in text.lower()
    for english in ENGLISH:
        assert english not in text, f"{name}: {english!r}"
    assert "pagina 1 / " in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title and "{" not in reader.metadata.title
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("POP-Sans" in font for font in fonts), fonts  # the @font-face files


def test_a_long_unbroken_word_wraps_inside_the_page(cast):
    from tests.factories import ActionFactory

    pop = agreeable_pop(cast.pop)
    ActionFactory(pop=pop, expected_result="https://" + "zeerlangwoord" * 30)
    reader = PdfReader(io.BytesIO(render_pop_pdf(pop)))
    width = float(reader.pages[0].mediabox.width)
    rightmost = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            rightmost.append(tm[4] * cm[0] + cm[4] + len(text) * size * 0.3)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert "zeerlangwoord" in pdf_text(render_pop_pdf(pop))
    assert max(rightmost) < width, (max(rightmost), width)


def test_the_attendance_list_names_the_training_day_on_every_page(cast):
    from popsite.accounts.models import Role
    from tests.factories import member

    training = TrainingFactory(
        organisation=cast.organisation, topic="Solliciteren", date=datetime.date(2026, 11, 12)
    )
    for number in range(45):
        attend(training, member(cast.organisation, Role.WORKER, last_name=f"Deelnemer{number}"))
    pages = PdfReader(io.BytesIO(render_attendance_pdf(training))).pages
    assert len(pages) > 1
    for page in pages:
        assert "Solliciteren – 12/11/2026" in page.extract_text()
