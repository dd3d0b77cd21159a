"""The worksheets of a POP cycle as a print appendix to the POP document."""

from __future__ import annotations

import base64
import logging

from methods import selectors
from methods.models import WorksheetPicture
from methods.sheets import sheet_context
from plans.models import PopVersion
from popsite.files import STORAGE_ERRORS
from popsite.printing import layout, render_html, to_pdf

logger = logging.getLogger(__name__)


def _picture_uri(picture: WorksheetPicture) -> str | None:
    """The picture inline, read through the storage API, so a bucket works as well as a
    disk; a picture the storage cannot give leaves the appendix without it."""
    try:
        with picture.image.storage.open(picture.image.name, "rb") as handle:
            data = base64.b64encode(handle.read()).decode()
    except STORAGE_ERRORS:
        logger.exception("Prent %s niet leesbaar voor de bijlage", picture.image.name)
        return None
    kind = "png" if picture.image.name.endswith(".png") else "jpeg"
    return f"data:image/{kind};base64,{data}"


def appendix_html(pop: PopVersion) -> str:
    sheets = []
    for worksheet in selectors.cycle_worksheets(pop):
        context = sheet_context(worksheet)
        context["pictures"] = [
            (uri, p.caption) for p in worksheet.pictures.all() if (uri := _picture_uri(p))
        ]
        sheets.append(context)
    return render_html(
        "methods/worksheets_pdf.html", {"pop": pop, "trajectory": pop.trajectory, "sheets": sheets}
    )


def render_appendix_pdf(pop: PopVersion) -> bytes:
    return to_pdf(layout(appendix_html(pop)))
