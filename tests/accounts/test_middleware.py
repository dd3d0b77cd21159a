"""Request-wide protections from popsite.accounts.middleware."""

from __future__ import annotations

import time

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


def _session_times(client, **times: int) -> None:
    session = client.session
    session.update(times)
    session.save()


def test_a_session_ends_after_the_idle_time(cast, login, settings):
    client = login(cast.coach)
    home = reverse("plans:coach-home")
    assert client.get(home).status_code == 200
    now = int(time.time())
    _session_times(client, seen_at=now - settings.SESSION_IDLE_SECONDS - 5)
    response = client.get(home, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login") + "?next=")
    assert "Je bent afgemeld omdat je sessie verlopen is." in response.content.decode()
    assert client.get(home).status_code == 302


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(cast, login, settings):
    client = login(cast.coach)
    home = reverse("plans:coach-home")
    client.get(home)
    now = int(time.time())
    _session_times(client, started_at=now - settings.SESSION_MAX_SECONDS - 5, seen_at=now)
    assert client.get(home).status_code == 302


def test_activity_keeps_a_session_alive_and_the_page_says_how_long(cast, login, settings):
    client = login(cast.coach)
    client.get(reverse("plans:coach-home"))
    now = int(time.time())
    _session_times(client, seen_at=now - settings.SESSION_IDLE_SECONDS + 60)
    # What static/js/session.js fetches while someone types:
    client.get(reverse("accounts:health"))
    assert client.session["seen_at"] >= now
    page = client.get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    assert f'data-idle="{settings.SESSION_IDLE_SECONDS}"' in page
    assert 'src="/static/js/session.js"' in page


def test_session_defaults_suit_shared_pcs():
    from django.conf import settings

    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_MAX_SECONDS == 12 * 3600


def test_a_body_over_the_upload_limit_is_refused_before_it_is_read(cast, login, settings):
    client = login(cast.coach)
    url = reverse("plans:pop", args=[cast.pop.pk])
    # The header alone decides: the (small) body is never read.
    response = client.post(url, {}, CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1))
    assert response.status_code == 413
    assert "hoogstens 10 MB" in response.content.decode()
    assert client.post(url, {}, CONTENT_LENGTH="100").status_code != 413
