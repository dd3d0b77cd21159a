"""The one way views fetch a trajectory or POP version: through the rules, 404 otherwise."""

from __future__ import annotations

from django.http import HttpRequest

from plans import selectors
from plans.models import PopVersion, Trajectory
from popsite.accounts.access import get_object_for


def get_trajectory_for(
    request: HttpRequest, pk: int, perm: str = "plans.view_trajectory"
) -> Trajectory:
    queryset = Trajectory.objects.select_related(
        "worker", "organisation", "floor_supervisor"
    ).prefetch_related("coaches")
    return get_object_for(request.user, queryset, perm, pk=pk)


def get_pop_for(request: HttpRequest, pk: int, perm: str = "plans.view_trajectory") -> PopVersion:
    return get_object_for(request.user, selectors.pop_with_content(PopVersion.objects), perm, pk=pk)
