"""Template helpers for the plans pages."""

from __future__ import annotations

import html

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from plans.selectors import CoachRow

register = template.Library()


@register.simple_tag
def coach_rows(
    rows: list[CoachRow],
    phase_label: str,
    last_label: str,
    next_label: str,
    overdue_label: str,
    attention_label: str,
    no_generic: str,
    no_technical: str,
) -> SafeString:
    """The coach home's table rows, escaped as the template would. Written here (a coach
    has a hundred workers): the template's loop cost ~50 us a row, its cells' values
    and conditions one lookup each. The labels come from the template's translations,
    escaped once for every row."""
    phase, last, next_, overdue = (
        escape(label) for label in (phase_label, last_label, next_label, overdue_label)
    )
    attention = escape(attention_label)
    generic = format_html('<span class="badge text-bg-warning">{}</span>', no_generic)
    technical = format_html('<span class="badge text-bg-warning">{}</span>', no_technical)
    # The rows' own values are plain strings: html.escape, which Django's escape runs,
    # without format_html's check for lazy strings on each of ~900 values (~1 ms).
    e = html.escape
    return mark_safe(
        "".join(
            "\n<tr>"
            f'\n<td><a href="{e(row["url"])}">{e(row["worker"])}</a><br>'
            f'<small class="text-muted">{e(row["organisation"])}</small></td>'
            f'\n<td data-label="{phase}">{e(row["phase"])}</td>'
            f'\n<td data-label="{last}">{e(row["last_contact_shown"] or "–")}</td>'
            f'\n<td data-label="{next_}">{e(row["next_contact_shown"] or "–")}</td>'
            f'\n<td data-label="{overdue}">{_overdue(row["overdue_actions"])}</td>'
            f'\n<td data-label="{attention}"><span class="d-inline-flex flex-wrap gap-1">'
            f"\n{'' if row['generic_actions'] else generic}"
            f"\n{'' if row['technical_actions'] else technical}"
            "\n</span></td>"
            "\n</tr>"
            for row in rows
        )
    )


def _overdue(count: int) -> SafeString | int:
    return format_html('<span class="badge text-bg-danger">{}</span>', count) if count else 0
