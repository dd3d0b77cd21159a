"""Deleting rows that own stored files: the files go too, once the deletion is committed."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


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
    # robust: the deletion is committed, so a storage that fails now is logged (an
    # orphan file) rather than shown as an error for work that did succeed.
    for file in files:
        transaction.on_commit(lambda f=file: f.storage.delete(f.name), robust=True)


def save_with_file(instance: models.Model, field_name: str, filename: str, content) -> None:
    """Store the file and write its row together: when the storage fails (a full disk)
    no row is written and the partial file is deleted; the person gets a Dutch message."""
    field = instance._meta.get_field(field_name)
    storage = field.storage
    name = storage.get_available_name(
        field.generate_filename(instance, filename), max_length=field.max_length
    )
    try:
        with transaction.atomic():
            setattr(instance, field_name, storage.save(name, content, max_length=field.max_length))
            instance.save()
    except Exception as error:
        try:
            if storage.exists(name):
                storage.delete(name)
        except Exception:
            logger.exception("Half bewaard bestand %s niet opgeruimd", name)
        if isinstance(error, OSError):
            logger.exception("Opslag weigerde %s", name)
            raise ValidationError(
                _("Het bestand kon niet worden bewaard. Probeer het later opnieuw.")
            ) from error
        raise


def stored_file_response(request: HttpRequest, file, **kwargs) -> HttpResponse:
    """The stored file, or a Dutch 'not available' page (404) when it is missing or
    unreadable: never an OS error or a server path."""
    try:
        handle = file.storage.open(file.name, "rb")
    except OSError:
        logger.exception("Bestand %s niet leesbaar", file.name)
        return render(request, "file_missing.html", status=404)
    return FileResponse(handle, **kwargs)


def delete_with_files(obj: models.Model) -> None:
    files = stored_files_of([obj])
    obj.delete()
    delete_files_on_commit(files)
