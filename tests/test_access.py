"""Role x URL: every URL pattern of the project, with the answer each role gets.

A URL without a row here fails ``test_every_url_has_a_row``. Outsiders get 404,
never a hint that the object exists; anonymous visitors go to the login page.
"""

from __future__ import annotations

import copy

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import Row
from tests.accounts.access_rows import ROWS as ACCOUNTS_ROWS
from tests.conftest import Cast, built_once, make_cast
from tests.methods.access_rows import ROWS as METHODS_ROWS
from tests.plans.access_rows import ROWS as PLANS_ROWS
from tests.registration.access_rows import ROWS as REGISTRATION_ROWS

ROLES = [
    "anonymous",
    "worker",
    "other_worker",
    "coach",
    "other_coach",
    "trainer",
    "ambassador",
    "registrar",
    "floor_supervisor",
    "other_floor_supervisor",
    "admin",
    "supervisor",
    "expired_supervisor",
    "revoked_supervisor",
]

# Django's own views, tested by Django (our templates for them are tested in
# tests/accounts): the admin site, language switch, login and password reset.
NOT_OURS = {
    "admin",
    "set_language",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}

ROWS: dict[str, Row] = {**ACCOUNTS_ROWS, **PLANS_ROWS, **METHODS_ROWS, **REGISTRATION_ROWS}


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_OURS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name not in NOT_OURS:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture(scope="module")
def _module_cast(django_db_setup, django_db_blocker):
    # One cast for the ~1,800 tests of the matrix, each of them in a savepoint.
    yield from built_once(django_db_blocker, make_cast)


@pytest.fixture
def cast(_module_cast, db) -> Cast:
    # A copy per test, so a test that changes an object in memory leaves the next one alone.
    return copy.deepcopy(_module_cast)


def test_every_url_has_a_row():
    assert _url_names(get_resolver()) == set(ROWS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_role_gets_the_expected_answer(cast, login, url_name, role):
    row = ROWS[url_name]
    client = login(cast.by_name(role))
    url = reverse(url_name, args=row.args(cast))
    response = getattr(client, row.method)(url, row.data)
    assert response.status_code == row.expected(role), f"{role} {row.method.upper()} {url}"
    if role == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
