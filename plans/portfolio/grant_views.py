"""The worker grants and revokes portfolio access; a supervisor lists what is shared."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.access import get_trajectory_for
from plans.portfolio import grants
from plans.portfolio.models import PortfolioGrant
from plans.portfolio.portfolio_forms import GrantForm
from popsite.accounts.models import Role
from popsite.feedback import show_errors


def _posted(request: HttpRequest) -> QueryDict | None:
    """A POST binds the form even when every field was left empty (unticked boxes)."""
    return request.POST if request.method == "POST" else None


@login_required
def grant_list(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.manage_grants")
    is_worker = request.user.pk == trajectory.worker_id
    form = GrantForm(_posted(request), for_coach=not is_worker)
    if request.method == "POST":
        if form.is_valid():
            try:
                grant = grants.grant_create(
                    trajectory=trajectory,
                    by=request.user,
                    base_url=request.build_absolute_uri("/").rstrip("/"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                # The address as typed, not the account's name: a grant must not reveal
                # who owns an e-mail address.
                messages.success(
                    request,
                    _("%(who)s kan nu je portfolio bekijken.") % {"who": grant.grantee.email},
                )
                return redirect("plans:grants", pk=trajectory.pk)
        else:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    all_grants = list(trajectory.grants.select_related("grantee", "granted_by", "revoked_by"))
    return render(
        request,
        "plans/grants.html",
        {
            "trajectory": trajectory,
            "form": form,
            "groups": grants.grant_groups(all_grants),
            "is_worker": is_worker,
        },
    )


@require_POST
@login_required
def grant_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.manage_grants")
    try:
        grant = trajectory.grants.select_related("grantee").get(pk=grant_pk)
    except PortfolioGrant.DoesNotExist:
        raise Http404 from None
    try:
        grants.grant_revoke(grant=grant, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(who)s kan je portfolio niet meer bekijken.")
            % {"who": grant.typed_name or grant.grantee.email},
        )
    return redirect("plans:grants", pk=trajectory.pk)


@login_required
def shared_portfolios(request: HttpRequest) -> HttpResponse:
    """A supervisor's home: the portfolios shared with them today."""
    if not request.user.has_role(Role.SUPERVISOR):
        raise Http404
    return render(
        request, "plans/shared_portfolios.html", {"grants": grants.shared_with(request.user)}
    )
