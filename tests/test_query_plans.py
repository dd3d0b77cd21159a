"""No main page reads a table that grows with the number of workers from start to end.

A query count stays the same while a query's time grows with the whole database
(the reminders on every home page once read all trajectories for one person), so this
asks PostgreSQL itself: every query of every main page is EXPLAINed on a few thousand
rows of other organisations' load data, with sequential scans and merge joins priced
out (on a few thousand rows either can be the cheapest plan; the question here is
whether an index plan exists). A scan of a growing table that still reads it whole (a
sequential scan, or an index scan with no index condition) has no index that narrows
it: its cost grows with data the page does not show. It fails on the reminders query
as it was (an OR of the worker column and the joined coaches table). SQLite has no
such planner to ask; the test runs on PostgreSQL only.
"""

from __future__ import annotations

import datetime
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from methods.models import Worksheet
from tests.conftest import make_cast
from tests.methods.factories import worksheet
from tests.plans.test_queries import add_coached_workers, fill_pop
from tests.registration.factories import completed_trajectory
from tests.test_query_budget import PAGES

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="asks the PostgreSQL planner"
)

# Tables that do not grow with the number of workers: read whole, they stay small.
FIXED_SIZE = {
    "accounts_organisation",
    "auth_group",
    "auth_permission",
    "django_content_type",
    "methods_card",
    "methods_carddeck",
    "methods_competencedefinition",
    "methods_functionprofile",
    "methods_functionprofile_competences",
    "methods_method",
    "methods_variantstep",
    "methods_variantstep_methods",
    "plans_poptemplate",
    "plans_poptemplateitem",
}

MANY_ROWS = 400

MORE_PAGES = [
    ("coach", "methods:worksheets", lambda c: [c.trajectory.pk]),
    ("coach", "methods:worksheet", lambda c: [Worksheet.objects.get(trajectory=c.trajectory).pk]),
    ("coach", "methods:plan", lambda c: [c.trajectory.pk]),
    ("coach", "plans:portfolio", lambda c: [c.trajectory.pk]),
    ("coach", "plans:growth", lambda c: [c.trajectory.pk]),
]


def plan_nodes(sql: str) -> list[dict]:
    """Every node of the query's plan, with sequential scans and merge joins priced out."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_mergejoin = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_mergejoin")
    if isinstance(plan, str):
        plan = json.loads(plan)
    found = []
    nodes = [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        found.append(node)
    return found


def whole_table_reads(sql: str, loaded_tables: set[str]) -> list[str]:
    """The growing tables this query's plan reads without an index condition."""
    found = []
    for node in plan_nodes(sql):
        table = node.get("Relation Name")
        if table not in loaded_tables:
            continue
        kind = node["Node Type"]
        if kind == "Seq Scan" or (
            kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node
        ):
            found.append(f"{kind} on {table}")
    return found


@pytest.fixture
def loaded(db):
    """The cast's pages with some data of their own, made after 500 other workers'
    (newest rows last, as in a database in use). Returns the cast and the growing
    tables the load data fills: on a table of a few rows a plan says nothing."""
    call_command("seed_load", scale=0.05, stdout=StringIO())
    cast = make_cast()
    add_coached_workers(cast, 10)
    fill_pop(cast.pop, 10)
    worksheet(cast.trajectory)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= %s",
            [MANY_ROWS],
        )
        tables = {name for (name,) in cursor.fetchall()} - FIXED_SIZE
    assert {"plans_trajectory", "plans_popversion", "plans_action"} <= tables
    return cast, tables


def problems_of(queries: CaptureQueriesContext, tables: set[str]) -> dict[str, list[str]]:
    return {
        query["sql"]: reads
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("SELECT", "(SELECT", "WITH"))
        and (reads := whole_table_reads(query["sql"], tables))
    }


@pytest.mark.parametrize(
    ("role", "url_name", "args"), PAGES + MORE_PAGES, ids=[p[1] for p in PAGES + MORE_PAGES]
)
def test_page_reads_no_growing_table_whole(loaded, login, role, url_name, args):
    cast, tables = loaded
    client = login(cast.by_name(role))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(url_name, args=args(cast))).status_code == 200
    problems = problems_of(queries, tables)
    assert not problems, "\n\n".join(f"{reads}: {sql}" for sql, reads in problems.items())


def test_the_trainer_home_of_one_coach_reads_no_growing_table_whole(loaded, login):
    """The trainer's list narrowed to one coach: its count and rows take two subqueries
    more (the coach's trajectories, their organisations as a coach)."""
    cast, tables = loaded
    client = login(cast.trainer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:trainer-home"), {"coach": cast.coach.pk})
    assert response.status_code == 200
    problems = problems_of(queries, tables)
    assert not problems, "\n\n".join(f"{reads}: {sql}" for sql, reads in problems.items())


def test_the_export_check_of_one_organisation_reads_no_growing_table_whole(loaded, login):
    """The checked month: each of the organisation's trajectories' first agreement is
    probed by index, not the month's agreements of every organisation hashed."""
    cast, tables = loaded
    november = datetime.datetime(2026, 11, 10, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    completed_trajectory(cast.organisation, november, consent="")
    client = login(cast.registrar)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(
            reverse("registration:export"),
            {"month": "2026-11", "organisation": cast.organisation.slug},
        )
    assert page.status_code == 200 and "is niet ondertekend" in page.content.decode()
    problems = problems_of(queries, tables)
    assert not problems, "\n\n".join(f"{reads}: {sql}" for sql, reads in problems.items())
    (check,) = [q["sql"] for q in queries.captured_queries if "plans_popversion" in q["sql"]]
    versions = [n for n in plan_nodes(check) if n.get("Relation Name") == "plans_popversion"]
    assert versions and all("trajectory_id" in n.get("Index Cond", "") for n in versions)
