"""Daily: queue every reminder that was not sent before; the task worker mails them."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plans.portfolio.reminders import reminders_send


class Command(BaseCommand):
    help = "Zet herinneringen klaar voor verzending; dezelfde herinnering gaat nooit twee keer."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url", default=settings.SITE_URL, help="bv. https://pop.example.org (SITE_URL)"
        )

    def handle(self, *args, **options) -> None:
        result = reminders_send(base_url=options["base_url"].rstrip("/"))
        self.stdout.write(f"{result.queued} e-mail(s) klaargezet.")
        if result.failed:
            # A scheduler sees a non-zero exit; the rows were given back for the next run.
            raise CommandError(f"{result.failed} e-mail(s) konden niet worden klaargezet.")
