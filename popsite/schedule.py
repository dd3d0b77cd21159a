"""Recurring work: each app registers its daily jobs here (``@daily("name")`` in its
``jobs`` module, imported by its AppConfig.ready), and ``manage.py run_schedule``, the
one scheduler entry (deploy/pop-schedule.timer), runs every job once a day.

Several hosts may run the scheduler at the same moment: a job runs only on the host
whose insert of the (job, day) row wins; the others skip it. A job that failed is
tried again by the next run that day, claimed the same way by one atomic update.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from popsite.accounts.models import ScheduledRun

logger = logging.getLogger(__name__)

# A job returns one line for the log and the admin: what it did.
DailyJob = Callable[[], str]
_jobs: dict[str, DailyJob] = {}


def daily(name: str) -> Callable[[DailyJob], DailyJob]:
    def register(job: DailyJob) -> DailyJob:
        if _jobs.get(name, job) is not job:
            raise ImproperlyConfigured(f"Two daily jobs are called {name!r}.")
        _jobs[name] = job
        return job

    return register


def daily_jobs() -> dict[str, DailyJob]:
    return dict(_jobs)


@dataclass(frozen=True)
class Outcome:
    job: str
    status: str  # a ScheduledRun.Status, or "skipped": another run has it today
    text: str


def _claim(name: str, day: datetime.date) -> ScheduledRun | None:
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=name, day=day)
    except IntegrityError:
        pass
    retried = ScheduledRun.objects.filter(
        job=name, day=day, status=ScheduledRun.Status.FAILED
    ).update(status=ScheduledRun.Status.RUNNING, started_at=timezone.now(), outcome="")
    return ScheduledRun.objects.get(job=name, day=day) if retried else None


def run_due(day: datetime.date | None = None) -> list[Outcome]:
    """Run every job not yet done (or running) today; never inside a transaction, so a
    job's mail and files go out as it commits them."""
    day = day or timezone.localdate()
    outcomes = []
    for name, job in daily_jobs().items():
        run = _claim(name, day)
        if run is None:
            outcomes.append(Outcome(name, "skipped", ""))
            continue
        try:
            text, status = job(), ScheduledRun.Status.DONE
        except Exception as error:  # one failing job must not stop the others
            logger.exception("Geplande taak %s mislukt", name)
            text, status = f"{type(error).__name__}: {error}", ScheduledRun.Status.FAILED
        ScheduledRun.objects.filter(pk=run.pk).update(
            status=status,
            outcome=text[: ScheduledRun.OUTCOME_LENGTH],
            finished_at=timezone.now(),
        )
        outcomes.append(Outcome(name, status, text))
    return outcomes
