"""Mail under faults: a mail server that never answers, a closed port, a queue that
refuses. Nothing hangs, nothing is lost, and the scheduler sees a failure."""

from __future__ import annotations

import re
import socket
import threading
import time
from contextlib import closing

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plans.portfolio import reminders
from plans.portfolio.models import SentReminder
from tests.factories import ActionFactory


@pytest.fixture
def silent_mail_server():
    """Accepts connections and never says a word (no SMTP greeting)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def closed_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 0.5
    settings.EMAIL_ATTEMPTS = 2
    return settings


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# db_worker closes a connection that is inside a transaction (on PostgreSQL), so the
# tests that run it commit for real, as production does.
worker_db = pytest.mark.django_db(transaction=True)


def run_worker() -> float:
    started = time.monotonic()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    return time.monotonic() - started


@worker_db
def test_a_silent_mail_server_times_out_and_the_mail_is_tried_again_later(
    cast, smtp, silent_mail_server, database_backend
):
    smtp.EMAIL_PORT = silent_mail_server
    ActionFactory(pop=cast.pop, deadline=timezone.localdate())

    call_command("send_reminders")  # only queues: returns without touching the server
    assert DBTaskResult.objects.filter(status="READY").count() == 2  # worker and coach

    assert run_worker() < 5  # two mails, each given up on after EMAIL_TIMEOUT
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert failed.count() == 2
    assert all("timed out" in r.traceback for r in failed)  # smtplib's words for the timeout
    retries = DBTaskResult.objects.filter(status="READY")
    assert retries.count() == 2 and all(r.run_after > timezone.now() for r in retries)
    assert all(r.args_kwargs["kwargs"] == {"attempt": 2} for r in retries)
    assert SentReminder.objects.count() == 2  # still claimed while a retry waits

    retries.update(run_after=timezone.now())
    assert run_worker() < 5
    assert DBTaskResult.objects.filter(status="FAILED").count() == 4
    assert not DBTaskResult.objects.filter(status="READY").exists()  # attempts used up
    assert not SentReminder.objects.exists()  # given back: tomorrow's run tries again


def test_a_closed_mail_port_is_a_failed_run_not_a_silent_success(cast, smtp, closed_port):
    smtp.EMAIL_PORT = closed_port
    ActionFactory(pop=cast.pop, deadline=timezone.localdate())
    with pytest.raises(CommandError, match="2 e-mail"):
        call_command("send_reminders")
    assert not SentReminder.objects.exists()


def test_a_queue_that_refuses_makes_the_command_fail_and_keeps_nothing(cast, monkeypatch):
    class Refusing:
        def enqueue(self, *args):
            raise OSError("database weg")

    monkeypatch.setattr(reminders, "mail_reminders", Refusing())
    ActionFactory(pop=cast.pop, deadline=timezone.localdate())
    with pytest.raises(CommandError, match="konden niet worden klaargezet"):
        call_command("send_reminders")
    assert not SentReminder.objects.exists()


@worker_db
def test_the_grant_invitation_waits_for_the_worker(
    cast, login, database_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.worker).post(
            reverse("plans:grants", args=[cast.trajectory.pk]),
            {"email": "nieuw@example.org", "first_name": "Nina", "last_name": "Nieuw"},
        )
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert "wachtwoord" not in str(queued.args_kwargs)  # no reset token waits in the queue
    run_worker()
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert "Kies eerst een wachtwoord" in mail.outbox[0].body


@worker_db
def test_the_password_reset_mail_goes_from_the_worker_with_a_working_link(
    cast, client, database_backend, django_capture_on_commit_callbacks
):
    cast.worker.set_password("oud-wachtwoord-123")
    cast.worker.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": cast.worker.email})
    assert response.status_code == 302 and mail.outbox == []
    run_worker()
    assert mail.outbox[0].to == [cast.worker.email]
    link = re.search(r"/wachtwoord/nieuw/\S+/", mail.outbox[0].body).group(0)
    response = client.get(link, follow=True)
    assert 'name="new_password1"' in response.content.decode()
