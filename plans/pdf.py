"""The POP document as a PDF, laid out like the paper actieplan-sjabloon."""

from __future__ import annotations

import re
import unicodedata

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from plans.models import PopVersion

# Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
    }
)


def name_part(name: str) -> str:
    """Upper-case ASCII for the VDAB file name.

    Accents are folded (Zoë -> ZOE, Yılmaz -> YILMAZ); spaces, apostrophes and particles are run
    together so the underscores stay the only separators (van der Berg ->
    VANDERBERG); a hyphen inside a double name stays (De Smet-Vermeulen ->
    DESMET-VERMEULEN).
    """
    folded = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    folded = folded.encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Z0-9-]", "", folded.upper())
    return re.sub(r"-{2,}", "-", cleaned).strip("-")


def pop_filename(pop: PopVersion) -> str:
    """JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf on the agreement date; a draft says so."""
    worker = pop.trajectory.worker
    when = timezone.localtime(pop.agreed_at).date() if pop.agreed_at else timezone.localdate()
    suffix = "" if pop.is_agreed else "_ONTWERP"
    return f"{when:%Y%m%d}_POP_{name_part(worker.last_name)}_{name_part(worker.first_name)}{suffix}.pdf"


def render_pop_pdf(pop: PopVersion, *, appendix_html: str = "") -> bytes:
    """The POP document; with ``appendix_html`` (the cycle's worksheets) its pages follow."""
    html = render_to_string("plans/pop_pdf.html", {"pop": pop, "trajectory": pop.trajectory})
    document = HTML(string=html).render()
    if appendix_html:
        appendix = HTML(string=appendix_html, base_url="/").render()
        document = document.copy(document.pages + appendix.pages)
    return document.write_pdf()
