from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from popsite.accounts.models import Organisation, Role

# The order in which a person with several roles lands on a home page.
HOME_BY_ROLE = [
    (Role.COACH, "plans:coach-home"),
    (Role.TRAINER, "plans:trainer-home"),
    (Role.AMBASSADOR, "plans:ambassador-home"),
    (Role.WORKER, "plans:worker-home"),
]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    for role, url_name in HOME_BY_ROLE:
        if request.user.has_role(role):
            return redirect(url_name)
    if request.user.is_staff:
        return redirect("accounts:admin-home")
    return render(request, "accounts/no_role.html")


@login_required
def admin_home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    organisations = Organisation.objects.annotate(
        trajectory_count=Count("trajectories", distinct=True),
        worker_count=Count("memberships", filter=Q(memberships__role=Role.WORKER), distinct=True),
    )
    return render(request, "accounts/admin_home.html", {"organisations": organisations})
