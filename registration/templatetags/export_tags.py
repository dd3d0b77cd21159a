"""Template helpers for the monthly registration's export page."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from registration.selectors import Missing

register = template.Library()


@register.filter
def missing_items(missing: list[Missing], fill_in: str) -> SafeString:
    """The check's list items, each with its organisation, text and link, escaped as the
    template would. Written here (150 rows and more): the template's loop cost ~7 us a
    row. The items' texts are plain strings, so they go through html.escape, which is
    what Django's escape runs: format_html_join, with its check for lazy strings on every
    value, cost ~1.5 ms more for 150 rows (the page's median 5.3x the floor, not 4.8x)."""
    link = conditional_escape(fill_in)
    return mark_safe(
        "".join(
            f'\n<li class="list-group-item"><span class="text-muted">{escape(item.organisation)}:'
            f'</span> {escape(item.text)} <a href="{escape(item.url)}">{link}</a></li>'
            for item in missing
        )
    )
