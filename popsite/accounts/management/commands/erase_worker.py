from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from popsite.accounts.erasure import worker_erase
from popsite.accounts.models import User


class Command(BaseCommand):
    help = "Wist een vertrokken werknemer na de bewaartermijn (alleen anonieme aantallen blijven)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--by", required=True, help="e-mailadres van de beheerder die wist")

    def handle(self, *args, email: str, by: str, **options) -> None:
        try:
            worker = User.objects.get(email=email.lower())
            admin = User.objects.get(email=by.lower(), is_staff=True)
        except User.DoesNotExist:
            raise CommandError("Onbekende werknemer of beheerder.") from None
        try:
            counted = worker_erase(worker=worker, by=admin)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Gewist; {counted} traject(en) bewaard als aantal."))
