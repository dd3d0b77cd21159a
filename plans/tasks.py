"""Background work of the plans app, run by `manage.py db_worker` (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from plans.pdf import freeze_pop_document


@task()
def freeze_agreed_pop(pop_id: int) -> str:
    """Render and store the document of a version that was just agreed; its hash.
    Running it again returns the stored document untouched."""
    return freeze_pop_document(pop_id).sha256
