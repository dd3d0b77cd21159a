"""Readiness for a load balancer or monitoring: the database answers, the file store
takes, gives back and deletes a tiny object, and the task worker keeps up (no task has
waited longer than TASK_QUEUE_MAX_AGE). Each check says only "ok" or what is wrong in
a few words: no host names, paths or error texts, the URL is public."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Case, F, Min, When
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

PROBE = b"pop-werking"


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def storage() -> str:
    # A name of its own, so two servers probing one bucket at once never meet.
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(PROBE))
    try:
        with default_storage.open(name, "rb") as stored:
            if stored.read() != PROBE:
                return "teruggelezen inhoud verschilt"
    finally:
        default_storage.delete(name)
    return "ok"


def tasks() -> str:
    if not isinstance(task_backends["default"], DatabaseBackend):
        return "ok"  # tasks run at once: there is no queue to fall behind
    # A retry waits from its run_after, a new task from when it was queued.
    oldest = (
        DBTaskResult.objects.ready()
        .annotate(
            since=Case(
                When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")
            )
        )
        .aggregate(oldest=Min("since"))["oldest"]
    )
    if oldest is None:
        return "ok"
    waited = (timezone.now() - oldest).total_seconds()
    if waited > settings.TASK_QUEUE_MAX_AGE:
        return f"oudste taak wacht al {int(waited)} s (draait db_worker?)"
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {"database": database, "storage": storage, "tasks": tasks}


def readiness() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:  # whatever broke, the answer is "not ready", the log has why
            logger.exception("Gezondheidscontrole %s mislukt", name)
            results[name] = "fout"
    return results
