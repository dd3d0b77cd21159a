"""The Content-Security-Policy forbids inline scripts, styles and handlers: no template may use them."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# Print documents are rendered by WeasyPrint, never served to a browser (500.html
# is rendered without context and keeps no styles at all).
PRINT_ONLY = {"500.html", "print_base.html"}
PAGES = sorted(
    p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.as_posix() and p.name not in PRINT_ONLY
)


@pytest.mark.parametrize("template", PAGES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_inline_script_style_or_handler(template):
    text = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", text)
    assert not re.search(r"\sstyle=", text)
    assert not re.search(r"\son[a-z]+=", text)
    assert "<style" not in text
