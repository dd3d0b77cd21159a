"""The task backend as production runs it: a queued row, then `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from popsite.accounts.models import Organisation


@task()
def rename_organisation(pk: int, name: str) -> None:
    Organisation.objects.filter(pk=pk).update(name=name)


def test_a_queued_task_waits_for_the_worker_and_then_runs(db, run_db_worker):
    organisation = Organisation.objects.create(name="Oud", slug="oud")
    result = rename_organisation.enqueue(organisation.pk, "Nieuw")
    organisation.refresh_from_db()
    assert organisation.name == "Oud"  # the request that queued it does not wait
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    run_db_worker()

    organisation.refresh_from_db()
    assert organisation.name == "Nieuw"
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


def test_tests_run_tasks_at_once(db):
    organisation = Organisation.objects.create(name="Oud", slug="oud")
    rename_organisation.enqueue(organisation.pk, "Nieuw")
    organisation.refresh_from_db()
    assert organisation.name == "Nieuw"
