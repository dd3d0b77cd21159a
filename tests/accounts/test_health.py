"""/gezond/klaar/: database, file store and task queue, JSON with 200 or 503."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from popsite.accounts import health
from popsite.mail import deliver_password_reset

pytestmark = pytest.mark.django_db


def ready(client):
    response = client.get(reverse("accounts:ready"))
    return response.status_code, response.json()


def test_all_well_is_200_and_the_probe_file_is_gone(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert ready(client) == (
        200,
        {"status": "ok", "checks": {"database": "ok", "storage": "ok", "tasks": "ok"}},
    )
    assert not any(tmp_path.rglob("*.txt"))


def test_a_database_that_does_not_answer_is_503(client, monkeypatch):
    class Down:
        def cursor(self):
            raise OperationalError('connection to server at "db.internal" failed')

    monkeypatch.setattr(health, "connection", Down())
    status, body = ready(client)
    assert (status, body["status"], body["checks"]["database"]) == (503, "fout", "fout")
    assert "db.internal" not in str(body)


def test_a_full_disk_is_503_without_its_path(client, monkeypatch):
    def full(name, content, max_length=None):
        raise OSError(28, "No space left on device", "/srv/pop/media/health")

    monkeypatch.setattr(default_storage, "save", full)
    status, body = ready(client)
    assert (status, body["checks"]["storage"]) == (503, "fout")
    assert "/srv" not in str(body)


def test_a_file_store_that_gives_back_other_bytes_is_503(client, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(health, "PROBE", b"expected")
    real_save = default_storage.save
    monkeypatch.setattr(
        default_storage,
        "save",
        lambda name, content, **kw: real_save(name, ContentFile(b"different"), **kw),
    )
    status, body = ready(client)
    assert (status, body["checks"]["storage"]) == (503, "teruggelezen inhoud verschilt")
    assert not any(tmp_path.rglob("*.txt"))


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_QUEUE_MAX_AGE = 600
    return settings


def queued_minutes_ago(minutes: int, **fields) -> None:
    result = deliver_password_reset.enqueue(1, "pop.example.org", "https", "s.txt", "b.txt")
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=minutes), **fields
    )


def test_a_task_waiting_longer_than_the_limit_means_no_worker_runs(client, queue):
    queued_minutes_ago(5)
    assert ready(client)[0] == 200

    queued_minutes_ago(11)
    status, body = ready(client)
    assert status == 503
    assert body["checks"]["tasks"].startswith("oudste taak wacht al 66")


def test_a_retry_waiting_for_its_time_is_not_late(client, queue):
    queued_minutes_ago(60, run_after=timezone.now() + datetime.timedelta(minutes=5))
    assert ready(client)[0] == 200
