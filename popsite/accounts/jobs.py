"""The accounts app's daily work for the scheduler (popsite.schedule)."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from popsite.schedule import daily

# What the task worker did (documents, packages, mails) is kept a month to look into
# when someone asks, then goes: the table would otherwise keep every task ever run.
TASK_RESULTS_KEPT_DAYS = 30


@daily("sessions")
def clear_expired_sessions() -> str:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return "verlopen sessies gewist"


@daily("task-results")
def prune_task_results() -> str:
    if not isinstance(task_backends["default"], DatabaseBackend):
        return "geen takenwachtrij in de database"
    before = timezone.now() - timedelta(days=TASK_RESULTS_KEPT_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=before).delete()
    return f"{deleted} afgewerkte taken gewist"
