"""Thin views: fetch through the rules, validate with forms, write through services."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from plans.access import get_trajectory_for
from plans.models import Trajectory
from popsite.accounts.access import allowed, get_object_for
from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent, Organisation, Role
from popsite.feedback import show_errors
from popsite.files import file_download_response
from registration import rules as registration_rules
from registration import selectors, services, tasks
from registration.forms import (
    AttendanceForm,
    ExportForm,
    HoursLineForm,
    MijnLoopbaanForm,
    ScanForm,
    TrainingForm,
)
from registration.models import Consent, ExportJob, HoursLine, HoursSheet, MijnLoopbaan, Training
from registration.pdf import render_attendance_pdf, render_consent_pdf, render_hours_pdf


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}


def _scan_response(request: HttpRequest, scan: FieldFile, filename: str) -> HttpResponse:
    if not scan:
        raise Http404
    extension = scan.name[scan.name.rfind(".") :].lower()
    return file_download_response(
        request,
        scan,
        f"{filename}{extension}",
        content_type=_CONTENT_TYPES.get(extension, "application/octet-stream"),
    )


def _scan_refused(request: HttpRequest, form: ScanForm) -> None:
    for error in form.errors.get("scan", []):
        messages.error(request, error)


# Consent ---------------------------------------------------------------------------


def _consent_of(trajectory: Trajectory) -> Consent | None:
    return (
        Consent.objects.filter(trajectory=trajectory).select_related("coach_confirmed_by").first()
    )


@login_required
def consent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "registration.view_consent")
    consent = _consent_of(trajectory)
    contacts = selectors.consent_contacts(trajectory)
    is_worker = request.user.pk == trajectory.worker_id
    confirmed = consent is not None and (
        consent.worker_confirmed_at if is_worker else consent.coach_confirmed_at
    )
    context = {
        "trajectory": trajectory,
        "is_worker": is_worker,
        "consent": consent,
        "contacts": contacts,
        "fingerprint": selectors.consent_fingerprint(contacts),
        "can_upload": allowed(request.user, "registration.upload_consent", trajectory),
        "can_confirm": allowed(request.user, "registration.confirm_consent", trajectory)
        and not confirmed,
        "scan_form": ScanForm(),
        "mijn_loopbaan": MijnLoopbaan.objects.filter(trajectory=trajectory).first(),
        "can_record": allowed(request.user, "registration.record_mijn_loopbaan", trajectory),
    }
    return render(request, "registration/consent/detail.html", context)


@login_required
def consent_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "registration.view_consent")
    content = render_consent_pdf(
        trajectory, selectors.consent_contacts(trajectory), _consent_of(trajectory)
    )
    return _pdf_response(content, f"toestemming_{trajectory.pk}.pdf")


@require_POST
@login_required
def consent_upload(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "registration.upload_consent")
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        _scan_refused(request, form)
    else:
        try:
            services.consent_upload_scan(
                trajectory=trajectory, scan=form.cleaned_data["scan"], by=request.user
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("De ondertekende toestemming is opgeladen."))
    return redirect("registration:consent", pk=trajectory.pk)


@login_required
def consent_scan(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "registration.view_consent")
    consent = _consent_of(trajectory)
    if consent is None or not consent.has_scan:
        raise Http404
    audit_record(
        user=request.user, verb=AuditEvent.Verb.EXPORT, obj=consent, subject=trajectory.worker
    )
    return _scan_response(request, consent.scan, f"toestemming_{trajectory.pk}")


@require_POST
@login_required
def consent_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request, pk, "registration.confirm_consent")
    try:
        consent = services.consent_confirm(
            trajectory=trajectory, by=request.user, seen=request.POST.get("shown")
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        if consent.confirmed_in_app:
            messages.success(request, _("Werknemer en coach hebben de toestemming bevestigd."))
        else:
            messages.success(request, _("Je bevestiging is bewaard."))
    return redirect("registration:consent", pk=trajectory.pk)


@login_required
def mijn_loopbaan(request: HttpRequest, pk: int) -> HttpResponse:
    """Registration step 2: the worker's Mijn Loopbaan account and the POP's upload."""
    trajectory = get_trajectory_for(request, pk, "registration.record_mijn_loopbaan")
    instance = MijnLoopbaan.objects.filter(trajectory=trajectory).first() or MijnLoopbaan(
        trajectory=trajectory
    )
    form = MijnLoopbaanForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            record = form.save(commit=False)
            record.recorded_by = request.user
            record.save()
            messages.success(request, _("Opgeslagen."))
            return redirect("registration:consent", pk=trajectory.pk)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    context = {
        "form": form,
        "title": _("Mijn Loopbaan van %(worker)s") % {"worker": trajectory.worker},
        "intro": _(
            "Heeft de werknemer nog geen account op Mijn Loopbaan van de VDAB, maak het dan "
            "samen aan. Laad op het einde van het traject samen het POP-document op bij 'Mijn "
            "documenten', met als naam JJJJMMDD_POP_ACHTERNAAM_VOORNAAM."
        ),
        "back_url": reverse("registration:consent", args=[trajectory.pk]),
    }
    return render(request, "form.html", context)


# Hours -----------------------------------------------------------------------------


def _recent_months(count: int = 6) -> list[datetime.date]:
    month = timezone.localdate().replace(day=1)
    months = []
    for _i in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


@login_required
def hours_list(request: HttpRequest) -> HttpResponse:
    organisations = list(registration_rules.hours_organisations(request.user))
    if not organisations:
        raise Http404
    months = _recent_months()
    sheets = HoursSheet.objects.filter(
        organisation__in=organisations, month__gte=months[-1]
    ).annotate(line_count=Count("lines"))
    by_key = {(s.organisation_id, s.month): s for s in sheets}
    rows = [
        (organisation, [(month, by_key.get((organisation.pk, month))) for month in months])
        for organisation in organisations
    ]
    return render(request, "registration/hours/list.html", {"rows": rows, "months": months})


def _hours_context(
    request: HttpRequest, slug: str, month: datetime.date, perm: str
) -> tuple[Organisation, HoursSheet | None]:
    organisation = get_object_for(request.user, Organisation.objects, perm, slug=slug)
    sheet = HoursSheet.objects.filter(organisation=organisation, month=month).first()
    return organisation, sheet


@login_required
def hours_detail(request: HttpRequest, slug: str, month: datetime.date) -> HttpResponse:
    organisation, sheet = _hours_context(request, slug, month, "registration.view_hours")
    can_change = allowed(request.user, "registration.change_hours", organisation)
    form = HoursLineForm(request.POST or None, month=month, initial={"date": month})
    if request.method == "POST":
        if not can_change:
            raise Http404
        if form.is_valid():
            services.hours_line_add(
                organisation=organisation, month=month, line=form.instance, by=request.user
            )
            messages.success(request, _("De uren zijn bewaard."))
            return redirect("registration:hours", slug=slug, month=month)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    lines = list(sheet.lines.select_related("person")) if sheet else []
    context = {
        "organisation": organisation,
        "month": month,
        "sheet": sheet,
        "lines": lines,
        "total": sum((line.hours for line in lines), start=0),
        "can_change": can_change,
        "form": form,
        "scan_form": ScanForm(),
    }
    return render(request, "registration/hours/detail.html", context)


@login_required
def hours_pdf(request: HttpRequest, slug: str, month: datetime.date) -> HttpResponse:
    organisation, sheet = _hours_context(request, slug, month, "registration.view_hours")
    content = render_hours_pdf(sheet or HoursSheet(organisation=organisation, month=month))
    return _pdf_response(content, f"uren_{organisation.slug}_{month:%Y-%m}.pdf")


@require_POST
@login_required
def hours_upload(request: HttpRequest, slug: str, month: datetime.date) -> HttpResponse:
    organisation, _sheet = _hours_context(request, slug, month, "registration.change_hours")
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        _scan_refused(request, form)
    else:
        try:
            services.hours_scan_upload(
                organisation=organisation,
                month=month,
                scan=form.cleaned_data["scan"],
                by=request.user,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Het ondertekende urenblad is opgeladen."))
    return redirect("registration:hours", slug=slug, month=month)


@login_required
def hours_scan(request: HttpRequest, slug: str, month: datetime.date) -> HttpResponse:
    organisation, sheet = _hours_context(request, slug, month, "registration.view_hours")
    if sheet is None:
        raise Http404
    return _scan_response(request, sheet.scan, f"uren_{organisation.slug}_{month:%Y-%m}")


@require_POST
@login_required
def hours_line_delete(
    request: HttpRequest, slug: str, month: datetime.date, line_pk: int
) -> HttpResponse:
    organisation, sheet = _hours_context(request, slug, month, "registration.change_hours")
    deleted, _rows = HoursLine.objects.filter(pk=line_pk, sheet=sheet).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("De regel is verwijderd."))
    return redirect("registration:hours", slug=slug, month=month)


# Trainings -------------------------------------------------------------------------


def get_training_for(request: HttpRequest, pk: int, perm: str) -> Training:
    queryset = Training.objects.select_related("organisation", "trainer")
    return get_object_for(request.user, queryset, perm, pk=pk)


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_staff or user.roles & {Role.TRAINER, Role.AMBASSADOR, Role.REGISTRAR}):
        raise Http404
    trainings = (
        registration_rules.visible_trainings(user)
        .select_related("organisation", "trainer")
        .annotate(
            participant_count=Count("attendances"),
            present_count=Count("attendances", filter=Q(attendances__present=True)),
        )
        .order_by("-date", "pk")
    )
    return render(
        request,
        "registration/training/list.html",
        {"trainings": trainings, "can_add": user.has_role(Role.TRAINER)},
    )


def _training_form_page(request: HttpRequest, form: TrainingForm, title: str) -> HttpResponse:
    if request.method == "POST":
        if form.is_valid():
            training = form.save(commit=False)
            services.training_save(
                training=training, participants=form.cleaned_data["participants"]
            )
            messages.success(request, _("De opleiding is bewaard."))
            return redirect("registration:training", pk=training.pk)
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    back_url = (
        reverse("registration:training", args=[form.instance.pk])
        if form.instance.pk
        else reverse("registration:training-list")
    )
    return render(
        request,
        "form.html",
        {"form": form, "title": title, "back_url": back_url},
    )


@login_required
def training_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.TRAINER):
        raise Http404
    form = TrainingForm(
        request.POST or None, instance=Training(trainer=request.user), trainer=request.user
    )
    return _training_form_page(request, form, _("Nieuwe opleiding"))


@login_required
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for(request, pk, "registration.change_training")
    form = TrainingForm(request.POST or None, instance=training, trainer=request.user)
    return _training_form_page(request, form, _("Opleiding aanpassen"))


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for(request, pk, "registration.view_training")
    context = {
        "training": training,
        "attendances": training.attendances.select_related("person"),
        "can_change": allowed(request.user, "registration.change_training", training),
        "attendance_form": AttendanceForm(training=training),
        "scan_form": ScanForm(),
    }
    return render(request, "registration/training/detail.html", context)


@require_POST
@login_required
def training_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for(request, pk, "registration.change_training")
    form = AttendanceForm(request.POST, training=training)
    if form.is_valid():
        services.training_set_attendance(training=training, present=form.cleaned_data["present"])
        messages.success(request, _("De aanwezigheid is bewaard."))
    else:
        messages.error(request, _("Kies alleen deelnemers van deze opleiding."))
    return redirect("registration:training", pk=training.pk)


@login_required
def training_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for(request, pk, "registration.view_training")
    return _pdf_response(
        render_attendance_pdf(training), f"aanwezigheidslijst_{training.date:%Y%m%d}.pdf"
    )


@require_POST
@login_required
def training_upload(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for(request, pk, "registration.change_training")
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        _scan_refused(request, form)
    else:
        try:
            services.training_scan_upload(
                training=training, scan=form.cleaned_data["scan"], by=request.user
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("De ondertekende aanwezigheidslijst is opgeladen."))
    return redirect("registration:training", pk=training.pk)


@login_required
def training_scan(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for(request, pk, "registration.view_training")
    return _scan_response(request, training.scan, f"aanwezigheidslijst_{training.date:%Y%m%d}")


# Export ----------------------------------------------------------------------------


def _export_form(request: HttpRequest, data: dict | None) -> ExportForm:
    organisations = registration_rules.exportable_organisations(request.user)
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    form = ExportForm(
        data,
        initial={"month": last_month},
        organisations=organisations,
        all_allowed=allowed(request.user, "registration.export", None),
    )
    if not form.organisation_list:
        raise Http404
    return form


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    form = _export_form(request, request.GET if "month" in request.GET else None)
    missing = None
    if form.is_bound and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        missing = selectors.missing_documents(
            form.cleaned_data["month"], [organisation.pk] if organisation else None
        )
    context = {
        "form": form,
        "missing": missing,
        "jobs": selectors.export_job_rows(registration_rules.visible_export_jobs(request.user)),
        "may_export_incomplete": allowed(request.user, "registration.export_incomplete", None),
    }
    return render(request, "registration/export/page.html", context)


@require_POST
@login_required
def export_start(request: HttpRequest) -> HttpResponse:
    form = _export_form(request, request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een maand en een organisatie."))
        return redirect("registration:export")
    month = form.cleaned_data["month"]
    organisation = form.cleaned_data["organisation"]
    if not allowed(request.user, "registration.export", organisation):
        raise Http404
    missing = selectors.missing_documents(month, [organisation.pk] if organisation else None)
    if missing and not (
        request.POST.get("anyway")
        and allowed(request.user, "registration.export_incomplete", organisation)
    ):
        messages.error(
            request,
            ngettext(
                "Er ontbreekt nog %(count)d document. Vul het eerst aan.",
                "Er ontbreken nog %(count)d documenten. Vul ze eerst aan.",
                len(missing),
            )
            % {"count": len(missing)},
        )
        query = urlencode(
            {"month": f"{month:%Y-%m}", "organisation": organisation.slug if organisation else ""}
        )
        return redirect(f"{reverse('registration:export')}?{query}")
    job = tasks.export_queue(month=month, organisation=organisation, by=request.user)
    return redirect("registration:export-job", pk=job.pk)


def get_job_for(request: HttpRequest, pk: int) -> ExportJob:
    queryset = ExportJob.objects.select_related("organisation", "requested_by")
    return get_object_for(request.user, queryset, "registration.view_export", pk=pk)


@login_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for(request, pk)
    return render(request, "registration/export/job.html", {"job": job})


@login_required
def export_job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the job page's script polls: the progress, and when to show the result."""
    job = get_job_for(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "percent": job.percent,
            "steps_done": job.steps_done,
            "steps_total": job.steps_total,
            "finished": job.is_finished or job.is_stale,
        },
        headers={"Cache-Control": "no-store"},
    )


@login_required
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for(request, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    services.export_download_record(job=job, by=request.user)
    return file_download_response(
        request, job.file, job.package_name, content_type="application/zip"
    )
