"""The portfolio's daily work for the scheduler (popsite.schedule)."""

from __future__ import annotations

from django.conf import settings

from plans.portfolio.reminders import reminders_send
from popsite.schedule import daily


@daily("reminders")
def queue_reminders() -> str:
    result = reminders_send(base_url=settings.SITE_URL)
    if result.failed:
        # The rows were given back: the scheduler's next run tries these again.
        raise RuntimeError(f"{result.failed} e-mail(s) konden niet worden klaargezet")
    return f"{result.queued} e-mail(s) klaargezet"
