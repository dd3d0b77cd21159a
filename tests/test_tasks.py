"""The task backend as production runs it: a queued row, then `manage.py db_worker`."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from popsite.accounts.models import Organisation


@task()
def rename_organisation(pk: int, name: str) -> None:
    Organisation.objects.filter(pk=pk).update(name=name)


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# db_worker closes a connection inside a transaction on PostgreSQL: commit for real.
@pytest.mark.django_db(transaction=True)
def test_a_queued_task_waits_for_the_worker_and_then_runs(db, database_backend):
    organisation = Organisation.objects.create(name="Oud", slug="oud")
    result = rename_organisation.enqueue(organisation.pk, "Nieuw")
    organisation.refresh_from_db()
    assert organisation.name == "Oud"  # the request that queued it does not wait
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    organisation.refresh_from_db()
    assert organisation.name == "Nieuw"
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


def test_tests_run_tasks_at_once(db):
    organisation = Organisation.objects.create(name="Oud", slug="oud")
    rename_organisation.enqueue(organisation.pk, "Nieuw")
    organisation.refresh_from_db()
    assert organisation.name == "Nieuw"
