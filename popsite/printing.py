"""Every print document goes through here: Dutch, with the shipped font, tagged.

The documents go to VDAB and the funder, so they are Dutch whatever language the
person asking reads the site in. The font is shipped in static/fonts (DejaVu Sans)
and loaded with @font-face from print_base.html, so the output does not depend on
the fonts a machine happens to have. Tagged PDF (pdf_tags) lets a screen reader
follow headings and tables; the language (/Lang nl) and title come from the HTML.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.document import Document

FONTS = settings.BASE_DIR / "static" / "fonts"
PDF_OPTIONS = {"pdf_tags": True}


def render_html(template: str, context: dict[str, Any]) -> str:
    with translation.override("nl"):
        return render_to_string(template, context)


def layout(html: str) -> Document:
    """Pages of one document; relative URLs (the font) resolve in static/fonts."""
    return HTML(string=html, base_url=FONTS.as_uri() + "/").render(**PDF_OPTIONS)


def to_pdf(document: Document) -> bytes:
    return document.write_pdf(**PDF_OPTIONS)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    return to_pdf(layout(render_html(template, context)))
