"""Stored files on any storage (local disk or an S3 bucket): writes that leave nothing
half done, deletes once committed, and downloads that never show an OS error or a path."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterable
from urllib.parse import quote

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models, router, transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# What a storage raises when a disk is full or gone, or a bucket refuses or is unreachable.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


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
        if isinstance(error, STORAGE_ERRORS):
            logger.exception("Opslag weigerde %s", name)
            raise ValidationError(
                _("Het bestand kon niet worden bewaard. Probeer het later opnieuw.")
            ) from error
        raise


def file_readable(file: FieldFile) -> bool:
    """Whether the stored file is there and opens (on S3 one HEAD request)."""
    try:
        with file.storage.open(file.name, "rb"):
            return True
    except STORAGE_ERRORS:
        logger.exception("Bestand %s niet leesbaar", file.name)
        return False


def file_download_response(
    request: HttpRequest,
    file: FieldFile,
    filename: str,
    *,
    as_attachment: bool = True,
    content_type: str | None = None,
) -> HttpResponse:
    """Hand a stored file out; call it after the access check and the audit record.

    An attachment on a bucket with signed URLs: a redirect to a URL valid for
    AWS_QUERYSTRING_EXPIRE seconds. Local disk with DOWNLOADS_X_ACCEL_PREFIX: an empty answer nginx fills from
    its internal location. Otherwise streamed. A missing or unreadable file is a Dutch
    'not available' page (404), never an OS error or a server path."""
    storage = file.storage
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    disposition = content_disposition_header(as_attachment, filename)
    if not file_readable(file):
        return render(request, "file_missing.html", status=404)
    # Inline files (worksheet pictures, small) stay on this origin: the pages' CSP
    # allows images from it only.
    if as_attachment and getattr(storage, "querystring_auth", False):
        url = storage.url(
            file.name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
            },
        )
        return HttpResponseRedirect(url)
    if settings.DOWNLOADS_X_ACCEL_PREFIX and isinstance(storage, FileSystemStorage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.DOWNLOADS_X_ACCEL_PREFIX + quote(file.name)
        response["Content-Disposition"] = disposition
        return response
    try:
        handle = storage.open(file.name, "rb")
    except STORAGE_ERRORS:
        logger.exception("Bestand %s niet leesbaar", file.name)
        return render(request, "file_missing.html", status=404)
    return FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )


def delete_with_files(obj: models.Model) -> None:
    files = stored_files_of([obj])
    obj.delete()
    delete_files_on_commit(files)
