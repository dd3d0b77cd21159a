"""The one scheduler entry (deploy/pop-schedule.timer): every registered daily job once
a day, whichever host and however often it runs; non-zero when a job failed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from popsite.schedule import run_due


class Command(BaseCommand):
    help = "Voert elke dagelijkse taak één keer per dag uit, ook als meerdere servers dit doen."

    def handle(self, *args, **options) -> None:
        failed = []
        for outcome in run_due():
            if outcome.status == "skipped":
                self.stdout.write(f"{outcome.job}: al gedaan of bezig vandaag")
            else:
                self.stdout.write(f"{outcome.job}: {outcome.status} {outcome.text}".rstrip())
            if outcome.status == "failed":
                failed.append(outcome.job)
        if failed:
            # Cron or systemd sees the failure; the next run today tries these again.
            raise CommandError(f"Mislukt: {', '.join(failed)}")
