"""Thin views: fetch through the rules, validate with forms, write through services."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import selectors, services
from plans.access import (
    get_pop_for,
    get_pop_page_for,
    get_trajectory_for,
    get_trajectory_page_for,
)
from plans.forms import (
    ActionForm,
    ActionProgressForm,
    ContactMomentForm,
    EvaluationFormSet,
    FollowUpStartForm,
    GoalForm,
    OverallGoalForm,
    PreviousGoalForm,
    SummaryItemForm,
    TrajectoryCreateForm,
    TrajectoryForm,
)
from plans.models import Action, ContactMoment, Goal, PopVersion, SummaryItem, Trajectory
from plans.pdf import (
    cycle_appendix_html,
    pop_document,
    pop_document_with_appendix,
    pop_filename,
)
from plans.personal_data import personal_data_zip
from popsite.accounts.access import allowed
from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent, Role
from popsite.feedback import posted_lock_version, posted_number, show_errors
from popsite.files import STORAGE_ERRORS, delete_with_files
from popsite.links import url_for_each

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]

VARIANT_INTRO = gettext_lazy(
    "Reflectievermogen en intensiteit bepalen welke variant we voorstellen. "
    "Je kunt zelf een andere variant kiezen."
)


def editable_pop(view: View) -> View:
    """Coach-only write on a POP version that may still change."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, pk: int, *args: object, **kwargs: object) -> HttpResponse:
        pop = get_pop_for(request, pk, "plans.change_trajectory", content=False)
        try:
            services.ensure_editable(pop)
        except ValidationError as error:
            show_errors(request, error)
            return redirect("plans:pop", pk=pop.pk)
        return view(request, pop, *args, **kwargs)

    return wrapper


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    title: str,
    back_url: str,
    saved: str | None = None,
    pop: PopVersion | None = None,
    intro: str = "",
) -> HttpResponse:
    """The one form page. A change to a POP part also clears its confirmations and
    checks nobody saved the POP in between, in the same transaction as the save."""
    context = {"title": title, "back_url": back_url, "intro": intro, "pop": pop}
    if pop is not None:
        context["lock_version"] = request.POST.get("lock_version", pop.lock_version)
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    form.save()
                    if pop is not None:
                        services.pop_mark_changed(
                            pop, by=request.user, expected_version=posted_lock_version(request)
                        )
            except services.ConcurrentChangeError as error:
                show_errors(request, error)
                current = pop.__class__.objects.get(pk=pop.pk)
                context["lock_version"] = current.lock_version
                context["current"] = _current_values(form)
            else:
                messages.success(request, saved or _("Opgeslagen."))
                return redirect(back_url)
        else:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(request, "form.html", {**context, "form": form})


def _current_values(form: BaseForm) -> list[tuple[str, object]] | None:
    """What the edited object holds now, to show next to the refused change."""
    instance = getattr(form, "instance", None)
    if instance is None or instance.pk is None:
        return None
    try:
        fresh = instance.__class__.objects.get(pk=instance.pk)
    except instance.__class__.DoesNotExist:
        return [(_("Dit onderdeel"), _("is intussen verwijderd."))]
    return [
        (form.fields[name].label, _display(fresh, name))
        for name in form.fields
        if hasattr(fresh, name)
    ]


def _display(obj, name: str) -> object:
    getter = getattr(obj, f"get_{name}_display", None)
    return getter() if getter else getattr(obj, name)


def _pop_part_page(
    request: HttpRequest, pop: PopVersion, form: BaseForm, title: str
) -> HttpResponse:
    back_url = reverse("plans:pop", args=[pop.pk])
    return _form_page(request, form, title=title, back_url=back_url, pop=pop)


# Home pages per role ---------------------------------------------------------


@login_required
def coach_home(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.COACH):
        raise Http404
    home = selectors.coach_trajectories(request.user)
    context = {"trajectories": home.rows, "latest_actions": home.latest_actions}
    return render(request, "plans/coach_home.html", context)


@login_required
def coach_archive(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.COACH):
        raise Http404
    search = request.GET.get("q", "")[:100]
    trajectories = selectors.coach_archive(request.user, search)
    page = Paginator(trajectories, 50).get_page(request.GET.get("page"))
    return render(request, "plans/coach_archive.html", {"page": page, "search": search})


@login_required
def worker_home(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.WORKER):
        raise Http404
    return render(request, "plans/worker_home.html", selectors.worker_home(request.user))


@login_required
def what_is_a_pop(request: HttpRequest) -> HttpResponse:
    """Contact moment 0 in plain words (draaiboek §2.4.4): what a POP is and is not,
    and that the coach guides and does not evaluate."""
    if not request.user.has_role(Role.WORKER):
        raise Http404
    return render(request, "plans/what_is_a_pop.html")


@login_required
def trainer_home(request: HttpRequest) -> HttpResponse:
    """The organisation's coaches with their active trajectory counts, and the
    trajectories a page at a time (an organisation can have a thousand)."""
    organisation_ids = request.user.organisation_ids(Role.TRAINER)
    if not organisation_ids:
        raise Http404
    coaches = selectors.organisation_coaches(organisation_ids)
    coach = next((c for c in coaches if str(c["pk"]) == request.GET.get("coach")), None)
    page = selectors.trainer_page(
        organisation_ids, coach["pk"] if coach else None, request.GET.get("page")
    )
    context = {"coaches": coaches, "coach": coach, "page": page}
    return render(request, "plans/trainer_home.html", context)


@login_required
def ambassador_home(request: HttpRequest) -> HttpResponse:
    organisation_ids = request.user.organisation_ids(Role.AMBASSADOR)
    if not organisation_ids:
        raise Http404
    overviews = selectors.organisation_overviews(organisation_ids)
    return render(request, "plans/ambassador_home.html", {"overviews": overviews})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """A worker downloads everything the app holds about them."""
    if not request.user.has_role(Role.WORKER):
        raise Http404
    audit_record(
        user=request.user, verb=AuditEvent.Verb.EXPORT, obj=request.user, subject=request.user
    )
    response = HttpResponse(personal_data_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mijn-pop-gegevens.zip"'
    return response


@login_required
def who_looked(request: HttpRequest) -> HttpResponse:
    """A worker sees who viewed or exported their POP, and when."""
    if not request.user.has_role(Role.WORKER):
        raise Http404
    events = (
        AuditEvent.objects.filter(subject=request.user)
        .exclude(user=request.user)
        .select_related("user")[:200]
    )
    return render(request, "plans/who_looked.html", {"events": events})


# Trajectory ------------------------------------------------------------------


@login_required
def trajectory_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.COACH):
        raise Http404
    form = TrajectoryCreateForm(request.POST or None, coach=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            trajectory = services.trajectory_create(
                membership=form.cleaned_data["worker"],
                coach=request.user,
                reflection_level=form.cleaned_data["reflection_level"],
                intensity=form.cleaned_data["intensity"],
                language_skills=form.cleaned_data["language_skills"],
                variant=form.cleaned_data["variant"] or None,
            )
        except services.ActiveTrajectoryExistsError as error:
            form.add_error("worker", _existing_trajectory_message(error))
        else:
            messages.success(request, _("Het POP-traject is aangemaakt."))
            return redirect("plans:trajectory", pk=trajectory.pk)
    return render(
        request,
        "form.html",
        {
            "form": form,
            "title": _("Nieuw POP-traject"),
            "intro": VARIANT_INTRO,
            "back_url": reverse("plans:coach-home"),
        },
    )


def _existing_trajectory_message(error: services.ActiveTrajectoryExistsError) -> str:
    return format_html(
        '{} <a href="{}" id="existing-trajectory">{}</a>',
        error.message,
        reverse("plans:trajectory", args=[error.existing.pk]),
        _("Open het lopende traject."),
    )


@login_required
def trajectory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_page_for(request, pk)
    context = {
        "trajectory": trajectory,
        "can_change": allowed(request.user, "plans.change_trajectory", trajectory),
        "can_manage_login": allowed(request.user, "accounts.manage_login", trajectory.worker),
        **selectors.trajectory_page_rows(trajectory),
        "follow_up_form": FollowUpStartForm(),
    }
    return render(request, "plans/trajectory_detail.html", context)


@login_required
def trajectory_edit(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    form = TrajectoryForm(request.POST or None, instance=trajectory)
    return _form_page(
        request,
        form,
        title=_("Traject van %(worker)s") % {"worker": trajectory.worker},
        intro=VARIANT_INTRO,
        back_url=reverse("plans:trajectory", args=[trajectory.pk]),
    )


@require_POST
@login_required
def trajectory_phase(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    try:
        services.trajectory_change_phase(
            trajectory=trajectory, to_phase=request.POST.get("phase", ""), by=request.user
        )
    except ValidationError as error:
        show_errors(request, error)
    return redirect("plans:trajectory", pk=trajectory.pk)


@require_POST
@login_required
def follow_up_start(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    form = FollowUpStartForm(request.POST)
    from_previous = form.is_valid() and form.cleaned_data["from_previous"]
    try:
        pop = services.pop_start_follow_up(
            trajectory=trajectory, by=request.user, from_previous=from_previous
        )
    except ValidationError as error:
        show_errors(request, error)
        return redirect("plans:trajectory", pk=trajectory.pk)
    messages.success(
        request, _("De opvolg-POP is gestart. Evalueer eerst de acties van de vorige POP.")
    )
    return redirect("plans:evaluations", pk=pop.pk)


@login_required
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    form = ContactMomentForm(
        request.POST or None,
        instance=ContactMoment(trajectory=trajectory),
        initial={"phase": trajectory.phase},
    )
    return _contact_form(request, trajectory, form)


@login_required
def contact_edit(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    contact = _child_or_404(trajectory.contact_moments, contact_pk)
    form = ContactMomentForm(request.POST or None, instance=contact)
    return _contact_form(request, trajectory, form)


def _contact_form(
    request: HttpRequest, trajectory: Trajectory, form: ContactMomentForm
) -> HttpResponse:
    return _form_page(
        request,
        form,
        title=_("Contactmoment met %(worker)s") % {"worker": trajectory.worker},
        back_url=reverse("plans:trajectory", args=[trajectory.pk]),
        saved=_("Het contactmoment is opgeslagen."),
    )


@require_POST
@login_required
def contact_delete(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "plans.change_trajectory")
    _child_or_404(trajectory.contact_moments, contact_pk).delete()
    messages.success(request, _("Het contactmoment is verwijderd."))
    return redirect("plans:trajectory", pk=trajectory.pk)


def _child_or_404(related_manager, pk: int):
    try:
        return related_manager.get(pk=pk)
    except related_manager.model.DoesNotExist:
        raise Http404 from None


# POP version -----------------------------------------------------------------


@login_required
def pop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pop = get_pop_page_for(request, pk)
    if request.user.pk == pop.trajectory.worker_id:
        # The coach's editing page is no page for the worker: their plan is on their home.
        return redirect("plans:worker-home")
    audit_record(
        user=request.user, verb=AuditEvent.Verb.VIEW, obj=pop, subject=pop.trajectory.worker
    )
    can_change = allowed(request.user, "plans.change_trajectory", pop)
    is_latest = pop.next_version_id is None
    can_edit = can_change and is_latest and not pop.is_agreed
    context = {
        "pop": pop,
        "trajectory": pop.trajectory,
        "can_change": can_change,
        "can_edit": can_edit,
        "is_latest": is_latest,
        # A trainer reads the POP on screen but does not take the document away.
        "can_download": allowed(request.user, "plans.download_pop", pop),
        "can_agree": allowed(request.user, "plans.agree_pop", pop)
        and not pop.is_agreed
        and not _has_confirmed(request.user, pop),
        "missing": pop.missing_for_agreement(),
        # The two forms show only on a version that can still change.
        "summary_form_fields": _summary_form_fields(get_language()) if can_edit else "",
        "overall_goal_form": OverallGoalForm(instance=pop) if can_edit else None,
        "talk_rows": selectors.pop_talk_rows(pop.trajectory_id),
        **_pop_rows(pop),
    }
    return render(request, "plans/pop_detail.html", context)


# The POP page's own links and form targets (by name, "-" read as "_" in the template).
_POP_LINKS = (
    "action-create",
    "evaluations",
    "goal-create",
    "overall-goal",
    "pop-agree",
    "pop-from-template",
    "pop-pdf",
    "pop-ready",
    "pop-revise",
    "reflection",
    "summary-create",
)


def _pop_rows(pop: PopVersion) -> dict[str, object]:
    """The POP page's summary and actions as rows, the links and form targets of its
    goals by goal, and its own: each URL pattern is reversed once per process
    (popsite.links), not once per row or link on every view (~0.08 ms each)."""
    delete = {part: url_for_each("plans:part-delete", pop.pk, part) for part in _DELETABLE}
    goal_edit = url_for_each("plans:goal-edit", pop.pk)
    source_url = url_for_each("methods:worksheet")
    action_urls = {
        "edit": url_for_each("plans:action-edit", pop.pk),
        "develops": url_for_each("methods:action-develops", pop.pk),
        "progress": url_for_each("plans:action-progress", pop.pk),
        "delete": delete["action"],
    }
    pop_links = {
        name.replace("-", "_"): url_for_each(f"plans:{name}")(pop.pk) for name in _POP_LINKS
    }
    pop_links["trajectory"] = url_for_each("plans:trajectory")(pop.trajectory_id)
    return {
        "pop_links": pop_links,
        "goal_urls": {
            goal.pk: {"edit": goal_edit(goal.pk), "delete": delete["goal"](goal.pk)}
            for goal in pop.goals.all()
        },
        "summary_rows": selectors.pop_summary_rows(pop, delete["summary"], source_url),
        "action_rows": selectors.pop_action_rows(pop, action_urls, source_url),
    }


@lru_cache(maxsize=len(settings.LANGUAGES))
def _summary_form_fields(language: str) -> str:
    """The empty summary form's fields, drawn once per process and language: unbound, with
    fixed choices, they read the same on every view, and drawing them cost ~0.8 ms, the
    most of any part of the page."""
    return render_to_string("_plain_form_fields.html", {"form": SummaryItemForm()})


def _has_confirmed(user, pop: PopVersion) -> bool:
    if user.pk == pop.trajectory.worker_id:
        return pop.worker_agreed_at is not None
    return pop.coach_agreed_at is not None


@login_required
def pop_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    pop = get_pop_for(request, pk, "plans.download_pop")
    audit_record(
        user=request.user, verb=AuditEvent.Verb.EXPORT, obj=pop, subject=pop.trajectory.worker
    )
    appendix = cycle_appendix_html(pop) if request.GET.get("bijlage") else ""
    try:
        content = pop_document_with_appendix(pop, appendix) if appendix else pop_document(pop)
    except STORAGE_ERRORS:
        # The agreed document is the record: never rendered anew in its place.
        logger.exception("Afgesproken POP-document van versie %s niet leesbaar", pop.pk)
        return render(request, "file_missing.html", status=404)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pop_filename(pop)}"'
    return response


@require_POST
@login_required
def pop_agree(request: HttpRequest, pk: int) -> HttpResponse:
    pop = get_pop_for(request, pk, "plans.agree_pop", content=False)
    try:
        pop = services.pop_agree(
            pop=pop, by=request.user, seen_version=posted_number(request, "content_version")
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        if pop.is_agreed:
            messages.success(request, _("De POP is afgesproken. Goed gedaan!"))
        elif request.user.pk == pop.trajectory.worker_id:
            messages.success(request, _("Je hebt ja gezegd. Nu moet je coach nog bevestigen."))
        else:
            messages.success(
                request, _("Je bevestiging is genoteerd. Nu moet de werknemer nog bevestigen.")
            )
    if request.user.pk == pop.trajectory.worker_id:
        return redirect("plans:worker-home")
    return redirect("plans:pop", pk=pop.pk)


@require_POST
@login_required
def pop_revise(request: HttpRequest, pk: int) -> HttpResponse:
    pop = get_pop_for(request, pk, "plans.change_trajectory")
    try:
        new = services.pop_revise(pop=pop)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("plans:pop", pk=pop.pk)
    messages.success(request, _("Nieuwe versie gemaakt. De afgesproken versie blijft bewaard."))
    return redirect("plans:pop", pk=new.pk)


@editable_pop
def pop_evaluations(request: HttpRequest, pop: PopVersion) -> HttpResponse:
    queryset = pop.evaluations.select_related("action")
    formset = EvaluationFormSet(request.POST or None, queryset=queryset)
    goal_form = (
        PreviousGoalForm(request.POST or None, instance=pop) if pop.reviews_previous_goal else None
    )
    if request.method == "POST":
        if formset.is_valid() and (goal_form is None or goal_form.is_valid()):
            # Only this POP's own rows: a tampered form count or id must not reach a save.
            evaluations = [
                form.instance
                for form in formset.initial_forms
                if form.instance.pk and form.instance.pop_id == pop.pk
            ]
            try:
                services.pop_save_evaluations(
                    pop=pop,
                    evaluations=evaluations,
                    goal_review=goal_form.cleaned_data["previous_goal_review"]
                    if goal_form
                    else None,
                    by=request.user,
                    expected_version=posted_lock_version(request),
                )
            except services.ConcurrentChangeError as error:
                show_errors(request, error)
                return redirect("plans:evaluations", pk=pop.pk)
            messages.success(request, _("De evaluatie is opgeslagen."))
            return redirect("plans:pop", pk=pop.pk)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    context = {"pop": pop, "formset": formset, "goal_form": goal_form}
    return render(request, "plans/evaluations_form.html", context)


@require_POST
@editable_pop
def overall_goal_edit(request: HttpRequest, pop: PopVersion) -> HttpResponse:
    return _pop_part_page(
        request, pop, OverallGoalForm(request.POST, instance=pop), _("Algemeen doel")
    )


@editable_pop
def summary_create(request: HttpRequest, pop: PopVersion) -> HttpResponse:
    form = SummaryItemForm(request.POST or None, instance=SummaryItem(pop=pop))
    return _pop_part_page(request, pop, form, _("Punt in de samenvatting"))


@editable_pop
def goal_create(request: HttpRequest, pop: PopVersion) -> HttpResponse:
    return _pop_part_page(
        request, pop, GoalForm(request.POST or None, instance=Goal(pop=pop)), _("Nieuw doel")
    )


@editable_pop
def goal_edit(request: HttpRequest, pop: PopVersion, item_pk: int) -> HttpResponse:
    goal = _child_or_404(pop.goals, item_pk)
    return _pop_part_page(
        request, pop, GoalForm(request.POST or None, instance=goal), _("Doel aanpassen")
    )


@editable_pop
def action_create(request: HttpRequest, pop: PopVersion) -> HttpResponse:
    form = ActionForm(request.POST or None, instance=Action(pop=pop), pop=pop)
    return _pop_part_page(request, pop, form, _("Nieuwe actie"))


@editable_pop
def action_edit(request: HttpRequest, pop: PopVersion, item_pk: int) -> HttpResponse:
    action = _child_or_404(pop.actions, item_pk)
    form = ActionForm(request.POST or None, instance=action, pop=pop)
    return _pop_part_page(request, pop, form, _("Actie aanpassen"))


_DELETABLE = {"summary": "summary_items", "goal": "goals", "action": "actions"}


@require_POST
@editable_pop
def part_delete(request: HttpRequest, pop: PopVersion, part: str, item_pk: int) -> HttpResponse:
    if part not in _DELETABLE:
        raise Http404
    try:
        with transaction.atomic():
            delete_with_files(_child_or_404(getattr(pop, _DELETABLE[part]), item_pk))
            services.pop_mark_changed(
                pop, by=request.user, expected_version=posted_lock_version(request)
            )
    except services.ConcurrentChangeError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Verwijderd."))
    return redirect("plans:pop", pk=pop.pk)


@require_POST
@login_required
def action_progress(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    pop = get_pop_for(request, pk, "plans.mark_progress", content=False)
    action = _child_or_404(pop.actions, item_pk)
    form = ActionProgressForm(request.POST, instance=action)
    if not form.is_valid():
        messages.error(request, _("Kies een score van 0 tot 5."))
    else:
        try:
            services.action_mark_progress(
                action=action, progress=form.cleaned_data["progress"], by=request.user
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Opgeslagen: zo ver ben je nu."))
    if request.user.pk == pop.trajectory.worker_id:
        return redirect(reverse("plans:worker-home") + f"#action-{action.pk}")
    return redirect("plans:pop", pk=pop.pk)


@require_POST
@login_required
def pop_ready(request: HttpRequest, pk: int) -> HttpResponse:
    pop = get_pop_for(request, pk, "plans.change_trajectory", content=False)
    try:
        services.pop_mark_ready(
            pop=pop, by=request.user, seen_version=posted_number(request, "content_version")
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("De werknemer ziet het nieuwe plan nu en kan het bevestigen."))
    return redirect("plans:pop", pk=pop.pk)
