"""manage.py run_export_jobs [--loop]: build the queued monthly packages.

With REGISTRATION_EXPORT_RUNNER = "command" the web page only queues jobs and this
command (from cron or a service) builds them; with the default "thread" it picks up
jobs a restart left behind.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from registration import services


class Command(BaseCommand):
    help = "Bouw de exportpakketten die in de wachtrij staan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="blijf de wachtrij volgen")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args: object, **options: object) -> None:
        while True:
            services.export_jobs_fail_stale()
            for job in services.export_jobs_run_queued():
                self.stdout.write(f"{job.pk} {job.get_status_display()} {job.file.name}")
            if not options["loop"]:
                return
            time.sleep(float(options["interval"]))
