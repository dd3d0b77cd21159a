"""Progress talks (seed 004): plan, prepare, record, and draft the next POP from them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans import services
from plans.models import Goal, PopReflection, PopVersion, ProgressTalk, Trajectory
from popsite.accounts.models import User

PREPARATION_DAYS = 7


@transaction.atomic
def progress_talk_plan(
    *, trajectory: Trajectory, by: User, planned_on: datetime.date
) -> ProgressTalk:
    today = timezone.localdate()
    if planned_on < today:
        raise ValidationError(_("Kies een datum vandaag of later."))
    if planned_on - datetime.timedelta(days=PREPARATION_DAYS) < today:
        raise ValidationError(
            _("Plan het gesprek minstens %(days)s dagen vooruit: de werknemer bereidt het voor.")
            % {"days": PREPARATION_DAYS}
        )
    return ProgressTalk.objects.create(trajectory=trajectory, planned_by=by, planned_on=planned_on)


@transaction.atomic
def progress_talk_prepare(*, talk: ProgressTalk, by: User, **answers: str) -> ProgressTalk:
    """The worker hands in the preparation; it may be improved until the talk is held."""
    talk = ProgressTalk.objects.select_for_update().get(pk=talk.pk)
    if talk.held_at is not None:
        raise ValidationError(_("Dit gesprek is al gehouden."))
    if not any(value.strip() for value in answers.values()):
        raise ValidationError(_("Vul minstens één vraag in."))
    for name, value in answers.items():
        setattr(talk, name, value)
    talk.prepared_at = timezone.now()
    talk.save(update_fields=[*answers, "prepared_at"])
    return talk


# Where the coach's record starts: the worker's own preparation for the same part.
RECORD_FROM_PREPARATION = {"agenda": "agenda_points", "next_goals": "draft_goals"}


def record_start(talk: ProgressTalk) -> dict[str, str]:
    """Initial values for the record form: the worker's agenda points and draft goals,
    for each part of the record the coach has not written yet."""
    return {
        record: getattr(talk, preparation)
        for record, preparation in RECORD_FROM_PREPARATION.items()
        if not getattr(talk, record) and getattr(talk, preparation)
    }


def ensure_recordable(talk: ProgressTalk) -> None:
    """A report is of a talk that took place: on its day or later, never ahead of it."""
    if talk.planned_on > timezone.localdate():
        raise ValidationError(
            _("Het verslag kan pas vanaf de dag van het gesprek (%(day)s).")
            % {"day": talk.planned_on.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def progress_talk_record(*, talk: ProgressTalk, by: User, **record: str) -> ProgressTalk:
    talk = ProgressTalk.objects.select_for_update().get(pk=talk.pk)
    if talk.pop_id is not None:
        raise ValidationError(_("Uit dit gesprek is al een nieuwe POP-versie gemaakt."))
    ensure_recordable(talk)
    for name, value in record.items():
        setattr(talk, name, value)
    talk.held_at = talk.held_at or timezone.now()
    talk.save(update_fields=[*record, "held_at"])
    return talk


@transaction.atomic
def progress_talk_draft_pop(*, talk: ProgressTalk, by: User) -> PopVersion:
    """One step from the talk's record to a new draft POP: the look back becomes the
    reflection on the goals, every line of 'goals for the next period' a goal. How the
    guidance helped and the roles are left for the worker and coach to write together
    (seed 000): the talk's record does not say them."""
    talk = ProgressTalk.objects.select_for_update().select_related("trajectory").get(pk=talk.pk)
    if talk.held_at is None:
        raise ValidationError(_("Leg eerst het verslag van het gesprek vast."))
    if talk.pop_id is not None:
        raise ValidationError(_("Uit dit gesprek is al een nieuwe POP-versie gemaakt."))
    goals = [line.strip() for line in talk.next_goals.splitlines() if line.strip()]
    if not goals:
        raise ValidationError(
            _("Schrijf in het verslag minstens één doel voor de volgende periode.")
        )
    pop = services.pop_start_follow_up(trajectory=talk.trajectory, by=by)
    PopReflection.objects.create(pop=pop, goals_reached=talk.look_back)
    Goal.objects.bulk_create(Goal(pop=pop, goal=text[:300]) for text in goals)
    talk.pop = pop
    talk.save(update_fields=["pop"])
    return pop
