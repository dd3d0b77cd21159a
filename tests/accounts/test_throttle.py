"""Login throttling: by account and address together, the address read through our
own proxies, and a limit per address against password spraying."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from popsite.accounts.models import Role
from popsite.accounts.throttle import client_address
from tests.factories import PASSWORD, member

BALANCER = "10.0.0.2"


@pytest.fixture
def behind_balancer(settings):
    settings.TRUSTED_PROXIES = 1


def log_in(client, email: str, password: str, client_ip: str, forged: str = ""):
    forwarded = f"{forged}, {client_ip}" if forged else client_ip
    return client.post(
        reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_the_balancer_an_attacker_cannot_lock_someone_elses_account(
    cast, client, behind_balancer
):
    for _ in range(6):
        assert log_in(client, cast.coach.email, "fout", "203.0.113.9").status_code in (200, 429)
    assert log_in(client, cast.coach.email, PASSWORD, "203.0.113.9").status_code == 429
    # The coach, from the shop floor, through the same load balancer:
    assert log_in(client, cast.coach.email, PASSWORD, "198.51.100.7").status_code == 302


def test_a_forged_forwarded_for_does_not_change_the_address(cast, client, behind_balancer):
    for _ in range(5):
        log_in(client, cast.coach.email, "fout", "203.0.113.9", forged="198.51.100.7")
    # The attacker claims the coach's address; the balancer's own entry still counts.
    assert log_in(client, cast.coach.email, PASSWORD, "198.51.100.7").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(cast, client, behind_balancer, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20
    answers = []
    for number in range(25):
        user = member(cast.organisation, Role.WORKER, email=f"werknemer{number}@example.org")
        answers.append(log_in(client, user.email, "Zomer2026!", "203.0.113.9").status_code)
    assert answers[:19] == [200] * 19
    assert answers[19:] == [429] * 6
    # Logging in to one's own account from there is refused too, and resets nothing.
    assert log_in(client, cast.worker.email, PASSWORD, "203.0.113.9").status_code == 429
    assert log_in(client, cast.worker.email, PASSWORD, "198.51.100.7").status_code == 302


def test_a_successful_login_does_not_reset_the_address_count(cast, client, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 3
    for number in range(2):
        user = member(cast.organisation, Role.WORKER, email=f"w{number}@example.org")
        client.post(reverse("login"), {"username": user.email, "password": "fout"})
    client.post(reverse("login"), {"username": cast.coach.email, "password": PASSWORD})
    client.logout()
    client.post(reverse("login"), {"username": cast.worker.email, "password": "fout"})
    response = client.post(reverse("login"), {"username": cast.worker.email, "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", BALANCER),
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.3", "1.1.1.1"),
        # Fewer hops than proxies: the request did not come through them all.
        (2, "1.1.1.1", BALANCER),
        (1, "", BALANCER),
    ],
)
def test_client_address_is_read_through_the_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
