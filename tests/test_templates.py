"""Template source that Django would print instead of hiding."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

# Django's {# #} comment ends at the line's end: one left open is printed on the page.
OPEN_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$", re.MULTILINE)


def test_no_template_opens_a_comment_it_does_not_close_on_the_same_line():
    folders = [Path(settings.BASE_DIR) / "templates"]
    offenders = [
        str(path)
        for folder in folders
        for path in folder.rglob("*.html")
        if OPEN_COMMENT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
