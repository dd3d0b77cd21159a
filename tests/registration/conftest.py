from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _registration_settings(settings, tmp_path):
    """Uploads and packages go to a temporary folder (export jobs run in the request:
    tests use the immediate task backend)."""
    settings.MEDIA_ROOT = tmp_path / "media"
