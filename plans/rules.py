"""Who may see and change which trajectory: the only place these rules live.

Predicates decide for one object; ``visible_trajectories`` says the same for
lists, so a list never shows what the detail page would refuse.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from plans.models import (
    Evidence,
    PopTemplate,
    PopVersion,
    PortfolioGrant,
    ProgressTalk,
    Trajectory,
)
from popsite.accounts.models import Role, User


def _trajectory(obj: Trajectory | PopVersion | ProgressTalk | Evidence) -> Trajectory:
    if isinstance(obj, Trajectory):
        return obj
    if isinstance(obj, Evidence):
        return obj.action.pop.trajectory
    return obj.trajectory


@rules.predicate
def is_own_worker(user: User, obj: Trajectory | PopVersion) -> bool:
    return _trajectory(obj).worker_id == user.pk


@rules.predicate
def is_coach_of(user: User, obj: Trajectory | PopVersion) -> bool:
    """Linked as its coach AND still a coach in its organisation: removing someone's
    coach role ends their access without touching every trajectory."""
    trajectory = _trajectory(obj)
    return user.has_role(Role.COACH, trajectory.organisation_id) and any(
        c.pk == user.pk for c in trajectory.coaches.all()
    )


@rules.predicate
def is_trainer_of(user: User, obj: Trajectory | PopVersion) -> bool:
    return user.has_role(Role.TRAINER, _trajectory(obj).organisation_id)


rules.add_perm(
    "plans.view_trajectory", is_own_worker | is_coach_of | is_trainer_of | rules.is_staff
)
rules.add_perm("plans.change_trajectory", is_coach_of)
rules.add_perm("plans.agree_pop", is_own_worker | is_coach_of)
rules.add_perm("plans.download_pop", is_own_worker | is_coach_of | rules.is_staff)
rules.add_perm("plans.mark_progress", is_own_worker | is_coach_of)


@rules.predicate
def has_active_grant(user: User, obj: Trajectory | PopVersion) -> bool:
    """Asked of the database on every request: a revoked or ended grant closes at once."""
    return (
        PortfolioGrant.objects.active().filter(grantee=user, trajectory=_trajectory(obj)).exists()
    )


# A supervisor sees the portfolio (versions, growth, evidence) and nothing else.
rules.add_perm(
    "plans.view_portfolio",
    is_own_worker | is_coach_of | is_trainer_of | rules.is_staff | has_active_grant,
)
# The worker grants access; a coach may do it on the worker's request.
rules.add_perm("plans.manage_grants", is_own_worker | is_coach_of)
rules.add_perm("plans.add_evidence", is_own_worker | is_coach_of)
rules.add_perm("plans.prepare_talk", is_own_worker)
rules.add_perm("plans.view_talk", is_own_worker | is_coach_of)
rules.add_perm("plans.share_with_team", is_own_worker)


@rules.predicate
def is_template_editor(user: User, template: PopTemplate) -> bool:
    """POP templates per function are defined by the organisation's ambassador or trainer."""
    return user.has_role(Role.AMBASSADOR, template.organisation_id) or user.has_role(
        Role.TRAINER, template.organisation_id
    )


rules.add_perm("plans.change_template", is_template_editor)


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
