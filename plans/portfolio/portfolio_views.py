"""The portfolio: all versions, growth, comparison, evidence, reflection, periods.

Every page here is open to a supervisor with an active grant; each look is logged
for the worker to see.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import selectors
from plans.access import get_portfolio_trajectory_for, get_trajectory_for
from plans.models import PopReflection, PopVersion, Trajectory
from plans.portfolio import growth, portfolio
from plans.portfolio.models import Evidence
from plans.portfolio.portfolio_forms import EvidenceForm, PeriodForm, ReflectionForm
from popsite.accounts.access import allowed, get_object_for
from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent
from popsite.feedback import posted_lock_version, show_errors
from popsite.files import file_download_response
from popsite.links import url_for_each

# The portfolio page's links to the trajectory's other portfolio pages ("-" read as "_"
# in the template): kept paths (popsite.links), not a reverse() per link on each view.
_PORTFOLIO_LINKS = ("growth", "compare", "grants", "period-create")


def _posted(request: HttpRequest) -> QueryDict | None:
    """A POST binds the form even when every field was left empty (unticked boxes)."""
    return request.POST if request.method == "POST" else None


def _log_look(request: HttpRequest, obj: models.Model, trajectory: Trajectory) -> None:
    if request.user.pk != trajectory.worker_id:
        audit_record(
            user=request.user, verb=AuditEvent.Verb.VIEW, obj=obj, subject=trajectory.worker
        )


@login_required
def portfolio_page(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_portfolio_trajectory_for(request, pk)
    _log_look(request, trajectory, trajectory)
    is_worker = request.user.pk == trajectory.worker_id
    can_change = allowed(request.user, "plans.change_trajectory", trajectory)
    return render(
        request,
        "plans/portfolio.html",
        {
            "trajectory": trajectory,
            "versions": portfolio.portfolio_versions(trajectory, for_worker=is_worker),
            # Worksheets are POP talk content: only for those the methods rules allow,
            # not for a supervisor who was granted the portfolio.
            "worksheets": portfolio.worksheet_rows(trajectory)
            if allowed(request.user, "methods.view_worksheet", trajectory)
            else [],
            "periods": trajectory.supervision_periods.select_related("closing_pop"),
            "portfolio_links": {
                name.replace("-", "_"): url_for_each(f"plans:{name}")(trajectory.pk)
                for name in _PORTFOLIO_LINKS
            },
            "is_worker": is_worker,
            "can_change": can_change,
            "can_add_evidence": is_worker or can_change,
            "can_manage_grants": is_worker or can_change,
        },
    )


@login_required
def growth_page(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.view_portfolio")
    _log_look(request, trajectory, trajectory)
    is_worker = request.user.pk == trajectory.worker_id
    return render(
        request,
        "plans/growth.html",
        {
            "trajectory": trajectory,
            "is_worker": is_worker,
            **growth.trajectory_growth(trajectory, for_worker=is_worker),
        },
    )


@login_required
def compare_page(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.view_portfolio")
    is_worker = request.user.pk == trajectory.worker_id
    versions = trajectory.pop_versions.order_by("number")
    if is_worker:
        versions = versions.filter(selectors.worker_sees_version(trajectory))
    versions = list(versions)
    by_number = {v.number: v for v in versions}
    comparison = older = newer = None
    try:
        older = by_number.get(int(request.GET.get("a", "")))
        newer = by_number.get(int(request.GET.get("b", "")))
    except ValueError:
        pass
    if older is None and len(versions) >= 2:
        older, newer = versions[-2], versions[-1]
    if older is not None and newer is not None and older.pk != newer.pk:
        older, newer = sorted((older, newer), key=lambda v: v.number)
        comparison = portfolio.pop_version_compare(
            older=PopVersion.objects.prefetch_related("actions").get(pk=older.pk),
            newer=PopVersion.objects.prefetch_related("actions", "evaluations").get(pk=newer.pk),
        )
    _log_look(request, newer if comparison else trajectory, trajectory)
    return render(
        request,
        "plans/compare.html",
        {
            "trajectory": trajectory,
            "versions": versions,
            "older": older,
            "newer": newer,
            "comparison": comparison,
            "is_worker": is_worker,
        },
    )


@login_required
def evidence_create(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    pop = get_object_for(
        request.user,
        PopVersion.objects.select_related("trajectory__worker"),
        "plans.add_evidence",
        pk=pk,
    )
    try:
        action = pop.actions.get(pk=item_pk)
    except pop.actions.model.DoesNotExist:
        raise Http404 from None
    form = EvidenceForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                portfolio.evidence_add(
                    action=action,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Het bewijsstuk is toegevoegd."))
                return redirect("plans:portfolio", pk=pop.trajectory_id)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(
        request,
        "plans/evidence_form.html",
        {
            "form": form,
            "action": action,
            "back_url": reverse("plans:portfolio", args=[pop.trajectory_id]),
            "is_worker": request.user.pk == pop.trajectory.worker_id,
        },
    )


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_for(
        request.user,
        Evidence.objects.select_related("action__pop__trajectory__worker").exclude(file=""),
        "plans.view_portfolio",
        pk=pk,
    )
    trajectory = evidence.action.pop.trajectory
    _log_look(request, evidence, trajectory)
    # Always an attachment, never inline: the file is stored as uploaded, not re-encoded.
    response = file_download_response(
        request, evidence.file, evidence.file_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pop = get_object_for(
        request.user,
        PopVersion.objects.select_related("trajectory"),
        "plans.change_trajectory",
        pk=pk,
    )
    if pop.previous_id is None:
        raise Http404
    instance = PopReflection.objects.filter(pop=pop).first() or PopReflection(pop=pop)
    form = ReflectionForm(_posted(request), instance=instance)
    if request.method == "POST":
        if form.is_valid():
            try:
                portfolio.pop_reflection_save(
                    pop=pop,
                    by=request.user,
                    expected_version=posted_lock_version(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("De terugblik is opgeslagen."))
                return redirect("plans:pop", pk=pop.pk)
        else:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(
        request,
        "form.html",
        {
            "form": form,
            "title": _("Terugblik op de vorige periode"),
            "back_url": reverse("plans:pop", args=[pop.pk]),
            "pop": pop,
            "lock_version": request.POST.get("lock_version", pop.lock_version),
        },
    )


@login_required
def period_create(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    form = PeriodForm(_posted(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                portfolio.supervision_period_add(trajectory=trajectory, **form.cleaned_data)
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("De supervisieperiode is toegevoegd."))
                return redirect("plans:portfolio", pk=trajectory.pk)
        else:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(
        request,
        "form.html",
        {
            "form": form,
            "title": _("Nieuwe supervisieperiode"),
            "back_url": reverse("plans:portfolio", args=[trajectory.pk]),
        },
    )


@require_POST
@login_required
def period_close(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    try:
        period = trajectory.supervision_periods.get(pk=period_pk)
    except trajectory.supervision_periods.model.DoesNotExist:
        raise Http404 from None
    try:
        pop = portfolio.supervision_period_close(period=period, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("plans:portfolio", pk=trajectory.pk)
    messages.success(
        request, _("De periode is afgesloten. Vul in de nieuwe POP-versie de terugblik in.")
    )
    return redirect("plans:pop", pk=pop.pk)
