"""Writes that span several rows: each one runs in a single transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plans import tasks
from plans.models import (
    TOWARDS_UITVOEREN,
    Action,
    ActionEvaluation,
    LanguageSkill,
    Phase,
    PhaseChange,
    PopVersion,
    SummaryItem,
    Trajectory,
)
from plans.signals import pop_revised, trajectory_created
from plans.variants import propose_variant
from popsite.accounts.models import Membership, User
from popsite.files import delete_with_files


def active_trajectory_of(membership: Membership) -> Trajectory | None:
    return (
        Trajectory.objects.active()
        .filter(worker=membership.user_id, organisation=membership.organisation_id)
        .first()
    )


class ActiveTrajectoryExistsError(ValidationError):
    """The worker already has a running trajectory in this organisation."""

    def __init__(self, existing: Trajectory) -> None:
        super().__init__(
            _("%(worker)s heeft al een lopend POP-traject bij %(organisation)s.")
            % {"worker": existing.worker, "organisation": existing.organisation}
        )
        self.existing = existing


@transaction.atomic
def trajectory_create(
    *,
    membership: Membership,
    coach: User,
    reflection_level: str,
    intensity: str,
    variant: str | None = None,
    language_skills: str = LanguageSkill.FLUENT,
) -> Trajectory:
    existing = active_trajectory_of(membership)
    if existing is not None:
        raise ActiveTrajectoryExistsError(existing)
    try:
        # The constraint decides when two coaches create one at the same moment.
        with transaction.atomic():
            trajectory = Trajectory.objects.create(
                worker=membership.user,
                organisation=membership.organisation,
                reflection_level=reflection_level,
                intensity=intensity,
                language_skills=language_skills,
                variant=variant or propose_variant(reflection_level, intensity),
            )
    except IntegrityError:
        raise ActiveTrajectoryExistsError(active_trajectory_of(membership)) from None
    trajectory.coaches.add(coach)
    PhaseChange.objects.create(trajectory=trajectory, to_phase=Phase.OPSTART, changed_by=coach)
    PopVersion.objects.create(trajectory=trajectory, number=1)
    trajectory_created.send(sender=Trajectory, trajectory=trajectory)
    return trajectory


@transaction.atomic
def trajectory_change_phase(*, trajectory: Trajectory, to_phase: str, by: User) -> None:
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if to_phase not in Phase.values:
        raise ValidationError(_("Kies een fase uit de lijst."))
    if to_phase not in trajectory.next_phases:
        raise ValidationError(
            _("Van de fase %(from)s kan het traject niet naar %(to)s.")
            % {"from": trajectory.get_phase_display(), "to": Phase(to_phase).label}
        )
    _record_phase(trajectory, to_phase, by)


def _record_phase(
    trajectory: Trajectory, to_phase: str, by: User, at: datetime.datetime | None = None
) -> None:
    PhaseChange.objects.create(
        trajectory=trajectory,
        from_phase=trajectory.phase,
        to_phase=to_phase,
        changed_by=by,
        changed_at=at or timezone.now(),
    )
    trajectory.phase = to_phase
    trajectory.save(update_fields=["phase"])


class ConcurrentChangeError(ValidationError):
    """Someone else changed the POP since this person loaded it."""


def pop_mark_changed(
    pop: PopVersion, *, by: User | None = None, expected_version: int | None = None
) -> None:
    """Content changed: confirmations given so far no longer cover it.

    With ``expected_version`` (the number the editor's page was built on) the
    change only goes through if nobody saved in between; the check and the bump
    are one UPDATE, so two simultaneous saves cannot both pass.
    """
    # Never an agreed version: an edit racing the final confirmation loses.
    rows = PopVersion.objects.filter(pk=pop.pk, agreed_at__isnull=True)
    if expected_version is not None:
        rows = rows.filter(lock_version=expected_version)
    updated = rows.update(
        lock_version=F("lock_version") + 1,
        content_version=F("content_version") + 1,
        worker_agreed_at=None,
        coach_agreed_at=None,
        coach_agreed_by=None,
        ready_at=None,
        changed_by=by,
        changed_at=timezone.now(),
    )
    if not updated:
        current = PopVersion.objects.select_related("changed_by").get(pk=pop.pk)
        if current.agreed_at:
            raise ConcurrentChangeError(
                _(
                    "Deze POP is intussen afgesproken. Je wijziging is niet opgeslagen. "
                    "Maak een nieuwe versie om iets aan te passen."
                )
            )
        raise ConcurrentChangeError(
            _(
                "%(who)s heeft deze POP om %(time)s gewijzigd terwijl jij aan het werk was. "
                "Je wijziging is niet opgeslagen. Bekijk hieronder de huidige versie en probeer opnieuw."
            )
            % {
                "who": current.changed_by or _("Iemand anders"),
                "time": timezone.localtime(current.changed_at).strftime("%H:%M")
                if current.changed_at
                else "?",
            }
        )


def ensure_editable(pop: PopVersion) -> None:
    if pop.is_agreed:
        raise ValidationError(
            _(
                "Deze POP-versie is afgesproken en kan niet meer veranderen. "
                "Maak een nieuwe versie om iets aan te passen."
            )
        )
    if pop.trajectory.pop_versions.filter(number__gt=pop.number).exists():
        raise ValidationError(_("Er is al een nieuwere versie van deze POP."))


@transaction.atomic
def pop_agree(*, pop: PopVersion, by: User, seen_version: int | None) -> PopVersion:
    """Record the confirmation of the worker or of a coach; agreed when both have.

    ``seen_version`` is the content version the confirming page showed: a
    confirmation of anything else (or of nothing named) is refused.
    """
    pop = PopVersion.objects.select_for_update().select_related("trajectory").get(pk=pop.pk)
    if pop.is_agreed:
        raise ValidationError(_("Deze POP-versie is al afgesproken."))
    if seen_version != pop.content_version:
        raise ConcurrentChangeError(
            _(
                "De POP is veranderd sinds je ze opende. Je bevestiging is niet bewaard. "
                "Lees de POP hieronder opnieuw en bevestig dan."
            )
        )
    missing = pop.missing_for_agreement()
    if missing:
        raise ValidationError(missing)
    now = timezone.now()
    trajectory = pop.trajectory
    if by.pk == trajectory.worker_id:
        if not pop.is_ready_for_worker and _has_agreed_version(trajectory):
            # The worker's home shows the agreed plan until the coach says the new one is done.
            raise ValidationError(
                _("Je coach werkt je nieuwe plan nog af. Je plan van nu blijft gelden.")
            )
        if pop.worker_agreed_at:
            raise ValidationError(_("Je hebt deze POP-versie al bevestigd."))
        pop.worker_agreed_at = now
    elif trajectory.coaches.filter(pk=by.pk).exists():
        if pop.coach_agreed_at:
            raise ValidationError(_("Een coach heeft deze POP-versie al bevestigd."))
        pop.coach_agreed_at = now
        pop.coach_agreed_by = by
    else:
        raise ValidationError(_("Alleen de werknemer en de coach bevestigen een POP."))
    if pop.worker_agreed_at and pop.coach_agreed_at:
        pop.agreed_at = now
        while trajectory.phase in TOWARDS_UITVOEREN:
            _record_phase(trajectory, TOWARDS_UITVOEREN[trajectory.phase], by, at=now)
    # A confirmation is a change too: an editor's page built before it is now stale.
    # The row is locked since it was read, so its number is known without reading it back.
    pop.lock_version += 1
    pop.save(
        update_fields=[
            "worker_agreed_at",
            "coach_agreed_at",
            "coach_agreed_by",
            "agreed_at",
            "lock_version",
        ]
    )
    if pop.is_agreed:
        # The task row commits with the agreement: the worker renders the document of
        # record once, from exactly what was agreed.
        tasks.freeze_agreed_pop.enqueue(pop.pk)
    return pop


def _has_agreed_version(trajectory: Trajectory) -> bool:
    return trajectory.pop_versions.filter(agreed_at__isnull=False).exists()


@transaction.atomic
def pop_mark_ready(*, pop: PopVersion, by: User, seen_version: int | None) -> PopVersion:
    """The coach says the draft is finished: the worker now sees it and may confirm it."""
    pop = PopVersion.objects.select_for_update().get(pk=pop.pk)
    if pop.is_agreed:
        raise ValidationError(_("Deze POP-versie is al afgesproken."))
    if seen_version != pop.content_version:
        raise ConcurrentChangeError(
            _("De POP is veranderd sinds je ze opende. Bekijk ze opnieuw en probeer dan nog eens.")
        )
    missing = pop.missing_for_agreement()
    if missing:
        raise ValidationError(missing)
    pop.ready_at = timezone.now()
    pop.save(update_fields=["ready_at"])
    return pop


def action_mark_progress(*, action: Action, progress: int, by: User) -> None:
    """Progress is follow-up, not plan content: it may change on an agreed version,
    but only on the version that counts now, and it says who changed it."""
    if action.pop.trajectory.pop_versions.filter(number__gt=action.pop.number).exists():
        raise ValidationError(_("Er is al een nieuwere versie van deze POP."))
    if by.pk == action.pop.trajectory.worker_id and not action.pop.is_agreed:
        raise ValidationError(
            _("Je duidt aan hoe ver je bent als jij en je coach het plan hebben afgesproken.")
        )
    action.progress = progress
    action.progress_changed_by = by
    action.progress_changed_at = timezone.now()
    action.save(update_fields=["progress", "progress_changed_by", "progress_changed_at"])


def _latest_agreed(trajectory: Trajectory) -> PopVersion:
    # Lock the trajectory before reading its latest version: a second "nieuwe versie"
    # click waits here and then sees the draft the first one made, instead of making
    # the same version number again (an IntegrityError).
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    latest = (
        PopVersion.objects.select_for_update()
        .filter(trajectory=trajectory)
        .order_by("-number")
        .first()
    )
    if latest is None or not latest.is_agreed:
        raise ValidationError(
            _("Er loopt al een versie die nog niet is afgesproken. Werk die eerst af.")
        )
    return latest


@transaction.atomic
def pop_revise(*, pop: PopVersion) -> PopVersion:
    """A new draft version with the same content as the agreed one, which stays as it was."""
    latest = _latest_agreed(pop.trajectory)
    if latest.pk != pop.pk:
        raise ValidationError(_("Alleen de laatste POP-versie kan een nieuwe versie krijgen."))
    new = PopVersion.objects.create(
        trajectory=pop.trajectory,
        number=pop.number + 1,
        previous=pop,
        is_follow_up=pop.is_follow_up,
        overall_goal=pop.overall_goal,
    )
    summary_map = _copy_summary(pop, new)
    goal_map = {}
    for goal in pop.goals.all():
        old_pk = goal.pk
        goal.pk, goal.pop = None, new
        goal.save()
        goal_map[old_pk] = goal
    action_map = {}
    for action in pop.actions.all():
        old_pk = action.pk
        action.pk, action.pop = None, new
        action.goal = goal_map.get(action.goal_id)
        action.save()
        action_map[old_pk] = action
    for evaluation in pop.evaluations.all():
        evaluation.pk, evaluation.pop = None, new
        evaluation.save()
    pop_revised.send(
        sender=PopVersion, old=pop, new=new, summary_map=summary_map, action_map=action_map
    )
    return new


def _copy_summary(old: PopVersion, new: PopVersion) -> dict[int, SummaryItem]:
    """Copy the summary items into the new version; old pk -> the copy."""
    copies = {}
    for item in old.summary_items.all():
        old_pk = item.pk
        item.pk, item.pop = None, new
        item.save()
        copies[old_pk] = item
    return copies


@transaction.atomic
def pop_start_follow_up(
    *, trajectory: Trajectory, by: User, from_previous: bool = False
) -> PopVersion:
    """The next POP opens with the evaluation of every action of the previous one.
    ``from_previous``: it also starts from the previous summary and overall goal, to be
    edited rather than typed again."""
    previous = _latest_agreed(trajectory)
    new = PopVersion.objects.create(
        trajectory=trajectory,
        number=previous.number + 1,
        previous=previous,
        is_follow_up=True,
        overall_goal=previous.overall_goal if from_previous else "",
    )
    if from_previous:
        _copy_summary(previous, new)
    ActionEvaluation.objects.bulk_create(
        ActionEvaluation(pop=new, action=action, score=action.progress)
        for action in previous.actions.all()
    )
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    # Evaluating starts the follow-up; a coach who already moved on keeps that phase.
    if trajectory.phase == Phase.UITVOEREN:
        _record_phase(trajectory, Phase.EVALUEREN, by)
    return new


@transaction.atomic
def pop_save_evaluations(
    *,
    pop: PopVersion,
    evaluations: list[ActionEvaluation],
    goal_review: str | None = None,
    by: User | None = None,
    expected_version: int | None = None,
) -> None:
    """Save the evaluation and keep the carried-over actions in step with it."""
    ensure_editable(pop)
    if goal_review is not None:
        pop.previous_goal_review = goal_review
        pop.save(update_fields=["previous_goal_review"])
    carried = {a.carried_from_id: a for a in pop.actions.filter(carried_from__isnull=False)}
    for evaluation in evaluations:
        evaluation.save(update_fields=["score", "carry_over", "remark"])
        source = evaluation.action
        if evaluation.carry_over and source.pk not in carried:
            Action.objects.create(
                pop=pop,
                description=source.description,
                helper=source.helper,
                competence=source.competence,
                carried_from=source,
            )
        elif not evaluation.carry_over and source.pk in carried:
            delete_with_files(carried[source.pk])
    pop_mark_changed(pop, by=by, expected_version=expected_version)
