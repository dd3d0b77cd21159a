"""popsite.uploads: polyglots and decompression bombs are refused for evidence and scans."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from plans.portfolio.portfolio import sniff_content_type
from registration.scans import checked_scan
from tests.factories import ActionFactory
from tests.plans.factories import PNG

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png(width: int = 4, height: int = 4) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def _bomb() -> bytes:
    """A few kilobytes of PNG that decode to 100,000 x 100,000 pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (1 + 100_000 // 8) * 2000, 9)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


POLYGLOTS = {
    "pdf with html": b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>",
    "png with script": _png() + b"<script>fetch('/')</script>",
    "pdf with doctype": b"%PDF-1.7\n<!DOCTYPE html><p>hi",
    "pdf with javascript action": b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >>",
    "jpeg with svg": b"\xff\xd8\xff\xe0<svg onload=alert(1)>",
}


@pytest.mark.parametrize("check", [sniff_content_type, checked_scan], ids=["evidence", "scan"])
@pytest.mark.parametrize("content", POLYGLOTS.values(), ids=POLYGLOTS.keys())
def test_a_polyglot_is_refused(check, content):
    with pytest.raises(ValidationError, match="webpagina- of scriptcode"):
        check(SimpleUploadedFile("bewijs.pdf", content))


@pytest.mark.parametrize("check", [sniff_content_type, checked_scan], ids=["evidence", "scan"])
def test_a_png_decompression_bomb_is_refused(check):
    bomb = _bomb()
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError, match="te groot"):
        check(SimpleUploadedFile("foto.png", bomb))


@pytest.mark.parametrize("check", [sniff_content_type, checked_scan], ids=["evidence", "scan"])
def test_a_real_png_and_pdf_pass(check):
    check(SimpleUploadedFile("foto.png", _png(800, 600)))
    check(SimpleUploadedFile("attest.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF"))


def test_an_evidence_photo_is_downloaded_not_shown_inline(cast, login):
    action = ActionFactory(pop=cast.pop)
    client = login(cast.worker)
    client.post(
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]),
        {"file": SimpleUploadedFile("foto.png", PNG)},
    )
    evidence = action.evidence.get()
    response = client.get(reverse("plans:evidence-file", args=[evidence.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
