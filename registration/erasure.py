"""The registration's share in erasing a worker (popsite.accounts.erasure): each
completed trajectory stays in the history as an anonymous count for its month."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from plans.models import Trajectory
from popsite.accounts.erasure import ErasurePart
from popsite.accounts.models import User
from registration.models import ErasedCompletion
from registration.selectors import with_completion


def count_completions(worker: User) -> int:
    counted = 0
    for trajectory in with_completion(Trajectory.objects.filter(worker=worker)):
        if trajectory.completed_at:
            month = timezone.localtime(trajectory.completed_at).date().replace(day=1)
            row, _created = ErasedCompletion.objects.get_or_create(
                organisation_id=trajectory.organisation_id, month=month
            )
            ErasedCompletion.objects.filter(pk=row.pk).update(trajectories=F("trajectories") + 1)
            counted += 1
    return counted


PART = ErasurePart(erase=count_completions)
