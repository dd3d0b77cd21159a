"""Request-wide protections from popsite.accounts.middleware."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.test_access import ROWS

ALLOWED = sorted((name, role) for name, row in ROWS.items() for role in row.allowed)


@pytest.mark.parametrize(("url_name", "role"), ALLOWED)
def test_every_page_and_download_a_role_may_open_is_not_stored(cast, login, url_name, role):
    row = ROWS[url_name]
    client = login(cast.by_name(role))
    response = getattr(client, row.method)(reverse(url_name, args=row.args(cast)), row.data)
    assert response.status_code == row.allowed[role]
    assert response["Cache-Control"] == "no-store"


def test_the_login_page_is_not_stored_either(client):
    assert client.get(reverse("login"))["Cache-Control"] == "no-store"
