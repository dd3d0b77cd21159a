"""One archive with the database (in one snapshot), every stored file and a manifest."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from popsite.backup import BackupError, backup


class Command(BaseCommand):
    help = "Maakt een back-up (database + opgeladen bestanden + manifest) in één archief."

    def add_arguments(self, parser):
        parser.add_argument(
            "target", type=Path, help="een bestand, of een map voor een nieuw bestand"
        )

    def handle(self, *args, target: Path, **options) -> None:
        key = settings.BACKUP_KEY
        if target.is_dir():
            suffix = ".tar.enc" if key else ".tar"
            target = target / f"pop-backup-{timezone.localtime():%Y%m%d-%H%M%S}{suffix}"
        try:
            manifest = backup(target, key=key)
        except BackupError as error:
            raise CommandError(str(error)) from error
        missing = manifest["missing"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up geschreven naar {target}: {sum(manifest['counts'].values())} rijen, "
                f"{len(manifest['files'])} bestanden{' (versleuteld)' if key else ''}."
            )
        )
        if missing:
            raise CommandError(
                f"{len(missing)} bestand(en) ontbreken in de opslag: {', '.join(missing[:10])}"
            )
