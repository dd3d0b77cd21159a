"""For leaders: the team matrix, the worker's sharing choices, and POP templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from methods.models import CompetenceDefinition
from plans import selectors
from plans.models import PopVersion, SummarySection
from plans.portfolio import leaders
from plans.portfolio.models import PopTemplate, PopTemplateItem, TeamMatrixItem
from plans.portfolio.portfolio_forms import (
    PopTemplateForm,
    PopTemplateItemForm,
    TeamItemForm,
    TeamNeedForm,
)
from plans.views import editable_pop
from popsite.accounts.access import get_object_for
from popsite.accounts.models import Organisation, Role
from popsite.bounds import parse_id
from popsite.feedback import posted_lock_version, show_errors


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _led_organisations(request: HttpRequest):
    ids = request.user.organisation_ids(Role.AMBASSADOR) + request.user.organisation_ids(
        Role.FLOOR_SUPERVISOR
    )
    if not ids:
        raise Http404
    return Organisation.objects.filter(pk__in=ids)


@login_required
def team_matrix(request: HttpRequest) -> HttpResponse:
    """Ambassador or team leader: only what workers chose to share with the team, held
    against the team's and the organisation's own learning needs."""
    organisations = _led_organisations(request)
    form = TeamNeedForm(_posted(request), organisations=organisations)
    if request.method == "POST":
        if form.is_valid():
            try:
                leaders.team_need_add(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("De leerbehoefte staat in de teammatrix."))
                return redirect("plans:team-matrix")
        else:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    context = {"matrices": leaders.team_matrices(organisations), "need_form": form}
    return render(request, "plans/team_matrix.html", context)


@login_required
def my_team(request: HttpRequest) -> HttpResponse:
    """The worker chooses what the team leader may see in the team matrix."""
    if not request.user.has_role(Role.WORKER):
        raise Http404
    trajectory = selectors.worker_trajectories(request.user).order_by("-started_on", "-pk").first()
    if trajectory is None:
        raise Http404
    form = TeamItemForm(_posted(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                leaders.team_item_add(trajectory=trajectory, **form.cleaned_data)
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect("plans:my-team")
        else:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    # From the plan that counts for the worker, not a follow-up draft they cannot see yet.
    agreed, draft = selectors.worker_plans(trajectory)
    plan = agreed or draft
    develop = (
        [i for i in plan.summary_items.all() if i.section == SummarySection.DEVELOP] if plan else []
    )
    return render(
        request,
        "plans/my_team.html",
        {
            "trajectory": trajectory,
            "items": trajectory.team_items.all(),
            "develop": develop,
            "form": form,
            "suggestions": _competence_names(trajectory.organisation_id),
        },
    )


def _competence_names(organisation_id: int) -> list[str]:
    # Names only, as suggestions.
    names = CompetenceDefinition.objects.filter(
        Q(organisation_id=organisation_id) | Q(organisation__isnull=True)
    ).values_list("name", flat=True)
    return sorted(set(names))


@require_POST
@login_required
def my_team_share(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_for(
        request.user,
        TeamMatrixItem.objects.select_related("trajectory"),
        "plans.share_with_team",
        pk=pk,
    )
    if request.POST.get("delete"):
        item.delete()
        messages.success(request, _("Verwijderd."))
    else:
        leaders.team_item_share(item=item, shared=request.POST.get("shared") == "1")
        if item.shared_with_team:
            messages.success(request, _("Je team kan dit nu zien."))
        else:
            messages.success(request, _("Je team ziet dit niet meer."))
    return redirect("plans:my-team")


def _template_organisations(request: HttpRequest):
    ids = request.user.organisation_ids(Role.AMBASSADOR) + request.user.organisation_ids(
        Role.TRAINER
    )
    if not ids:
        raise Http404
    return Organisation.objects.filter(pk__in=ids)


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    organisations = _template_organisations(request)
    form = PopTemplateForm(_posted(request), organisations=organisations)
    if request.method == "POST":
        if form.is_valid():
            template = form.save(commit=False)
            template.created_by = request.user
            template.save()
            messages.success(request, _("Het sjabloon is gemaakt. Voeg nu voorstellen toe."))
            return redirect("plans:template", pk=template.pk)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    templates = PopTemplate.objects.filter(organisation__in=organisations).select_related(
        "organisation"
    )
    return render(request, "plans/templates.html", {"templates": templates, "form": form})


@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_for(
        request.user,
        PopTemplate.objects.select_related("organisation"),
        "plans.change_template",
        pk=pk,
    )
    form = PopTemplateItemForm(_posted(request), instance=PopTemplateItem(template=template))
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Opgeslagen."))
            return redirect("plans:template", pk=template.pk)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(
        request,
        "plans/template_detail.html",
        {"template": template, "items": template.items.all(), "form": form},
    )


@require_POST
@login_required
def template_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    template = get_object_for(request.user, PopTemplate.objects, "plans.change_template", pk=pk)
    deleted, _rows = template.items.filter(pk=item_pk).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("Verwijderd."))
    return redirect("plans:template", pk=template.pk)


@editable_pop
def pop_from_template(request: HttpRequest, pop: PopVersion) -> HttpResponse:
    """The coach ticks the suggestions to take over; nothing in a template is forced."""
    templates = leaders.templates_for(pop.trajectory)
    if request.method == "POST":
        chosen = list(
            PopTemplateItem.objects.filter(
                pk__in=[pk for v in request.POST.getlist("items") if (pk := parse_id(v))],
                template__organisation=pop.trajectory.organisation,
            ).select_related("template")
        )
        try:
            count = leaders.pop_apply_template(
                pop=pop,
                items=chosen,
                by=request.user,
                expected_version=posted_lock_version(request),
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(
                request, _("%(n)s voorstel(len) overgenomen. Pas ze gerust aan.") % {"n": count}
            )
            return redirect("plans:pop", pk=pop.pk)
    return render(request, "plans/pop_from_template.html", {"pop": pop, "templates": templates})
