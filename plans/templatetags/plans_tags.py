"""Template helpers for the plans pages."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

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
    labels = [escape(label) for label in (phase_label, last_label, next_label, overdue_label)]
    attention = escape(attention_label)
    generic = format_html('<span class="badge text-bg-warning">{}</span>', no_generic)
    technical = format_html('<span class="badge text-bg-warning">{}</span>', no_technical)
    return format_html_join(
        "",
        "\n<tr>"
        '\n<td><a href="{}">{}</a><br><small class="text-muted">{}</small></td>'
        '\n<td data-label="{}">{}</td>'
        '\n<td data-label="{}">{}</td>'
        '\n<td data-label="{}">{}</td>'
        '\n<td data-label="{}">{}</td>'
        '\n<td data-label="{}"><span class="d-inline-flex flex-wrap gap-1">'
        "\n{}\n{}"
        "\n</span></td>"
        "\n</tr>",
        (
            (
                row["url"],
                row["worker"],
                row["organisation"],
                labels[0],
                row["phase"],
                labels[1],
                row["last_contact_shown"] or "–",
                labels[2],
                row["next_contact_shown"] or "–",
                labels[3],
                _overdue(row["overdue_actions"]),
                attention,
                "" if row["generic_actions"] else generic,
                "" if row["technical_actions"] else technical,
            )
            for row in rows
        ),
    )


def _overdue(count: int) -> SafeString | int:
    return format_html('<span class="badge text-bg-danger">{}</span>', count) if count else 0
