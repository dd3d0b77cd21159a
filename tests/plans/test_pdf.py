import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from plans import services
from plans.pdf import name_part, pop_filename
from tests.factories import SummaryItemFactory, agreeable_pop, confirm


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Peeters", "PEETERS"),
        ("van der Berg", "VANDERBERG"),
        ("Van den Broeck", "VANDENBROECK"),
        ("De Smet-Vermeulen", "DESMET-VERMEULEN"),
        ("Zoë", "ZOE"),
        ("Chloé", "CHLOE"),
        ("Yılmaz", "YILMAZ"),
        ("O'Brien", "OBRIEN"),
        ("Jean - Luc", "JEAN-LUC"),
    ],
)
def test_name_part_folds_accents_and_runs_particles_together(name, expected):
    assert name_part(name) == expected


def test_filename_uses_the_agreement_date(cast):
    pop = agreeable_pop(cast.pop)
    confirm(pop, cast.worker)
    pop = confirm(pop, cast.coach)
    pop.agreed_at = datetime.datetime(2026, 3, 9, 10, 0, tzinfo=datetime.UTC)
    assert pop_filename(pop) == "20260309_POP_VANDERBERGHE_SOFIE.pdf"


def test_filename_of_a_draft_says_so(cast):
    assert pop_filename(cast.pop).endswith("_POP_VANDERBERGHE_SOFIE_ONTWERP.pdf")


def test_pdf_download_holds_every_part_of_the_template(cast, login):
    SummaryItemFactory(pop=cast.pop, section="want", text="Ik wil bakker worden")
    agreeable_pop(cast.pop)
    response = login(cast.worker).get(reverse("plans:pop-pdf", args=[cast.pop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="' in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for part in [
        "Persoonsgegevens",
        "Verloop POP-traject",
        "Samenvatting",
        "Actieplan",
        "Ik wil bakker worden",
        "Van der Berghe",
    ]:
        assert part in text


def test_pdf_of_a_follow_up_opens_with_the_evaluation(cast, login):
    pop = agreeable_pop(cast.pop)
    confirm(pop, cast.worker)
    confirm(pop, cast.coach)
    follow_up = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    response = login(cast.coach).get(reverse("plans:pop-pdf", args=[follow_up.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert text.index("Evaluatie van de acties") < text.index("Persoonsgegevens")
