from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _registration_settings(settings, tmp_path):
    """Uploads and packages go to a temporary folder; export jobs run in the request."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REGISTRATION_EXPORT_RUNNER = "inline"
