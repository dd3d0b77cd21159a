from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from popsite.accounts.jobs import TASK_RESULTS_KEPT_DAYS, clear_expired_sessions, prune_task_results
from popsite.mail import deliver_password_reset


def test_expired_sessions_are_cleared(db):
    Session.objects.create(
        session_key="old", session_data="", expire_date=timezone.now() - timedelta(seconds=1)
    )
    clear_expired_sessions()
    assert not Session.objects.filter(session_key="old").exists()


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def task_result(status: str | None = None, days_ago: int = 0) -> int:
    result = deliver_password_reset.enqueue(1, "pop.example.org", "https", "s.txt", "b.txt")
    if status is not None:
        DBTaskResult.objects.filter(pk=result.id).update(
            status=status, finished_at=timezone.now() - timedelta(days=days_ago)
        )
    return result.id


def test_finished_tasks_go_after_a_month_waiting_ones_stay(db, queue):
    old = task_result(TaskResultStatus.SUCCESSFUL, TASK_RESULTS_KEPT_DAYS + 1)
    old_failure = task_result(TaskResultStatus.FAILED, TASK_RESULTS_KEPT_DAYS + 1)
    recent = task_result(TaskResultStatus.SUCCESSFUL, TASK_RESULTS_KEPT_DAYS - 1)
    waiting = task_result()
    assert prune_task_results() == "2 afgewerkte taken gewist"
    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {
        recent,
        waiting,
    }
    assert not DBTaskResult.objects.filter(pk__in=[old, old_failure]).exists()
