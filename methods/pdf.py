"""The worksheets of a POP cycle as a print appendix to the POP document."""

from __future__ import annotations

from django.core.files.storage import default_storage

from methods import selectors
from methods.sheets import sheet_context
from plans.models import PopVersion
from popsite.printing import layout, render_html, to_pdf


def _picture_uri(name: str) -> str | None:
    try:
        return "file://" + default_storage.path(name)
    except NotImplementedError:  # remote storage: the appendix goes without pictures
        return None


def appendix_html(pop: PopVersion) -> str:
    sheets = []
    for worksheet in selectors.cycle_worksheets(pop):
        context = sheet_context(worksheet)
        context["pictures"] = [
            (uri, p.caption)
            for p in worksheet.pictures.all()
            if (uri := _picture_uri(p.image.name))
        ]
        sheets.append(context)
    return render_html(
        "methods/worksheets_pdf.html", {"pop": pop, "trajectory": pop.trajectory, "sheets": sheets}
    )


def render_appendix_pdf(pop: PopVersion) -> bytes:
    return to_pdf(layout(appendix_html(pop)))
