"""Who may see and change which trajectory: the only place these rules live (the
portfolio's, in plans/portfolio/rules.py, are built from these predicates).

Predicates decide for one object; ``visible_trajectories`` says the same for
lists, so a list never shows what the detail page would refuse.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from plans.models import PopVersion, ProgressTalk, Trajectory
from popsite.accounts.models import Role, User


def trajectory_of(obj: Trajectory | PopVersion | ProgressTalk) -> Trajectory:
    """The trajectory of anything hanging from one (the portfolio's evidence too)."""
    if isinstance(obj, Trajectory):
        return obj
    return obj.trajectory


@rules.predicate
def is_own_worker(user: User, obj: Trajectory | PopVersion) -> bool:
    return trajectory_of(obj).worker_id == user.pk


@rules.predicate
def is_coach_of(user: User, obj: Trajectory | PopVersion) -> bool:
    """Linked as its coach AND still a coach in its organisation: removing someone's
    coach role ends their access without touching every trajectory."""
    trajectory = trajectory_of(obj)
    return user.has_role(Role.COACH, trajectory.organisation_id) and any(
        c.pk == user.pk for c in trajectory.coaches.all()
    )


@rules.predicate
def is_trainer_of(user: User, obj: Trajectory | PopVersion) -> bool:
    return user.has_role(Role.TRAINER, trajectory_of(obj).organisation_id)


rules.add_perm(
    "plans.view_trajectory", is_own_worker | is_coach_of | is_trainer_of | rules.is_staff
)
rules.add_perm("plans.change_trajectory", is_coach_of)
rules.add_perm("plans.agree_pop", is_own_worker | is_coach_of)
rules.add_perm("plans.download_pop", is_own_worker | is_coach_of | rules.is_staff)
rules.add_perm("plans.mark_progress", is_own_worker | is_coach_of)


def visible_trajectories(user: User) -> QuerySet[Trajectory]:
    """The list form of plans.view_trajectory."""
    if user.is_staff:
        return Trajectory.objects.all()
    return Trajectory.objects.filter(
        Q(worker=user)
        | Q(pk__in=coached_ids(user))
        | Q(organisation__in=user.organisation_ids(Role.TRAINER))
    )


def coached_ids(user: User) -> QuerySet:
    """The list form of is_coach_of."""
    return Trajectory.coaches.through.objects.filter(
        user=user, trajectory__organisation__in=user.organisation_ids(Role.COACH)
    ).values("trajectory_id")
