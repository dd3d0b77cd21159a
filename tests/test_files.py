"""Storage faults (popsite/files.py): a storage that fails on write, read or delete
leaves nothing behind and shows a Dutch page, never an OS error or a server path."""

from __future__ import annotations

import errno
import os

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from methods.models import WorksheetPicture
from plans.portfolio.models import Evidence
from popsite.accounts.models import AuditEvent
from registration.models import Consent, HoursSheet, Training
from tests.factories import ActionFactory
from tests.methods.factories import picture, worksheet
from tests.methods.images import png_bytes
from tests.plans.factories import PDF, evidence
from tests.registration.factories import TrainingFactory


class FullDisk(FileSystemStorage):
    """Writes half the file, then the disk is full."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content.read()[:10])
        raise OSError(errno.ENOSPC, "No space left on device", path)


class Unreadable(FileSystemStorage):
    def open(self, name, mode="rb"):
        raise PermissionError(errno.EACCES, "Permission denied", self.path(name))


class UndeletableAfterCommit(FileSystemStorage):
    def delete(self, name):
        raise OSError(errno.EIO, "Input/output error", self.path(name))


def use_storage(settings, cls):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.{cls.__name__}"},
    }


def files_on_disk(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_a_full_disk_keeps_no_row_and_no_partial_file(cast, login, settings):
    use_storage(settings, FullDisk)
    action = ActionFactory(pop=cast.pop)
    response = login(cast.worker).post(
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]),
        {"file": SimpleUploadedFile("attest.pdf", PDF, content_type="application/pdf")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het bestand kon niet worden bewaard" in html
    assert "No space" not in html and str(settings.MEDIA_ROOT) not in html
    assert not Evidence.objects.exists()
    assert files_on_disk(settings) == []


@pytest.mark.parametrize("fault", ["missing", "unreadable"])
def test_a_missing_or_unreadable_file_is_a_dutch_404_page(cast, login, settings, fault):
    item = evidence(ActionFactory(pop=cast.pop))
    if fault == "missing":
        default_storage.delete(item.file.name)
    else:
        use_storage(settings, Unreadable)
    response = login(cast.worker).get(reverse("plans:evidence-file", args=[item.pk]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Dit bestand is niet beschikbaar" in html
    assert str(settings.MEDIA_ROOT) not in html and "Permission" not in html


def test_a_missing_scan_is_a_dutch_404_page(cast, login, settings):
    from registration.models import Consent

    consent = Consent.objects.create(trajectory=cast.trajectory)
    consent.scan.save("scan.pdf", SimpleUploadedFile("scan.pdf", PDF))
    default_storage.delete(consent.scan.name)
    response = login(cast.coach).get(
        reverse("registration:consent-scan", args=[cast.trajectory.pk])
    )
    assert response.status_code == 404
    assert "Dit bestand is niet beschikbaar" in response.content.decode()


def test_a_delete_that_committed_is_not_an_error_when_the_file_cannot_go(
    cast, login, settings, django_capture_on_commit_callbacks
):
    item = evidence(ActionFactory(pop=cast.pop))
    use_storage(settings, UndeletableAfterCommit)
    from popsite.files import delete_with_files

    with django_capture_on_commit_callbacks(execute=True):
        delete_with_files(item)  # the storage raises after commit: logged, not raised
    assert not Evidence.objects.exists()


def test_with_an_x_accel_prefix_nginx_sends_the_file_after_the_check_and_the_audit(
    cast, login, settings
):
    settings.DOWNLOADS_X_ACCEL_PREFIX = "/_protected/"
    item = evidence(ActionFactory(pop=cast.pop), name="mijn attest.pdf")
    response = login(cast.coach).get(reverse("plans:evidence-file", args=[item.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected/" + item.file.name.replace(" ", "%20")
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mijn attest.pdf"'
    assert AuditEvent.objects.filter(
        verb=AuditEvent.Verb.VIEW, object_id=str(item.pk), user=cast.coach
    ).exists()
    outsider = login(cast.other_coach).get(reverse("plans:evidence-file", args=[item.pk]))
    assert outsider.status_code == 404
    assert "X-Accel-Redirect" not in outsider


def test_with_an_x_accel_prefix_a_missing_file_is_still_the_dutch_page(cast, login, settings):
    settings.DOWNLOADS_X_ACCEL_PREFIX = "/_protected/"
    item = evidence(ActionFactory(pop=cast.pop))
    default_storage.delete(item.file.name)
    response = login(cast.coach).get(reverse("plans:evidence-file", args=[item.pk]))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response
    assert "Dit bestand is niet beschikbaar" in response.content.decode()


def test_without_a_prefix_the_file_is_streamed(cast, login):
    item = evidence(ActionFactory(pop=cast.pop))
    response = login(cast.coach).get(reverse("plans:evidence-file", args=[item.pk]))
    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF


def _scan_upload(cast, kind: str, content: bytes = PDF):
    """The URL of each scan upload, and the row it writes."""
    scan = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
    if kind == "consent":
        url, user = reverse("registration:consent-upload", args=[cast.trajectory.pk]), cast.coach
        rows = Consent.objects.filter(trajectory=cast.trajectory)
    elif kind == "hours":
        url = reverse("registration:hours-upload", args=[cast.organisation.slug, "2026-11"])
        user, rows = cast.coach, HoursSheet.objects.filter(organisation=cast.organisation)
    else:
        training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
        url, user = reverse("registration:training-upload", args=[training.pk]), cast.trainer
        rows = Training.objects.filter(pk=training.pk).exclude(scan="")
    return url, user, {"scan": scan}, rows


@pytest.mark.parametrize("kind", ["consent", "hours", "training"])
def test_a_full_disk_keeps_no_scan_row_and_no_partial_file(cast, login, settings, kind):
    use_storage(settings, FullDisk)
    url, user, data, rows = _scan_upload(cast, kind)
    response = login(user).post(url, data, follow=True)
    html = response.content.decode()
    assert "Het bestand kon niet worden bewaard" in html
    assert "No space" not in html and str(settings.MEDIA_ROOT) not in html
    assert "is opgeladen." not in html
    assert not rows.exists()
    assert files_on_disk(settings) == []


def test_a_scan_that_fails_to_replace_keeps_the_old_one(cast, login, settings):
    url, user, data, rows = _scan_upload(cast, "consent")
    login(user).post(url, data)
    old = rows.get()
    use_storage(settings, FullDisk)
    url, user, data, rows = _scan_upload(cast, "consent", PDF + b"% nieuw\n")
    login(user).post(url, data)
    kept = rows.get()
    assert (kept.scan.name, kept.scan_uploaded_at) == (old.scan.name, old.scan_uploaded_at)
    assert [p.name for p in files_on_disk(settings)] == [old.scan.name.rpartition("/")[2]]


def test_a_replaced_scan_is_deleted_only_after_commit(
    cast, login, settings, django_capture_on_commit_callbacks
):
    url, user, data, rows = _scan_upload(cast, "consent")
    login(user).post(url, data)
    old = rows.get().scan.name
    url, user, data, rows = _scan_upload(cast, "consent", PDF + b"% nieuw\n")
    with django_capture_on_commit_callbacks() as callbacks:
        login(user).post(url, data)
        assert default_storage.exists(old)  # not committed yet
    for callback in callbacks:
        callback()
    assert not default_storage.exists(old)
    assert default_storage.exists(rows.get().scan.name)


def test_a_full_disk_keeps_no_picture_row_and_no_partial_file(cast, login, settings):
    sheet = worksheet(cast.trajectory, "droompagina")
    use_storage(settings, FullDisk)
    response = login(cast.coach).post(
        reverse("methods:picture-add", args=[sheet.pk]),
        {"image": SimpleUploadedFile("strand.png", png_bytes(), content_type="image/png")},
        follow=True,
    )
    html = response.content.decode()
    assert "Het bestand kon niet worden bewaard" in html and "De prent is toegevoegd" not in html
    assert "No space" not in html and str(settings.MEDIA_ROOT) not in html
    assert not WorksheetPicture.objects.exists()
    assert files_on_disk(settings) == []


def test_a_deleted_worksheet_takes_its_pictures_only_after_commit(
    cast, login, django_capture_on_commit_callbacks
):
    sheet = worksheet(cast.trajectory, "droompagina")
    name = picture(sheet).image.name
    with django_capture_on_commit_callbacks() as callbacks:
        response = login(cast.coach).post(reverse("methods:worksheet-delete", args=[sheet.pk]))
        assert default_storage.exists(name)
    assert response.status_code == 302
    for callback in callbacks:
        callback()
    assert not default_storage.exists(name)


def test_a_worksheet_delete_whose_files_cannot_go_is_still_done(
    cast, login, settings, django_capture_on_commit_callbacks
):
    sheet = worksheet(cast.trajectory, "droompagina")
    picture(sheet)
    use_storage(settings, UndeletableAfterCommit)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.coach).post(
            reverse("methods:worksheet-delete", args=[sheet.pk]), follow=True
        )
    assert "Het werkblad is verwijderd." in response.content.decode()
    assert not WorksheetPicture.objects.exists()
