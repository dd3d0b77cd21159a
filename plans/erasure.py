"""The trajectory's share in erasing a worker (popsite.accounts.erasure): every
trajectory, its POP versions and the files of everything hanging from them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import ContactMoment, Phase, PhaseChange, PopVersion, Trajectory
from popsite.accounts.erasure import ErasurePart
from popsite.accounts.models import User
from popsite.files import delete_files_on_commit, stored_files_of


def refuse_running(worker: User) -> None:
    if Trajectory.objects.filter(worker=worker).exclude(phase=Phase.AFGEROND).exists():
        raise ValidationError(_("Deze werknemer heeft nog een lopend traject."))


def last_activity(worker: User) -> datetime.date | None:
    dates = [
        Trajectory.objects.filter(worker=worker).aggregate(d=Max("started_on"))["d"],
        ContactMoment.objects.filter(trajectory__worker=worker).aggregate(d=Max("date"))["d"],
    ]
    for model, field in ((PopVersion, "agreed_at"), (PhaseChange, "changed_at")):
        moment = model.objects.filter(trajectory__worker=worker).aggregate(d=Max(field))["d"]
        dates.append(timezone.localtime(moment).date() if moment else None)
    known = [d for d in dates if d]
    return max(known) if known else None


def erase(worker: User) -> int:
    trajectories = list(Trajectory.objects.filter(worker=worker))
    files = stored_files_of(trajectories)
    for trajectory in trajectories:
        # Newest version first: each version protects the one it was made from.
        for pop in trajectory.pop_versions.order_by("-number"):
            pop.delete()
        trajectory.delete()
    delete_files_on_commit(files)
    return 0


PART = ErasurePart(erase=erase, check=refuse_running, last_activity=last_activity)
