"""Daily: mail every reminder that was not sent before (run it from cron or a timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from plans.reminders import reminders_send


class Command(BaseCommand):
    help = "Verstuurt herinneringen per e-mail; dezelfde herinnering gaat nooit twee keer."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default="", help="bv. https://pop.example.org")

    def handle(self, *args, **options) -> None:
        sent = reminders_send(base_url=options["base_url"].rstrip("/"))
        self.stdout.write(f"{sent} e-mail(s) verstuurd.")
