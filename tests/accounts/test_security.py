import os
import re
import subprocess
import sys
from pathlib import Path

from django.core import mail
from django.urls import reverse

import popsite.settings
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_check_is_clean_with_production_settings():
    # The browser tests allow sync ORM calls in their own process; a server never does.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "x9!" + "k3Vq7zR2pL8mW4nT6yB1cD5fG0hJ" * 2,
        "ALLOWED_HOSTS": "pop.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_passwords_are_hashed_with_argon2():
    assert popsite.settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_pages_send_a_strict_content_security_policy_and_no_inline_script(cast, login):
    response = login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode())
    assert " style=" not in response.content.decode()


def test_session_cookie_is_http_only(cast, client):
    client.post(reverse("login"), {"username": cast.coach.email, "password": PASSWORD})
    assert client.cookies["sessionid"]["httponly"]


def test_login_is_locked_after_five_failures_even_with_the_right_password(cast, client):
    for _ in range(4):
        client.post(reverse("login"), {"username": cast.coach.email, "password": "fout"})
    response = client.post(reverse("login"), {"username": cast.coach.email, "password": "fout"})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    response = client.post(reverse("login"), {"username": cast.coach.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account_not_for_everyone(cast, client):
    for _ in range(5):
        client.post(reverse("login"), {"username": cast.coach.email, "password": "fout"})
    response = client.post(reverse("login"), {"username": cast.worker.email, "password": PASSWORD})
    assert response.status_code == 302


def test_password_reset_mails_a_dutch_link_that_sets_a_new_password(cast, client):
    client.post(reverse("password_reset"), {"email": cast.worker.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor de POP-werking"
    assert "Dag Sofie" in message.body
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    form_url = client.get(link).url
    response = client.post(
        form_url, {"new_password1": "Nieuw-geheim-2026!", "new_password2": "Nieuw-geheim-2026!"}
    )
    assert response.url == reverse("password_reset_complete")
    cast.worker.refresh_from_db()
    assert cast.worker.check_password("Nieuw-geheim-2026!")


def test_password_reset_does_not_tell_whether_an_address_exists(db, client):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"}, follow=True)
    assert "Als dit e-mailadres bij ons bekend is" in response.content.decode()
    assert not mail.outbox


def _start_app(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import popsite.wsgi"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_the_app_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _start_app(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert _start_app(DEBUG="0", SECRET_KEY="").returncode != 0


def test_the_app_starts_with_its_own_secret_key_or_in_debug_mode():
    assert _start_app(DEBUG="0", SECRET_KEY="a-long-random-production-key").returncode == 0
    assert _start_app(DEBUG="1").returncode == 0
