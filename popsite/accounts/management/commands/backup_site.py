"""Write a restorable copy of the database contents and the uploaded files to a folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate or worthless after a restore (sessions, login throttling).
EXCLUDED = ["contenttypes", "auth.permission", "admin.logentry", "sessions", "axes"]


class Command(BaseCommand):
    help = "Maakt een back-up (gegevens + opgeladen bestanden) in de gegeven map."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            format="xml",  # JSON would round timestamps to milliseconds
            output=str(folder / "data.xml"),
            verbosity=0,
        )
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.copytree(media, folder / "media", dirs_exist_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Back-up geschreven naar {folder}"))
