"""Deleting rows that own stored files: the files go too, once the deletion is committed."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.utils import NestedObjects
from django.db import models, router, transaction


def stored_files_of(objects: Iterable[models.Model]) -> list:
    """Every stored file that deleting these objects, and what cascades, would orphan."""
    objects = list(objects)
    if not objects:
        return []
    # NestedObjects (the admin's delete preview) never fast-deletes, so every
    # instance that would go is in .data.
    collector = NestedObjects(using=router.db_for_write(objects[0].__class__))
    collector.collect(objects)
    files = []
    for model, instances in collector.data.items():
        file_fields = [f for f in model._meta.fields if isinstance(f, models.FileField)]
        for instance in instances:
            files += [getattr(instance, f.name) for f in file_fields if getattr(instance, f.name)]
    return files


def delete_files_on_commit(files: list) -> None:
    transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])


def delete_with_files(obj: models.Model) -> None:
    files = stored_files_of([obj])
    obj.delete()
    delete_files_on_commit(files)
