"""The plans app's daily work for the scheduler (popsite.schedule)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from plans.models import Phase, Trajectory
from popsite.accounts.erasure import erasable_from, worker_erase
from popsite.accounts.models import User
from popsite.schedule import daily


@daily("erasure")
def erase_after_retention() -> str:
    """Every worker whose trajectories are all closed and whose retention period has
    passed is erased, as an admin would (popsite.accounts.erasure); the audit log shows
    the erasure without a person."""
    if not settings.ERASE_AFTER_RETENTION:
        return "uitgeschakeld (ERASE_AFTER_RETENTION=0)"
    today = timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.RETENTION_DAYS)
    own = Trajectory.objects.filter(worker=OuterRef("pk"))
    # A trajectory is never active before it starts, so one started after the cutoff
    # rules a worker out without reading the rest of their history.
    candidates = (
        User.objects.filter(Exists(own))
        .exclude(Exists(own.exclude(phase=Phase.AFGEROND)))
        .exclude(Exists(own.filter(started_on__gt=cutoff)))
    )
    erased = 0
    for worker in candidates:
        allowed_from = erasable_from(worker)
        if allowed_from is None or allowed_from > today:
            continue
        try:
            worker_erase(worker=worker, by=None)
        except ValidationError:  # a talk recorded since the read above: kept
            continue
        erased += 1
    return f"{erased} werknemer(s) gewist na de bewaartermijn"
