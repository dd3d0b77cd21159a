"""Hostile input in every form of every page, for every role that may open the page.

The forms are read from the served pages themselves (tests/pages.py), so a new form
is covered without a line here. Each field gets what the page offered or something
hostile of its kind: long and odd text, dates in year 1 or 9999, numbers beyond
64 bits, ids that do not exist or do not fit a database integer. After every post:
no 500 (the test client raises it), nothing half saved when the form was refused,
no date outside 2000-2100 and no text over its cap in the database, and the page
shows no injected markup. Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
Raise HOSTILE_EXAMPLES for a deeper run (default 4 posts per form)."""

from __future__ import annotations

import operator
import os
from functools import reduce

import pytest
from django.apps import apps
from django.contrib.messages import constants, get_messages
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from methods.models import CardDeck, WorksheetKind
from popsite.bounds import EARLIEST_DATE, LATEST_DATE, CappedTextField
from tests.methods.factories import kind_worksheet
from tests.pages import Field, Form, local_path, read_page
from tests.plans.test_hostile_input import HOSTILE_DATE, HOSTILE_NUMBER, HOSTILE_TEXT
from tests.test_access import ROLES, ROWS

OUR_APPS = ("accounts", "plans", "methods", "registration")
# Rows that change only what the audit log and the session hold.
NOT_DATA = {"accounts.AuditEvent"}
SKIP_ACTIONS = ("/i18n/", "/logout/")
HUGE_ID = str(2**64 + 7)
HOSTILE_ID = st.one_of(
    st.sampled_from([HUGE_ID, "-" + HUGE_ID, "0", "-1", "abc", "", "٣", "1" * 30, "1.5"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
HOSTILE_MONTH = st.one_of(
    st.sampled_from(["0001-01", "9999-12", "1999-12", "2026-13", "2026-00", "", "november"]),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}"),
)
HIDDEN = st.one_of(HOSTILE_NUMBER, st.sampled_from(["", "x" * 300]))
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "4"))


def _hostile(field: Field) -> st.SearchStrategy:
    if field.kind in ("checkbox", "radio", "select"):
        choice = st.one_of(st.sampled_from(field.options or [""]), HOSTILE_ID)
        return st.lists(choice, max_size=4 if field.kind == "checkbox" or field.multiple else 1)
    single = {
        "date": HOSTILE_DATE,
        "month": HOSTILE_MONTH,
        "number": HOSTILE_NUMBER,
        "hidden": HIDDEN,
    }.get(field.kind, HOSTILE_TEXT)
    return single.map(lambda value: [value])


def _snapshot() -> dict[str, list]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and model._meta.label not in NOT_DATA
    }


def _out_of_bounds() -> list[str]:
    """Stored values no form may let through."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        lengths, offending = {}, {}
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
                if f.name == "birth_date":
                    continue
                offending[f.name] = Q(**{f"{f.name}__lt": EARLIEST_DATE}) | Q(
                    **{f"{f.name}__gt": LATEST_DATE}
                )
            elif isinstance(f, CappedTextField):
                lengths[f"length_of_{f.name}"] = Length(f.name)
                offending[f.name] = Q(**{f"length_of_{f.name}__gt": f.max_length})
        # One query per model after each post; the fields are named only when it finds any.
        rows = model.objects.annotate(**lengths)
        if offending and rows.filter(reduce(operator.or_, offending.values())).exists():
            found += [
                f"{model._meta.label}.{name}"
                for name, q in offending.items()
                if rows.filter(q).exists()
            ]
    return found


def _refused(response) -> bool:
    if response.status_code == 200:
        return True  # the form came back with its errors
    return any(m.level == constants.ERROR for m in get_messages(response.wsgi_request))


def _forms_on(client, path: str) -> list[Form]:
    response = client.get(path)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    page = read_page(f"http://testserver{path}", response.content.decode())
    return [form for form in page.forms if not any(s in form.action for s in SKIP_ACTIONS)]


def _fuzz(client, page_path: str, form: Form) -> None:
    action = local_path(form.action)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def post_hostile(data):
        posted = form.defaults()
        for field in form.fields.values():
            if field.kind in ("file", "submit", "button", "reset", "image"):
                continue
            if data.draw(st.booleans(), label=f"change {field.name}"):
                posted[field.name] = data.draw(_hostile(field), label=field.name)
        before = _snapshot()
        response = client.post(action, posted)
        assert response.status_code < 500, (action, posted)
        if _refused(response):
            assert _snapshot() == before, f"half saved by a refused post to {action}"
        assert _out_of_bounds() == [], action
        shown = client.get(page_path).content.decode(errors="replace")
        assert "<script>alert(1)</script>" not in shown
        assert "<img src=x onerror" not in shown

    post_hostile()


def _fuzz_page(cast, login, path: str, roles: list[str]) -> int:
    """Fuzz each form once, for the first role that sees it; the number of forms."""
    seen: set[tuple] = set()
    for role in roles:
        client = login(cast.by_name(role))
        for form in _forms_on(client, path):
            key = (local_path(form.action), tuple(sorted(form.fields)))
            if key not in seen:
                seen.add(key)
                _fuzz(client, path, form)
    return len(seen)


@pytest.mark.parametrize("url_name", sorted(n for n, row in ROWS.items() if row.method == "get"))
def test_every_form_survives_hostile_input(cast, login, url_name):
    row = ROWS[url_name]
    path = reverse(url_name, args=row.args(cast))
    _fuzz_page(cast, login, path, [r for r in ROLES if row.allowed.get(r) == 200])


# The access rows open one kind of worksheet; each kind has its own form.
@pytest.mark.parametrize("kind", [k for k in WorksheetKind.values if k != WorksheetKind.NOTES])
def test_every_worksheet_form_survives_hostile_input(cast, login, kind):
    deck = CardDeck.objects.filter(organisation=None).first() if kind == "qualities" else None
    sheet = kind_worksheet(cast.trajectory, kind, deck=deck)
    forms = sum(
        _fuzz_page(cast, login, reverse(name, args=[sheet.pk]), ["coach", "worker"])
        for name in ("methods:worksheet-edit", "methods:worksheet")
    )
    assert forms >= 1


def test_the_form_reader_finds_the_contact_form(cast, login):
    path = reverse("plans:contact-create", args=[cast.trajectory.pk])
    (form,) = _forms_on(login(cast.coach), path)
    assert form.fields["date"].kind == "date"
    assert form.fields["notes"].kind == "textarea"
    assert "individual" in form.fields["kind"].options
