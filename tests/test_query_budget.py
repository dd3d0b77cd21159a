"""No page above 20 queries: every role's main pages, with some data on them.

That a page's count does not grow with the data is pinned per app, at two data sizes
(tests/*/test_queries.py); this is the ceiling across the whole site.
"""

import pytest
from django.urls import reverse

from tests.plans.test_queries import add_coached_workers, fill_pop

BUDGET = 20

PAGES = [
    ("coach", "plans:coach-home", lambda c: []),
    ("coach", "plans:coach-archive", lambda c: []),
    ("coach", "methods:agenda", lambda c: []),
    ("coach", "plans:trajectory", lambda c: [c.trajectory.pk]),
    ("coach", "plans:pop", lambda c: [c.pop.pk]),
    ("coach", "methods:catalogue", lambda c: []),
    ("coach", "registration:hours-list", lambda c: []),
    ("worker", "plans:worker-home", lambda c: []),
    ("worker", "plans:portfolio", lambda c: [c.trajectory.pk]),
    ("worker", "plans:who-looked", lambda c: []),
    ("trainer", "plans:trainer-home", lambda c: []),
    ("trainer", "registration:training-list", lambda c: []),
    ("ambassador", "plans:ambassador-home", lambda c: []),
    ("registrar", "registration:export", lambda c: []),
    ("ambassador", "plans:team-matrix", lambda c: []),
    ("supervisor", "plans:shared-portfolios", lambda c: []),
    ("supervisor", "plans:growth", lambda c: [c.trajectory.pk]),
    ("admin", "accounts:admin-home", lambda c: []),
]


@pytest.mark.parametrize(("role", "url_name", "args"), PAGES, ids=[p[1] for p in PAGES])
def test_page_stays_within_the_query_budget(
    cast, login, django_assert_max_num_queries, role, url_name, args
):
    add_coached_workers(cast, 10)
    fill_pop(cast.pop, 10)
    client = login(cast.by_name(role))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse(url_name, args=args(cast)))
    assert response.status_code == 200
