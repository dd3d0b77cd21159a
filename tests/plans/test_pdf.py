import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from plans import services
from plans.models import PopVersion
from plans.pdf import MAX_NAME, name_part, pop_filename
from tests.factories import ActionFactory, SummaryItemFactory, agreeable_pop, confirm

LONG = "Abcdefghij" * 15  # 150 characters


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        ("Peeters", "Sofie", "20260309_POP_PEETERS_SOFIE.pdf"),
        ("van der Berg", "Jan", "20260309_POP_VANDERBERG_JAN.pdf"),
        ("Van den Broeck", "Lieve", "20260309_POP_VANDENBROECK_LIEVE.pdf"),
        ("De Smet-Vermeulen", "An", "20260309_POP_DESMET-VERMEULEN_AN.pdf"),
        ("De Smet – Vermeulen", "An", "20260309_POP_DESMET-VERMEULEN_AN.pdf"),  # en dash
        ("D'Hondt", "Zoë", "20260309_POP_DHONDT_ZOE.pdf"),
        ("O’Brien", "Seán", "20260309_POP_OBRIEN_SEAN.pdf"),
        ("Dubois", "Chloé-Anaïs", "20260309_POP_DUBOIS_CHLOE-ANAIS.pdf"),
        ("Yılmaz", "Şükrü", "20260309_POP_YILMAZ_SUKRU.pdf"),
        ("Öztürk", "İbrahim", "20260309_POP_OZTURK_IBRAHIM.pdf"),
        ("Nguyễn", "Thị Đức", "20260309_POP_NGUYEN_THIDUC.pdf"),
        ("Иванов", "Сергей", "20260309_POP_IVANOV_SERGEY.pdf"),
        ("محمد", "علي", "20260309_POP_MHMD_LY.pdf"),
        ("Müller", "", "20260309_POP_MULLER.pdf"),
        ("Jean - Luc", "-", "20260309_POP_JEAN-LUC.pdf"),
    ],
)
def test_file_name_of_a_real_name(cast, last, first, expected):
    worker = cast.worker
    worker.last_name, worker.first_name = last, first
    pop = PopVersion(trajectory=cast.trajectory, number=1)
    pop.agreed_at = datetime.datetime(2026, 3, 9, 10, 0, tzinfo=datetime.UTC)
    name = pop_filename(pop)
    assert name == expected
    assert "__" not in name and not name.removesuffix(".pdf").endswith(("_", "-"))
    assert name.isascii()


def test_a_very_long_name_is_capped_without_a_trailing_separator(cast):
    cast.worker.last_name, cast.worker.first_name = LONG, LONG
    pop = PopVersion(trajectory=cast.trajectory, number=1)
    pop.agreed_at = datetime.datetime(2026, 3, 9, 10, 0, tzinfo=datetime.UTC)
    name = pop_filename(pop)
    assert len(name) == MAX_NAME
    assert name.startswith("20260309_POP_ABCDEFGHIJ") and name.endswith(".pdf")
    assert not name.removesuffix(".pdf").endswith(("_", "-"))
    cast.worker.last_name = "Peeters_" + "x" * 79
    capped = pop_filename(pop)
    assert len(capped) <= MAX_NAME and not capped.removesuffix(".pdf").endswith(("_", "-"))
    pop.agreed_at = None
    assert pop_filename(pop).endswith("_ONTWERP.pdf") and len(pop_filename(pop)) <= MAX_NAME


def test_name_part_keeps_a_hyphen_and_drops_the_rest():
    assert name_part("Jean–Luc") == "JEAN-LUC"
    assert name_part("  ") == ""


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


def test_a_long_word_in_the_action_table_breaks_with_a_hyphen_and_a_short_one_not(cast, login):
    """It read "(werkvloerbegelei" and "der)" on two lines: a word cut where it ran out of room."""
    ActionFactory(
        pop=cast.pop, description="Elke dag een vraag stellen", helper="Luc (werkvloerbegeleider)"
    )
    response = login(cast.coach).get(reverse("plans:pop-pdf", args=[cast.pop.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    lines = [line.strip() for line in text.splitlines()]
    broken = next(i for i, line in enumerate(lines) if "(werkvloer" in line)
    assert lines[broken].endswith("\u2010"), lines[broken : broken + 2]
    assert "stel\u2010" not in text and "vraag stellen" in text.replace("\n", " ")
