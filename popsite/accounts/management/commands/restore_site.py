"""Restore an archive made by backup_site into an empty database, after checking it."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from popsite.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = "Controleert een back-up en zet ze terug in een lege database."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument(
            "--verify-only", action="store_true", help="alleen de controlesommen nakijken"
        )

    def handle(self, *args, source: Path, verify_only: bool, **options) -> None:
        if not source.is_file():
            raise CommandError(f"Geen back-up gevonden: {source}")
        try:
            if verify_only:
                manifest = verify(source, key=settings.BACKUP_KEY)
                self.stdout.write(
                    self.style.SUCCESS(f"Back-up in orde: {len(manifest['files'])} bestanden.")
                )
                return
            report = restore(source, key=settings.BACKUP_KEY)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up teruggezet: {report['rows']} rijen in {report['tables']} tabellen, "
                f"{report['files']} bestanden; aantallen en bestandsverwijzingen kloppen. "
                "Voer nu manage.py migrate uit."
            )
        )
