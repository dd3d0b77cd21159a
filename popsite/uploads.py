"""Checks every uploaded evidence file and scan passes besides its signature: a file
that starts like a PDF or PNG may still carry a web page or script for a browser that
sniffs (a polyglot), and a small PNG may decode to a bitmap that fills the memory."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Far above a phone photo or an A4 scan at 600 dpi (about 35 million pixels).
MAX_IMAGE_PIXELS = 50_000_000

# Markup and script a browser would run. Each token is long enough that compressed
# image or PDF streams (near-random bytes) do not contain it by chance.
_ACTIVE_CONTENT = re.compile(
    rb"<(script|html|body|iframe|svg)[\s>/]|<!doctype|javascript:", re.IGNORECASE
)
# A PDF's own JavaScript action (PDF names are case-sensitive).
_PDF_SCRIPT = b"/JavaScript"


def refuse_active_content(upload: UploadedFile, *, is_image: bool) -> None:
    """Raise a Dutch ValidationError for a polyglot or an image that does not decode
    within MAX_IMAGE_PIXELS; leaves the upload at its start."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if _ACTIVE_CONTENT.search(data) or (not is_image and _PDF_SCRIPT in data):
        raise ValidationError(
            _(
                "Dit bestand bevat ook webpagina- of scriptcode en kan niet. Scan of bewaar het opnieuw."
            ),
            code="active_content",
        )
    if is_image and decoded_image(upload) is None:
        raise ValidationError(
            _(
                "Deze afbeelding kan niet geopend worden of is te groot. Maak een nieuwe foto of scan."
            ),
            code="bad_image",
        )


def decoded_image(
    upload: UploadedFile, *, max_pixels: int = MAX_IMAGE_PIXELS
) -> Image.Image | None:
    """The upload decoded, or None when it is no image, is damaged, or would decode to
    more than ``max_pixels`` (checked before decoding); leaves the upload at its start."""
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        if image.width * image.height > max_pixels:
            return None
        image.load()
        return image
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
