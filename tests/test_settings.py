"""Settings read from the environment: each case in a fresh process, as a server starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SENTRY_DSN", "LOG_FORMAT"}}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "popsite.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_admins_and_the_server_address_come_from_the_environment():
    shown = run(
        "from django.conf import settings; print(settings.ADMINS, settings.SERVER_EMAIL)",
        ADMINS="Beheer ICT <it@example.org>, ict@example.org",
        SERVER_EMAIL="pop@example.org",
    ).stdout
    assert shown.strip() == (
        "[('Beheer ICT', 'it@example.org'), ('', 'ict@example.org')] pop@example.org"
    )


def test_json_logs_are_one_object_a_line_with_the_exception():
    err = run(
        "import logging\n"
        "try:\n    1 / 0\n"
        "except ZeroDivisionError:\n    logging.getLogger('pop').exception('mislukt: %s', 'é')",
        LOG_FORMAT="json",
    ).stderr
    entry = json.loads(err.strip().splitlines()[-1])
    assert (entry["level"], entry["logger"], entry["message"]) == ("ERROR", "pop", "mislukt: é")
    assert "ZeroDivisionError" in entry["exception"]


def test_plain_logs_by_default():
    err = run("import logging; logging.getLogger('pop').warning('let op')").stderr
    assert err.strip().endswith("WARNING pop let op")


def test_sentry_starts_only_with_a_dsn_and_never_sends_personal_data():
    check = (
        "import sentry_sdk; c = sentry_sdk.get_client()\n"
        "print(c.is_active(), c.options['send_default_pii'] if c.is_active() else None)"
    )
    assert run(check).stdout.strip() == "False None"
    # A loopback address: nothing is sent unless an error is reported.
    assert run(check, SENTRY_DSN="http://key@127.0.0.1:9/1").stdout.strip() == "True False"
