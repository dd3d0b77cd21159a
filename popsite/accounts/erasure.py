"""Erase a worker who has left, once the retention period has passed.

The person row stays, scrubbed of every personal detail, so that records other
people own (a training's attendance, an export log) keep their shape; everything
that is the worker's own (trajectories, POPs, worksheets, consents, evidence and
their files) is deleted. The registration history keeps only anonymous counts.

Each app erases its own part (``ErasurePart``, added in its AppConfig.ready): this
module, at the bottom, knows none of the apps built on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent, User


def _no_date(worker: User) -> datetime.date | None:
    return None


def _no_objection(worker: User) -> None:
    return None


@dataclass(frozen=True)
class ErasurePart:
    """One app's share: ``check`` raises ValidationError to refuse the erasure,
    ``last_activity`` is the worker's latest date in the app (the retention period runs
    from the latest of all), ``erase`` deletes the app's rows of the worker and returns
    how many trajectories it counted into the anonymous history."""

    erase: Callable[[User], int]
    check: Callable[[User], None] = _no_objection
    last_activity: Callable[[User], datetime.date | None] = _no_date


PARTS: list[ErasurePart] = []


def add_part(part: ErasurePart) -> None:
    PARTS.append(part)


def last_activity(worker: User) -> datetime.date | None:
    known = [d for part in PARTS if (d := part.last_activity(worker))]
    return max(known) if known else None


def erasable_from(worker: User) -> datetime.date | None:
    last = last_activity(worker)
    return last + datetime.timedelta(days=settings.RETENTION_DAYS) if last else None


@transaction.atomic
def worker_erase(*, worker: User, by: User | None) -> int:
    """Returns the number of trajectories counted into the anonymous history.

    ``by`` is None when the daily scheduler erases after the retention period."""
    for part in PARTS:
        part.check(worker)
    allowed_from = erasable_from(worker)
    if allowed_from and allowed_from > timezone.localdate():
        raise ValidationError(
            _("De bewaartermijn loopt nog: wissen kan vanaf %(date)s.")
            % {"date": allowed_from.strftime("%d/%m/%Y")}
        )
    # The apps loaded last go first: their rows hang from those of the apps below.
    counted = sum(part.erase(worker) for part in reversed(PARTS))
    worker.memberships.all().delete()
    worker.first_name, worker.last_name = _("Gewiste"), _("persoon")
    worker.email = f"gewist-{worker.pk}@invalid"
    worker.login_name = None  # made from the name
    worker.one_time_code_until = None
    worker.birth_date = None
    worker.is_active = False
    worker.set_unusable_password()
    worker.save()
    audit_record(user=by, verb=AuditEvent.Verb.DELETE, obj=worker)
    return counted
