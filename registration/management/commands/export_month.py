"""manage.py export_month 2026-11 [--organisation SLUG] [--output FILE]"""

from __future__ import annotations

import shutil

from django.core.management.base import BaseCommand, CommandError, CommandParser

from popsite.accounts.models import Organisation
from registration import selectors, services
from registration.models import ExportJob, ExportLog


class Command(BaseCommand):
    help = "Maak het registratiepakket van een maand (alle organisaties of één)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", help="JJJJ-MM, bv. 2026-11")
        parser.add_argument("--organisation", help="korte naam (slug) van één organisatie")
        parser.add_argument("--output", help="kopieer het pakket ook naar dit bestand")

    def handle(self, *args: object, **options: object) -> None:
        try:
            month = selectors.parse_month(str(options["month"]))
        except ValueError:
            raise CommandError("Geef de maand als JJJJ-MM, bv. 2026-11.") from None
        organisation = None
        if options["organisation"]:
            try:
                organisation = Organisation.objects.get(slug=options["organisation"])
            except Organisation.DoesNotExist:
                raise CommandError(
                    f"Geen organisatie met korte naam {options['organisation']}."
                ) from None
        # The command is an admin tool: it always builds, and lists what is missing.
        job = ExportJob.objects.create(month=month, organisation=organisation)
        job = services.export_job_run(job=job, via=ExportLog.Via.COMMAND)
        if job.status != ExportJob.Status.DONE:
            raise CommandError(f"De export is mislukt: {job.error}")
        if job.missing_count:
            self.stderr.write(f"Er ontbreken {job.missing_count} documenten; zie ONTBREEKT.txt.")
        if options["output"]:
            with job.file.open("rb") as source, open(str(options["output"]), "wb") as target:
                shutil.copyfileobj(source, target)
            self.stdout.write(str(options["output"]))
        else:
            self.stdout.write(job.file.path if hasattr(job.file, "path") else job.file.name)
