"""Thin views: fetch through the rules, validate with forms, write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from methods import selectors, services
from methods.forms import (
    SCORE_FORMSETS,
    AnswersForm,
    CatalogueFilterForm,
    CoachScanScoreFormSet,
    CompetenceForm,
    CompetencePictureFormSet,
    ConclusionForm,
    DeckForm,
    DevelopsForm,
    FunctionProfileForm,
    MethodForm,
    PictureForm,
    PlannedMomentForm,
    PromoteActionForm,
    PromoteSummaryForm,
    QualitiesForm,
    RatingFormSet,
    ScanFormSet,
    SkillFormSet,
    SmartFormSet,
    WorkerScanScoreFormSet,
    WorksheetCreateForm,
)
from methods.models import (
    PICTURE_KINDS,
    CardDeck,
    CompetenceDefinition,
    CompetencePicture,
    CompetenceRating,
    FunctionProfile,
    Method,
    MomentKind,
    PlannedMoment,
    Rater,
    Worksheet,
    WorksheetKind,
    WorksheetPicture,
)
from methods.pdf import render_appendix_pdf
from methods.rules import manager_organisation_ids, rater_of
from methods.sheets import (
    HOMEWORK_FIELDS,
    RATER_PITFALLS,
    SMART_QUESTIONS,
    TEXT_SHEETS,
    sheet_context,
)
from plans.access import get_trajectory_for
from plans.models import PopVersion, Trajectory
from plans.pdf import pop_filename
from plans.selectors import attach_trajectory_coaches
from popsite.accounts.access import allowed, get_object_for
from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent, Role
from popsite.bounds import parse_id
from popsite.feedback import posted_lock_version, show_errors
from popsite.files import delete_with_files, file_download_response, save_with_file

NOT_SAVED = gettext_lazy("Niet opgeslagen: verbeter wat hieronder in het rood staat.")


def _get_worksheet_for(
    request: HttpRequest, pk: int, perm: str = "methods.view_worksheet"
) -> Worksheet:
    worksheet = get_object_for(
        request.user,
        selectors.worksheet_base(Worksheet.objects),
        perm,
        then=attach_trajectory_coaches,
        pk=pk,
    )
    return selectors.prefetch_worksheet_content(worksheet)


def _form_page(
    request: HttpRequest, form: BaseForm, *, title: str, back_url: str, intro: str = ""
) -> HttpResponse:
    context = {"form": form, "title": title, "back_url": back_url, "intro": intro}
    return render(request, "form.html", context)


# Catalogue -------------------------------------------------------------------


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, "methods.browse_catalogue", None):
        raise Http404
    form = CatalogueFilterForm(request.GET or None)
    methods = selectors.catalogue_for(request.user)
    if form.is_valid():
        methods = methods.serving(form.cleaned_data["vraag"]).for_level(form.cleaned_data["niveau"])
    context = {
        "form": form,
        "methods": methods,
        "can_add": allowed(request.user, "methods.add_method", None),
    }
    return render(request, "methods/catalogue.html", context)


@login_required
def method_detail(request: HttpRequest, pk: int) -> HttpResponse:
    method = get_object_for(
        request.user, Method.objects.select_related("organisation"), "methods.view_method", pk=pk
    )
    context = {
        "method": method,
        "can_change": allowed(request.user, "methods.change_method", method),
    }
    return render(request, "methods/method_detail.html", context)


@login_required
def method_create(request: HttpRequest) -> HttpResponse:
    organisation_ids = manager_organisation_ids(request.user)
    if not organisation_ids:
        raise Http404
    form = MethodForm(request.POST or None, instance=Method(organisation_id=organisation_ids[0]))
    if request.method == "POST" and form.is_valid():
        method = form.save()
        messages.success(request, _("De methodiek is toegevoegd aan de catalogus."))
        return redirect("methods:method", pk=method.pk)
    return _form_page(
        request, form, title=_("Eigen methodiek toevoegen"), back_url=reverse("methods:catalogue")
    )


@login_required
def method_edit(request: HttpRequest, pk: int) -> HttpResponse:
    method = get_object_for(request.user, Method.objects, "methods.change_method", pk=pk)
    form = MethodForm(request.POST or None, instance=method)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Opgeslagen."))
        return redirect("methods:method", pk=method.pk)
    return _form_page(
        request,
        form,
        title=_("Methodiek aanpassen"),
        back_url=reverse("methods:method", args=[method.pk]),
    )


# Card decks ------------------------------------------------------------------


@login_required
def decks(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, "methods.browse_catalogue", None):
        raise Http404
    managed = set(manager_organisation_ids(request.user))
    context = {
        "decks": selectors.decks_for(request.user),
        "managed": managed,
        "can_add": bool(managed),
    }
    return render(request, "methods/decks.html", context)


def _deck_form(request: HttpRequest, form: DeckForm, title: str) -> HttpResponse:
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                deck = form.save()
                services.deck_save_cards(
                    deck=deck,
                    qualities=form.cleaned_data["qualities"],
                    pitfalls=form.cleaned_data["pitfalls"],
                )
            messages.success(request, _("Het kaartspel is opgeslagen."))
            return redirect("methods:decks")
        messages.error(request, NOT_SAVED)
    return _form_page(
        request,
        form,
        title=title,
        back_url=reverse("methods:decks"),
        intro=_(
            "Laad hier het kaartspel dat je organisatie gebruikt. De gepubliceerde teksten "
            "van het Kwaliteitenspel zijn auteursrechtelijk beschermd: gebruik alleen een "
            "spel waarvoor je organisatie een licentie heeft, of eigen woorden."
        ),
    )


@login_required
def deck_create(request: HttpRequest) -> HttpResponse:
    organisation_ids = manager_organisation_ids(request.user)
    if not organisation_ids:
        raise Http404
    form = DeckForm(request.POST or None, instance=CardDeck(organisation_id=organisation_ids[0]))
    return _deck_form(request, form, _("Nieuw kaartspel"))


@login_required
def deck_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deck = get_object_for(request.user, CardDeck.objects, "methods.change_deck", pk=pk)
    return _deck_form(
        request, DeckForm(request.POST or None, instance=deck), _("Kaartspel aanpassen")
    )


# Competence dictionary and function profiles ---------------------------------


@login_required
def competences(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, "methods.browse_catalogue", None):
        raise Http404
    managed = set(manager_organisation_ids(request.user))
    context = {
        "competences": selectors.competences_for(request.user),
        "profiles": selectors.profiles_for(request.user),
        "managed": managed,
        "can_add": bool(managed),
    }
    return render(request, "methods/competences.html", context)


def _saved_form(request: HttpRequest, form: BaseForm, title: str) -> HttpResponse:
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():  # the row and its many-to-many links together
                form.save()
            messages.success(request, _("Opgeslagen."))
            return redirect("methods:competences")
        messages.error(request, NOT_SAVED)
    return _form_page(request, form, title=title, back_url=reverse("methods:competences"))


@login_required
def competence_create(request: HttpRequest) -> HttpResponse:
    organisation_ids = manager_organisation_ids(request.user)
    if not organisation_ids:
        raise Http404
    instance = CompetenceDefinition(organisation_id=organisation_ids[0])
    form = CompetenceForm(request.POST or None, instance=instance)
    return _saved_form(request, form, _("Competentie toevoegen"))


@login_required
def competence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    competence = get_object_for(
        request.user, CompetenceDefinition.objects, "methods.change_competence", pk=pk
    )
    form = CompetenceForm(request.POST or None, instance=competence)
    return _saved_form(request, form, _("Competentie aanpassen"))


def _profile_form(request: HttpRequest, profile: FunctionProfile, title: str) -> HttpResponse:
    choices = CompetenceDefinition.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=profile.organisation_id)
    )
    form = FunctionProfileForm(request.POST or None, instance=profile, competences=choices)
    return _saved_form(request, form, title)


@login_required
def profile_create(request: HttpRequest) -> HttpResponse:
    organisation_ids = manager_organisation_ids(request.user)
    if not organisation_ids:
        raise Http404
    profile = FunctionProfile(organisation_id=organisation_ids[0])
    return _profile_form(request, profile, _("Functieprofiel toevoegen"))


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_for(
        request.user, FunctionProfile.objects, "methods.change_competence", pk=pk
    )
    return _profile_form(request, profile, _("Functieprofiel aanpassen"))


# Planned talks ---------------------------------------------------------------


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "methods.view_plan")
    context = {
        "trajectory": trajectory,
        "moments": selectors.planned_moments(trajectory),
        "can_change": allowed(request.user, "methods.change_plan", trajectory),
    }
    return render(request, "methods/plan.html", context)


@require_POST
@login_required
def plan_variant(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "methods.change_plan")
    services.trajectory_plan_variant(trajectory=trajectory)
    messages.success(
        request,
        _("De gesprekken van %(variant)s zijn gepland.")
        % {"variant": trajectory.get_variant_display()},
    )
    return redirect("methods:plan", pk=trajectory.pk)


def _moment_form(
    request: HttpRequest, trajectory: Trajectory, moment: PlannedMoment
) -> HttpResponse:
    form = PlannedMomentForm(
        request.POST or None,
        instance=moment,
        methods=selectors.methods_for_trajectory(trajectory),
    )
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():  # the row and its many-to-many links together
                form.save()
            messages.success(request, _("Het geplande gesprek is opgeslagen."))
            return redirect("methods:plan", pk=trajectory.pk)
        messages.error(request, NOT_SAVED)
    return _form_page(
        request,
        form,
        title=_("Gepland gesprek met %(worker)s") % {"worker": trajectory.worker},
        back_url=reverse("methods:plan", args=[trajectory.pk]),
    )


@login_required
def moment_create(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "methods.change_plan")
    last = trajectory.planned_moments.order_by("-position").first()
    moment = PlannedMoment(
        trajectory=trajectory,
        position=(last.position + 10) if last else 10,
        number=(last.number or 0) + 1 if last else 0,
        kind=MomentKind.CONTACT,
        phase=trajectory.phase,
    )
    return _moment_form(request, trajectory, moment)


def _moment_of(trajectory: Trajectory, moment_pk: int) -> PlannedMoment:
    try:
        return trajectory.planned_moments.get(pk=moment_pk)
    except PlannedMoment.DoesNotExist:
        raise Http404 from None


@login_required
def moment_edit(request: HttpRequest, pk: int, moment_pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "methods.change_plan")
    return _moment_form(request, trajectory, _moment_of(trajectory, moment_pk))


@require_POST
@login_required
def moment_delete(request: HttpRequest, pk: int, moment_pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "methods.change_plan")
    _moment_of(trajectory, moment_pk).delete()
    messages.success(request, _("Het geplande gesprek is geschrapt."))
    return redirect("methods:plan", pk=trajectory.pk)


# Worksheets ------------------------------------------------------------------


@login_required
def worksheets(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "methods.view_worksheet")
    is_worker = request.user.pk == trajectory.worker_id
    context = {
        "trajectory": trajectory,
        "worksheets": selectors.worksheets_of(trajectory),
        "can_change": allowed(request.user, "methods.change_worksheet", trajectory),
        "plain": is_worker,
    }
    return render(request, "methods/worksheets.html", context)


@login_required
def worksheet_create(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "methods.change_worksheet")
    decks = CardDeck.objects.filter(organisation__in=[trajectory.organisation_id]) | (
        CardDeck.objects.filter(organisation__isnull=True)
    )
    initial = {}
    for field, param in (("method", "methode"), ("contact_moment", "contact")):
        if (chosen := parse_id(request.GET.get(param))) is not None:
            initial[field] = chosen
    form = WorksheetCreateForm(
        request.POST or None,
        initial=initial,
        methods=selectors.methods_for_trajectory(trajectory),
        contacts=trajectory.contact_moments.all(),
        decks=decks,
        profiles=FunctionProfile.objects.filter(organisation=trajectory.organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            worksheet = services.worksheet_create(
                trajectory=trajectory,
                method=form.cleaned_data["method"],
                by=request.user,
                contact_moment=form.cleaned_data["contact_moment"],
                deck=form.cleaned_data["deck"],
                profile=form.cleaned_data["profile"],
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            return redirect("methods:worksheet-edit", pk=worksheet.pk)
    return _form_page(
        request,
        form,
        title=_("Nieuw werkblad voor %(worker)s") % {"worker": trajectory.worker},
        back_url=reverse("methods:worksheets", args=[trajectory.pk]),
    )


@login_required
def worksheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    worksheet = _get_worksheet_for(request, pk)
    trajectory = worksheet.trajectory
    audit_record(
        user=request.user, verb=AuditEvent.Verb.VIEW, obj=worksheet, subject=trajectory.worker
    )
    context = sheet_context(worksheet)
    context.update(
        can_change=allowed(request.user, "methods.change_worksheet", worksheet),
        can_fill=allowed(request.user, "methods.fill_homework", worksheet),
        homework=worksheet.kind in HOMEWORK_FIELDS,
        has_pictures=worksheet.kind in PICTURE_KINDS,
        plain=request.user.pk == trajectory.worker_id,
        summary_form=PromoteSummaryForm(initial={"text": worksheet.conclusion}),
        picture_form=PictureForm(),
    )
    return render(request, "methods/worksheet_detail.html", context)


@login_required
def worksheet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    worksheet = _get_worksheet_for(request, pk, "methods.change_worksheet")
    kind = worksheet.kind
    data = request.POST or None
    formset = None
    if kind in TEXT_SHEETS:
        form: BaseForm = AnswersForm(data, worksheet=worksheet)
    elif kind == WorksheetKind.QUALITIES:
        form = QualitiesForm(data, worksheet=worksheet)
    else:
        form = ConclusionForm(data, worksheet=worksheet)
    if kind != WorksheetKind.QUALITIES:
        formset_class = {
            WorksheetKind.SKILLS: SkillFormSet,
            WorksheetKind.COMPETENCES: RatingFormSet,
            WorksheetKind.SCAN: ScanFormSet,
            WorksheetKind.SMART: SmartFormSet,
            WorksheetKind.FOUR_IN_ROW: CompetencePictureFormSet,
        }.get(kind)
        if formset_class is not None:
            rows = formset_class.model.objects.filter(worksheet=worksheet)
            if formset_class.model in (CompetenceRating, CompetencePicture):
                rows = rows.select_related("competence")
            formset = formset_class(data, instance=worksheet, prefix="rows", queryset=rows)
    if request.method == "POST":
        valid = form.is_valid() and (formset is None or formset.is_valid())
        if valid:
            try:
                _save_sheet(request, worksheet, form, formset)
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("Het werkblad is opgeslagen."))
                return redirect("methods:worksheet", pk=worksheet.pk)
        else:
            messages.error(request, NOT_SAVED)
    context = {
        "worksheet": worksheet,
        "trajectory": worksheet.trajectory,
        "form": form,
        "formset": formset,
        "rater_pitfalls": RATER_PITFALLS if kind == WorksheetKind.COMPETENCES else (),
        "smart_questions": SMART_QUESTIONS if kind == WorksheetKind.SMART else (),
    }
    return render(request, "methods/worksheet_edit.html", context)


@transaction.atomic  # answers and rows (the Vaardighedenspel has both) or nothing
def _save_sheet(request: HttpRequest, worksheet: Worksheet, form: BaseForm, formset) -> None:
    conclusion = form.cleaned_data.get("conclusion", "")
    if isinstance(form, AnswersForm):
        services.worksheet_save_answers(
            worksheet=worksheet, answers=form.cleaned_data, conclusion=conclusion
        )
        if formset is not None:
            services.worksheet_save_rows(
                worksheet=worksheet, formset=formset, conclusion=conclusion
            )
    elif isinstance(form, QualitiesForm):
        services.worksheet_save_qualities(
            worksheet=worksheet,
            qualities=form.chosen("quality"),
            pitfalls=form.chosen("pitfall"),
            conclusion=conclusion,
        )
    else:
        if formset is not None and worksheet.kind == WorksheetKind.COMPETENCES:
            services.ratings_stamp(
                formset=formset, by=request.user, raters=[Rater.SELF, Rater.COACH]
            )
        services.worksheet_save_rows(worksheet=worksheet, formset=formset, conclusion=conclusion)


@login_required
def sheets_to_rate(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.FLOOR_SUPERVISOR):
        raise Http404
    return render(
        request, "methods/to_rate.html", {"worksheets": selectors.sheets_to_rate(request.user)}
    )


@login_required
def worksheet_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """The coach's or floor supervisor's rating only, each in their own column: the
    worker's own scores stay out of view, so they do not colour the rating and the
    supervisor reads no POP content."""
    worksheet = _get_worksheet_for(request, pk, "methods.rate_worksheet")
    if worksheet.kind != WorksheetKind.COMPETENCES:
        raise Http404
    rater = rater_of(request.user, worksheet)
    formset = SCORE_FORMSETS[rater](
        request.POST or None,
        instance=worksheet,
        prefix="rows",
        queryset=worksheet.ratings.select_related("competence"),
    )
    if request.method == "POST":
        if formset.is_valid():
            services.ratings_save(formset=formset, by=request.user, rater=rater)
            messages.success(request, _("Je inschatting is opgeslagen. Dank je wel."))
            if allowed(request.user, "methods.view_worksheet", worksheet):
                return redirect("methods:worksheet", pk=worksheet.pk)
            return redirect("methods:to-rate")
        messages.error(request, NOT_SAVED)
    context = {
        "worksheet": worksheet,
        "formset": formset,
        "rater_pitfalls": RATER_PITFALLS,
        "rater_label": Rater(rater).label,
    }
    return render(request, "methods/rate.html", context)


SCAN_SIDES = {
    "werknemer": (WorkerScanScoreFormSet, "methods.score_scan_as_worker"),
    "coach": (CoachScanScoreFormSet, "methods.change_worksheet"),
}


@login_required
def homework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of a sheet the worker can do at home on their phone (Praatplaat step 1)."""
    worksheet = _get_worksheet_for(request, pk, "methods.fill_homework")
    keys = HOMEWORK_FIELDS.get(worksheet.kind, ())
    if not keys:
        raise Http404
    plain = request.user.pk == worksheet.trajectory.worker_id
    form = AnswersForm(request.POST or None, worksheet=worksheet, only=keys, plain=plain)
    if request.method == "POST":
        if form.is_valid():
            services.worksheet_save_homework(worksheet=worksheet, answers=form.cleaned_data)
            messages.success(
                request, _("Je huiswerk is opgeslagen. Breng het mee naar het gesprek.")
            )
            return redirect("methods:worksheet", pk=worksheet.pk)
        messages.error(request, NOT_SAVED)
    context = {
        "form": form,
        "title": _("Huiswerk: %(method)s") % {"method": worksheet.method.name},
        "back_url": reverse("methods:worksheet", args=[worksheet.pk]),
        "intro": _("Kruis aan wat je belangrijk vindt. Je mag er meer dan één kiezen."),
        "plain": plain,
    }
    return render(request, "form.html", context)


@login_required
def scan_score(request: HttpRequest, pk: int, side: str) -> HttpResponse:
    """One of the scan's two score pages (§5.7): the worker's or the coach's points,
    each without the other's, so that both score on their own before comparing."""
    if side not in SCAN_SIDES:
        raise Http404
    formset_class, perm = SCAN_SIDES[side]
    worksheet = _get_worksheet_for(request, pk, perm)
    if worksheet.kind != WorksheetKind.SCAN:
        raise Http404
    formset = formset_class(
        request.POST or None,
        instance=worksheet,
        prefix="rows",
        queryset=worksheet.scan_actions.all(),
    )
    if request.method == "POST":
        if formset.is_valid():
            with transaction.atomic():
                formset.save()
            messages.success(request, _("De punten zijn opgeslagen."))
            return redirect("methods:worksheet", pk=worksheet.pk)
        messages.error(request, NOT_SAVED)
    context = {
        "worksheet": worksheet,
        "trajectory": worksheet.trajectory,
        "formset": formset,
        "side": side,
        "plain": request.user.pk == worksheet.trajectory.worker_id,
    }
    return render(request, "methods/scan_score.html", context)


@require_POST
@login_required
def worksheet_delete(request: HttpRequest, pk: int) -> HttpResponse:
    worksheet = _get_worksheet_for(request, pk, "methods.change_worksheet")
    trajectory_pk = worksheet.trajectory_id
    with transaction.atomic():
        delete_with_files(worksheet)
    messages.success(request, _("Het werkblad is verwijderd."))
    return redirect("methods:worksheets", pk=trajectory_pk)


# From worksheet to POP ---------------------------------------------------------


@require_POST
@login_required
def promote_summary(request: HttpRequest, pk: int) -> HttpResponse:
    worksheet = _get_worksheet_for(request, pk, "methods.change_worksheet")
    form = PromoteSummaryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een onderdeel en schrijf wat er in de POP moet komen."))
        return redirect("methods:worksheet", pk=worksheet.pk)
    try:
        item = services.worksheet_promote_summary(worksheet=worksheet, **form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("methods:worksheet", pk=worksheet.pk)
    messages.success(request, _("Toegevoegd aan de samenvatting van de POP."))
    return redirect("plans:pop", pk=item.pop_id)


@login_required
def promote_action(
    request: HttpRequest, pk: int, row_pk: int | None = None, smart_pk: int | None = None
) -> HttpResponse:
    worksheet = _get_worksheet_for(request, pk, "methods.change_worksheet")
    scan_action = smart_action = None
    initial = {"description": worksheet.conclusion[:500]}
    if row_pk is not None:
        scan_action = next((a for a in worksheet.scan_actions.all() if a.pk == row_pk), None)
        if scan_action is None:
            raise Http404
        initial = {"description": scan_action.description}
    if smart_pk is not None:
        smart_action = next((a for a in worksheet.smart_actions.all() if a.pk == smart_pk), None)
        if smart_action is None:
            raise Http404
        initial = {"description": smart_action.description}
    form = PromoteActionForm(
        request.POST or None,
        initial=initial,
        require_kind=scan_action is not None,
        competences=selectors.dictionary_of(worksheet.trajectory.organisation_id),
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                action = services.worksheet_promote_action(
                    worksheet=worksheet,
                    action=services.ActionInput(
                        description=data["description"],
                        competence=data["competence"],
                        helper=data["helper"],
                        deadline=data["deadline"],
                        expected_result=data["expected_result"],
                    ),
                    detail=form.detail(),
                    scan_action=scan_action,
                    smart_action=smart_action,
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("De actie staat nu in het actieplan van de POP."))
                return redirect("plans:pop", pk=action.pop_id)
        else:
            messages.error(request, NOT_SAVED)
    return _form_page(
        request,
        form,
        title=_("Actie naar de POP"),
        back_url=reverse("methods:worksheet", args=[worksheet.pk]),
        intro=_("Vul aan wat het plan nodig heeft: een deadline en een meetbaar resultaat."),
    )


@login_required
def action_develops(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Any action of a POP that may still change can name the competence it develops."""
    pop = get_object_for(
        request.user,
        PopVersion.objects.select_related("trajectory"),
        "plans.change_trajectory",
        pk=pk,
    )
    action = next(
        (a for a in pop.actions.select_related("method_detail") if a.pk == action_pk), None
    )
    if action is None:
        raise Http404
    current = getattr(action, "method_detail", None)
    form = DevelopsForm(
        request.POST or None,
        initial={"develops": current.develops_id if current else None},
        competences=selectors.dictionary_of(pop.trajectory.organisation_id),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.action_set_develops(
                    action=action,
                    competence=form.cleaned_data["develops"],
                    by=request.user,
                    expected_version=posted_lock_version(request),
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("Opgeslagen."))
            return redirect("plans:pop", pk=pop.pk)
        messages.error(request, NOT_SAVED)
    context = {
        "form": form,
        "title": _("Competentie van de actie: %(action)s") % {"action": action.description},
        "back_url": reverse("plans:pop", args=[pop.pk]),
        "pop": pop,
        "lock_version": request.POST.get("lock_version", pop.lock_version),
    }
    return render(request, "form.html", context)


@login_required
def pop_appendix(request: HttpRequest, pk: int) -> HttpResponse:
    """The worksheets of the POP's cycle, as an appendix to the POP's PDF."""
    pop = get_object_for(
        request.user,
        PopVersion.objects.select_related(
            "trajectory__worker", "trajectory__organisation", "previous"
        ),
        "plans.download_pop",
        pk=pk,
    )
    audit_record(
        user=request.user, verb=AuditEvent.Verb.EXPORT, obj=pop, subject=pop.trajectory.worker
    )
    name = pop_filename(pop).removesuffix(".pdf") + "_BIJLAGE.pdf"
    response = HttpResponse(render_appendix_pdf(pop), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Pictures --------------------------------------------------------------------


@require_POST
@login_required
def picture_add(request: HttpRequest, pk: int) -> HttpResponse:
    worksheet = _get_worksheet_for(request, pk, "methods.fill_homework")
    if worksheet.kind not in PICTURE_KINDS:
        raise Http404
    form = PictureForm(request.POST, request.FILES)
    if form.is_valid():
        image = form.cleaned_data["image"]
        picture = WorksheetPicture(worksheet=worksheet, caption=form.cleaned_data["caption"])
        try:
            save_with_file(picture, "image", image.name, image)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("De prent is toegevoegd."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("methods:worksheet", pk=worksheet.pk)


@login_required
def picture(request: HttpRequest, pk: int, picture_pk: int) -> HttpResponse:
    worksheet = _get_worksheet_for(request, pk)
    found = next((p for p in worksheet.pictures.all() if p.pk == picture_pk), None)
    if found is None:
        raise Http404
    response = file_download_response(
        request, found.image, found.image.name.rpartition("/")[2], as_attachment=False
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
