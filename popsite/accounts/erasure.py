"""Erase a worker who has left, once the retention period has passed.

The person row stays, scrubbed of every personal detail, so that records other
people own (a training's attendance, an export log) keep their shape; everything
that is the worker's own (trajectories, POPs, worksheets, consents, evidence and
their files) is deleted. The registration history keeps only anonymous counts.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import ContactMoment, Phase, PhaseChange, PopVersion, Trajectory
from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent, User
from popsite.files import delete_files_on_commit, stored_files_of
from registration.models import ErasedCompletion
from registration.selectors import with_completion


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


def erasable_from(worker: User) -> datetime.date | None:
    last = last_activity(worker)
    return last + datetime.timedelta(days=settings.RETENTION_DAYS) if last else None


@transaction.atomic
def worker_erase(*, worker: User, by: User | None) -> int:
    """Returns the number of trajectories counted into the anonymous history.

    ``by`` is None when the daily scheduler erases after the retention period."""
    trajectories = list(with_completion(Trajectory.objects.filter(worker=worker)))
    if any(t.phase != Phase.AFGEROND for t in trajectories):
        raise ValidationError(_("Deze werknemer heeft nog een lopend traject."))
    allowed_from = erasable_from(worker)
    if allowed_from and allowed_from > timezone.localdate():
        raise ValidationError(
            _("De bewaartermijn loopt nog: wissen kan vanaf %(date)s.")
            % {"date": allowed_from.strftime("%d/%m/%Y")}
        )
    counted = 0
    for trajectory in trajectories:
        if trajectory.completed_at:
            month = timezone.localtime(trajectory.completed_at).date().replace(day=1)
            row, _created = ErasedCompletion.objects.get_or_create(
                organisation_id=trajectory.organisation_id, month=month
            )
            ErasedCompletion.objects.filter(pk=row.pk).update(trajectories=F("trajectories") + 1)
            counted += 1
    files = stored_files_of(trajectories)
    for trajectory in trajectories:
        # Newest version first: each version protects the one it was made from.
        for pop in trajectory.pop_versions.order_by("-number"):
            pop.delete()
        trajectory.delete()
    worker.memberships.all().delete()
    worker.sent_reminders.all().delete()
    worker.first_name, worker.last_name = _("Gewiste"), _("persoon")
    worker.email = f"gewist-{worker.pk}@invalid"
    worker.login_name = None  # made from the name
    worker.one_time_code_until = None
    worker.birth_date = None
    worker.is_active = False
    worker.set_unusable_password()
    worker.save()
    audit_record(user=by, verb=AuditEvent.Verb.DELETE, obj=worker)
    delete_files_on_commit(files)
    return counted
