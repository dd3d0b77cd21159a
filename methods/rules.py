"""Who may see and change methods, decks, planned talks and worksheets.

Trajectory access is asked from plans.rules, so a worksheet is visible to exactly
those who may see its trajectory, and written by exactly its coaches.
"""

from __future__ import annotations

import rules
from django.db.models import Model

from methods.models import Rater
from methods.sheets import HOMEWORK_FIELDS
from popsite.accounts.models import Role, User

CATALOGUE_ROLES = (Role.COACH, Role.TRAINER, Role.AMBASSADOR)
MANAGER_ROLES = (Role.TRAINER, Role.AMBASSADOR)


def _trajectory(obj: Model) -> Model:
    return obj if obj._meta.label == "plans.Trajectory" else obj.trajectory


def manager_organisation_ids(user: User) -> list[int]:
    return [m.organisation_id for m in user.cached_memberships if m.role in MANAGER_ROLES]


def catalogue_organisation_ids(user: User) -> list[int]:
    return [m.organisation_id for m in user.cached_memberships if m.role in CATALOGUE_ROLES]


@rules.predicate
def uses_catalogue(user: User) -> bool:
    return bool(catalogue_organisation_ids(user))


@rules.predicate
def manages_methods(user: User) -> bool:
    return bool(manager_organisation_ids(user))


@rules.predicate
def sees_catalogue_item(user: User, obj: Model) -> bool:
    """Shipped items for everyone in the catalogue; own items for their organisation."""
    if obj.organisation_id is None:
        return bool(catalogue_organisation_ids(user))
    return obj.organisation_id in catalogue_organisation_ids(user)


@rules.predicate
def manages_item(user: User, obj: Model) -> bool:
    return obj.organisation_id is not None and obj.organisation_id in manager_organisation_ids(user)


@rules.predicate
def sees_trajectory(user: User, obj: Model) -> bool:
    return rules.has_perm("plans.view_trajectory", user, _trajectory(obj))


@rules.predicate
def writes_trajectory(user: User, obj: Model) -> bool:
    return rules.has_perm("plans.change_trajectory", user, _trajectory(obj))


@rules.predicate
def is_its_worker(user: User, obj: Model) -> bool:
    return _trajectory(obj).worker_id == user.pk


@rules.predicate
def is_homework(user: User, obj: Model) -> bool:
    return obj._meta.label == "methods.Worksheet" and obj.kind in HOMEWORK_FIELDS


@rules.predicate
def supervises_floor_of(user: User, obj: Model) -> bool:
    """The floor supervisor the coach assigned to this trajectory, while they hold the role."""
    trajectory = _trajectory(obj)
    return trajectory.floor_supervisor_id == user.pk and user.has_role(
        Role.FLOOR_SUPERVISOR, trajectory.organisation_id
    )


def rater_of(user: User, worksheet: Model) -> str:
    """Whose column a rating from this user fills: a coach of the worker rates as coach,
    even when they also supervise the floor."""
    if rules.has_perm("plans.change_trajectory", user, worksheet.trajectory):
        return Rater.COACH
    return Rater.FLOOR


rules.add_perm("methods.browse_catalogue", uses_catalogue | rules.is_staff)
rules.add_perm("methods.add_method", manages_methods)
rules.add_perm("methods.view_method", sees_catalogue_item | rules.is_staff)
rules.add_perm("methods.change_method", manages_item)
rules.add_perm("methods.view_deck", sees_catalogue_item | rules.is_staff)
rules.add_perm("methods.change_deck", manages_item)
rules.add_perm("methods.change_competence", manages_item)
rules.add_perm("methods.view_plan", sees_trajectory)
rules.add_perm("methods.change_plan", writes_trajectory)
rules.add_perm("methods.view_worksheet", sees_trajectory)
rules.add_perm("methods.change_worksheet", writes_trajectory)
# The scan's worker page: the worker gives their own points (or the coach types them in).
rules.add_perm("methods.score_scan_as_worker", writes_trajectory | is_its_worker)
rules.add_perm("methods.fill_homework", writes_trajectory | (is_its_worker & is_homework))
# The floor supervisor gives their view in the interim consultation (draaiboek §4.5.3),
# without reading the rest of the POP.
rules.add_perm("methods.rate_worksheet", writes_trajectory | supervises_floor_of)
