"""The export check's list: every value escaped as the template would."""

from __future__ import annotations

from django.template import Context, Template

from registration.selectors import Missing


def test_missing_items_escape_what_people_typed():
    missing = [
        Missing("consent", "Tom & Co", "Toestemming van <b>Jan</b> ontbreekt.", "/t/?a=1&b=2", 7)
    ]
    html = Template(
        '{% load i18n export_tags %}{% translate "aanvullen" as fill_in %}'
        "{{ missing|missing_items:fill_in }}"
    ).render(Context({"missing": missing}))
    assert html == (
        '\n<li class="list-group-item"><span class="text-muted">Tom &amp; Co:</span> '
        "Toestemming van &lt;b&gt;Jan&lt;/b&gt; ontbreekt. "
        '<a href="/t/?a=1&amp;b=2">aanvullen</a></li>'
    )
