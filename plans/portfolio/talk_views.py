"""Progress talk pages: the coach plans and records, the worker prepares."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.models import ProgressTalk, Trajectory
from plans.portfolio import talks
from plans.portfolio.portfolio_forms import (
    TalkNotesForm,
    TalkPlanForm,
    TalkPreparationForm,
    TalkRecordForm,
)
from popsite.accounts.access import allowed, get_object_for


def _posted(request: HttpRequest) -> QueryDict | None:
    """A POST binds the form even when every field was left empty (unticked boxes)."""
    return request.POST if request.method == "POST" else None


def _talk(request: HttpRequest, pk: int, perm: str) -> ProgressTalk:
    queryset = ProgressTalk.objects.select_related(
        "trajectory__worker", "trajectory__organisation", "pop"
    ).prefetch_related("trajectory__coaches")
    return get_object_for(request.user, queryset, perm, pk=pk)


@login_required
def talk_create(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_object_for(
        request.user,
        Trajectory.objects.select_related("worker").prefetch_related("coaches"),
        "plans.change_trajectory",
        pk=pk,
    )
    form = TalkPlanForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            talk = talks.progress_talk_plan(
                trajectory=trajectory, by=request.user, planned_on=form.cleaned_data["planned_on"]
            )
        except ValidationError as error:
            form.add_error("planned_on", error)
        else:
            messages.success(request, _("Het voortgangsgesprek is gepland."))
            return redirect("plans:talk", pk=talk.pk)
    if request.method == "POST":
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(
        request,
        "form.html",
        {
            "form": form,
            "title": _("Voortgangsgesprek plannen met %(worker)s") % {"worker": trajectory.worker},
            "intro": _("De werknemer bereidt het gesprek voor tot een week vooraf."),
            "back_url": reverse("plans:trajectory", args=[trajectory.pk]),
        },
    )


@login_required
def talk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talk = _talk(request, pk, "plans.view_talk")
    is_coach = allowed(request.user, "plans.change_trajectory", talk.trajectory)
    return render(
        request,
        "plans/talk_detail.html",
        {
            "talk": talk,
            "is_coach": is_coach,
            "is_worker": request.user.pk == talk.trajectory.worker_id,
        },
    )


def _talk_form(
    request: HttpRequest,
    talk: ProgressTalk,
    form: ModelForm,
    service,
    title: str,
    plain: bool,
    show_preparation: bool = False,
) -> HttpResponse:
    if request.method == "POST":
        if form.is_valid():
            try:
                service(talk=talk, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect("plans:talk", pk=talk.pk)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(
        request,
        "plans/talk_form.html",
        {
            "form": form,
            "title": title,
            "talk": talk,
            "plain": plain,
            "show_preparation": show_preparation,
        },
    )


@login_required
def talk_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    talk = _talk(request, pk, "plans.prepare_talk")
    form = TalkPreparationForm(_posted(request), instance=talk)
    return _talk_form(
        request, talk, form, talks.progress_talk_prepare, _("Mijn voorbereiding"), plain=True
    )


def _save_notes(*, talk: ProgressTalk, by, coach_notes: str) -> None:
    talk.coach_notes = coach_notes
    talk.save(update_fields=["coach_notes"])


@login_required
def talk_notes(request: HttpRequest, pk: int) -> HttpResponse:
    talk = _talk(request, pk, "plans.change_trajectory")
    form = TalkNotesForm(_posted(request), instance=talk)
    return _talk_form(request, talk, form, _save_notes, _("Mijn voorbereiding als coach"), False)


@login_required
def talk_record(request: HttpRequest, pk: int) -> HttpResponse:
    talk = _talk(request, pk, "plans.change_trajectory")
    try:
        talks.ensure_recordable(talk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:talk", pk=talk.pk)
    form = TalkRecordForm(_posted(request), instance=talk, initial=talks.record_start(talk))
    return _talk_form(
        request,
        talk,
        form,
        talks.progress_talk_record,
        _("Verslag van het gesprek"),
        plain=False,
        show_preparation=True,
    )


@require_POST
@login_required
def talk_draft_pop(request: HttpRequest, pk: int) -> HttpResponse:
    talk = _talk(request, pk, "plans.change_trajectory")
    try:
        pop = talks.progress_talk_draft_pop(talk=talk, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:talk", pk=talk.pk)
    messages.success(request, _("De nieuwe POP-versie staat klaar als ontwerp."))
    return redirect("plans:pop", pk=pop.pk)
