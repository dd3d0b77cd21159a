"""Restore a folder made by backup_site into an empty, migrated database."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from popsite.accounts.models import User


class Command(BaseCommand):
    help = "Zet een back-up van backup_site terug in een lege, gemigreerde database."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options) -> None:
        data = folder / "data.xml"
        if not data.exists():
            raise CommandError(f"Geen data.xml in {folder}.")
        if User.objects.exists():
            raise CommandError("De database is niet leeg: herstel alleen in een nieuwe database.")
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
        if (folder / "media").exists():
            shutil.copytree(folder / "media", Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Back-up uit {folder} teruggezet."))
