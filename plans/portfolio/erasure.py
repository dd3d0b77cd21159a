"""The portfolio's share in erasing a worker (popsite.accounts.erasure): the record of
the reminders mailed to them. Grants, talks and evidence go with the trajectory."""

from __future__ import annotations

from plans.portfolio.models import SentReminder
from popsite.accounts.erasure import ErasurePart
from popsite.accounts.models import User


def erase(worker: User) -> int:
    SentReminder.objects.filter(user=worker).delete()
    return 0


PART = ErasurePart(erase=erase)
