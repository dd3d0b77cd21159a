"""The one way views fetch a trajectory or POP version: through the rules, 404 otherwise."""

from __future__ import annotations

from django.http import HttpRequest

from plans import selectors
from plans.models import PopVersion, Trajectory
from popsite.accounts.access import get_object_for


def _with_coaches(trajectory: Trajectory) -> None:
    selectors.attach_coaches([trajectory])


def get_trajectory_for(
    request: HttpRequest, pk: int, perm: str = "plans.view_trajectory"
) -> Trajectory:
    queryset = Trajectory.objects.select_related("worker", "organisation", "floor_supervisor")
    return get_object_for(request.user, queryset, perm, then=_with_coaches, pk=pk)


def get_trajectory_page_for(request: HttpRequest, pk: int) -> Trajectory:
    """The trajectory as its page shows it: with the consent's state on the same row."""
    queryset = Trajectory.objects.select_related(
        "worker", "organisation", "floor_supervisor", "consent"
    )
    return get_object_for(
        request.user, queryset, "plans.view_trajectory", then=_with_coaches, pk=pk
    )


def get_portfolio_trajectory_for(request: HttpRequest, pk: int) -> Trajectory:
    """The trajectory as its portfolio page shows it: with its worker and organisation,
    not the floor supervisor the page does not name."""
    queryset = Trajectory.objects.select_related("worker", "organisation")
    return get_object_for(request.user, queryset, "plans.view_portfolio", then=_with_coaches, pk=pk)


def get_pop_for(
    request: HttpRequest, pk: int, perm: str = "plans.view_trajectory", *, content: bool = True
) -> PopVersion:
    """With ``content`` the version arrives with everything its page and PDF show; without
    it only with what the rules and a write read (its trajectory, worker and coaches): the
    rest still reads correctly, one query at a time, where a write needs it."""
    if content:
        queryset = selectors.pop_with_content(PopVersion.objects)
    else:
        queryset = PopVersion.objects.select_related("trajectory__worker")
        return get_object_for(
            request.user, queryset, perm, then=selectors.attach_trajectory_coaches, pk=pk
        )
    return get_object_for(request.user, queryset, perm, pk=pk)


def get_pop_page_for(request: HttpRequest, pk: int) -> PopVersion:
    """The version as the coach's POP page shows it (``selectors.pop_page``), its content
    read only once the rules let the user see it."""
    pop = get_object_for(
        request.user,
        selectors.pop_page(PopVersion.objects),
        "plans.view_trajectory",
        then=selectors.attach_trajectory_coaches,
        pk=pk,
    )
    selectors.attach_pop_content(pop)
    selectors.attach_evaluations(pop)
    return pop
