"""Template helpers for the monthly registration's export page."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from registration.selectors import Missing

register = template.Library()


@register.filter
def missing_items(missing: list[Missing], fill_in: str) -> SafeString:
    """The check's list items, each with its organisation, text and link, escaped as the
    template would. Written here (150 rows and more): the template's loop cost ~7 us a
    row."""
    return format_html_join(
        "",
        '\n<li class="list-group-item"><span class="text-muted">{}:</span> {} '
        '<a href="{}">{}</a></li>',
        ((item.organisation, item.text, item.url, fill_in) for item in missing),
    )
