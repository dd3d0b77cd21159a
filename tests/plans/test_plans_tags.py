"""The coach home's rows written in Python are the HTML the template's loop wrote."""

from __future__ import annotations

import datetime

from django.template import Context, Template

from plans.selectors import CoachRow
from plans.templatetags.plans_tags import coach_rows

# The loop the coach home's template ran before, row by row.
TEMPLATE_LOOP = Template(
    """{% for t in trajectories %}
    <tr>
      <td><a href="{{ t.url }}">{{ t.worker }}</a><br><small class="text-muted">{{ t.organisation }}</small></td>
      <td data-label="{{ phase_label }}">{{ t.phase }}</td>
      <td data-label="{{ last_label }}">{{ t.last_contact_shown|default:"–" }}</td>
      <td data-label="{{ next_label }}">{{ t.next_contact_shown|default:"–" }}</td>
      <td data-label="{{ overdue_label }}">{% if t.overdue_actions %}<span class="badge text-bg-danger">{{ t.overdue_actions }}</span>{% else %}0{% endif %}</td>
      <td data-label="{{ attention_label }}"><span class="d-inline-flex flex-wrap gap-1">
        {% if not t.generic_actions %}<span class="badge text-bg-warning">{{ no_generic }}</span>{% endif %}
        {% if not t.technical_actions %}<span class="badge text-bg-warning">{{ no_technical }}</span>{% endif %}
      </span></td>
    </tr>
{% endfor %}"""
)

LABELS = {
    "phase_label": "Fase",
    "last_label": "Laatste <contact>",
    "next_label": "Volgend contact",
    "overdue_label": "Acties & te laat",
    "attention_label": 'Aandacht "nu"',
    "no_generic": "geen generieke actie",
    "no_technical": "geen <technische> actie",
}


def row(pk: int, **values) -> CoachRow:
    day = datetime.date(2026, 3, 4)
    return CoachRow(
        **{
            "pk": pk,
            "url": f"/trajecten/{pk}/",
            "worker": "Pieter D'Hondt",
            "organisation": "Groene <Keuken> & co",
            "phase": "Uitvoeren",
            "last_contact": day,
            "next_contact": None,
            "last_contact_shown": "04/03/2026",
            "next_contact_shown": "",
            "overdue_actions": 0,
            "generic_actions": 1,
            "technical_actions": 1,
            **values,
        }
    )


def squeezed(html: str) -> str:
    return "".join(html.split())


def test_the_rows_are_the_html_of_the_template_loop_escaped_alike():
    rows = [
        row(1),
        row(2, overdue_actions=3, generic_actions=0),
        row(3, technical_actions=0, generic_actions=0, last_contact_shown=""),
        row(4, worker="<b>w.17</b>", next_contact_shown="09/03/2026", phase="Fase & zo"),
    ]
    written = coach_rows(rows, *LABELS.values())
    expected = TEMPLATE_LOOP.render(Context({"trajectories": rows, **LABELS}))
    assert squeezed(written) == squeezed(expected)
    # Line for line too, as a page shows them to a reader of the source.
    assert [line.strip() for line in written.splitlines() if line.strip()] == [
        line.strip() for line in expected.splitlines() if line.strip()
    ]
    assert "&lt;b&gt;w.17&lt;/b&gt;" in written and "<b>" not in written


def test_no_rows_write_nothing():
    assert coach_rows([], *LABELS.values()) == ""
