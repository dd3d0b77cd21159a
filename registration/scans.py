"""Uploaded scans are recognised by their first bytes, never by their name."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from popsite.uploads import refuse_active_content

MAX_SCAN_BYTES = 10 * 1024 * 1024

# Magic numbers: PDF "%PDF-", JPEG SOI + marker, PNG signature.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", ".pdf"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
)


def sniff(head: bytes) -> str | None:
    """The extension the content shows, or None for anything else."""
    for signature, extension in _SIGNATURES:
        if head.startswith(signature):
            return extension
    return None


def checked_scan(upload: UploadedFile) -> UploadedFile:
    """Refuse what is not a PDF, JPEG or PNG of at most 10 MB; rename the upload
    to what its content is, so the stored name never comes from the person."""
    if upload.size is not None and upload.size > MAX_SCAN_BYTES:
        raise ValidationError(
            _("Dit bestand is %(size).1f MB; een scan mag hoogstens 10 MB zijn.")
            % {"size": upload.size / 1024 / 1024},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = sniff(head)
    if extension is None:
        if (upload.name or "").lower().endswith(".pdf"):
            raise ValidationError(
                _(
                    "“%(name)s” heet een PDF, maar de inhoud is geen PDF. Kies het echte "
                    "PDF-bestand of scan het document opnieuw."
                )
                % {"name": upload.name},
                code="not_a_pdf",
            )
        raise ValidationError(
            _("Dit bestand is geen PDF, JPEG of PNG. Scan het document opnieuw als PDF of foto."),
            code="unknown_type",
        )
    refuse_active_content(upload, is_image=extension != ".pdf")
    upload.name = f"scan{extension}"
    return upload
