from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from popsite.accounts import health as checks
from popsite.accounts import services, tally
from popsite.accounts.access import get_object_for
from popsite.accounts.forms import ChooseSecretForm, WorkerAccountForm
from popsite.accounts.models import Organisation, OrganisationTally, Role, User
from popsite.accounts.pdf import login_qr, render_login_letter_pdf

# The order in which a person with several roles lands on a home page.
HOME_BY_ROLE = [
    (Role.COACH, "plans:coach-home"),
    (Role.TRAINER, "plans:trainer-home"),
    (Role.AMBASSADOR, "plans:ambassador-home"),
    (Role.REGISTRAR, "registration:export"),
    (Role.WORKER, "plans:worker-home"),
    (Role.SUPERVISOR, "plans:shared-portfolios"),
    (Role.FLOOR_SUPERVISOR, "methods:to-rate"),
]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    for role, url_name in HOME_BY_ROLE:
        if request.user.has_role(role):
            return redirect(url_name)
    if request.user.is_staff:
        return redirect("accounts:admin-home")
    return render(request, "accounts/no_role.html")


def _tally(name: str) -> Coalesce:
    """The organisation's stored count ``name`` (popsite/accounts/tally.py): one index
    lookup, where counting the rows read ~30,000 index entries per request at load data 1."""
    stored = OrganisationTally.objects.filter(organisation=OuterRef("pk"), name=name)
    return Coalesce(Subquery(stored.values("n")), 0, output_field=IntegerField())


# What the admin overview shows per organisation, by annotation name: the name of the
# OrganisationTally that holds it. Apps built on accounts add theirs, kept by the
# triggers of their own migration, in their AppConfig.ready (plans: "trajectory_count").
ORGANISATION_COUNTS: dict[str, str] = {"worker_count": tally.WORKERS}


@login_required
def admin_home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    # As dicts: a model instance per organisation cost more than its row.
    organisations = Organisation.objects.values(
        "name", **{column: _tally(name) for column, name in ORGANISATION_COUNTS.items()}
    )
    return render(request, "accounts/admin_home.html", {"organisations": organisations})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers, and the benchmark's floor: one query through the whole stack."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


def ready(request: HttpRequest) -> HttpResponse:
    """For monitoring: database, file store and task queue; 503 when any is not ok.
    Slower than ``health`` (it writes a file), so not for every balancer probe."""
    results = checks.readiness()
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": results}, status=200 if healthy else 503
    )


# Workers without e-mail: account, login letter, one-time code -------------------

# The one-time code is kept only in the coach's session (the database has its hash), so
# the letter can be shown and printed right after it was made, and never again.
LETTER_KEY = "login_letter"


def _remember_code(request: HttpRequest, user: User, code: str) -> None:
    request.session[LETTER_KEY] = {"user": user.pk, "code": code}


def _remembered_code(request: HttpRequest, user: User) -> str | None:
    kept = request.session.get(LETTER_KEY) or {}
    return kept.get("code") if kept.get("user") == user.pk else None


def _person(request: HttpRequest, pk: int) -> User:
    return get_object_for(request.user, User.objects.all(), "accounts.manage_login", pk=pk)


@login_required
def worker_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.COACH):
        raise Http404
    form = WorkerAccountForm(request.POST or None, coach=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user, code = services.worker_account_create(
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _remember_code(request, user, code)
            messages.success(request, _("Het account is aangemaakt. Druk nu de inlogbrief af."))
            return redirect("accounts:login-letter", pk=user.pk)
    if request.method == "POST":
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder in het rood staat."))
    return render(
        request,
        "form.html",
        {
            "form": form,
            "title": _("Nieuwe werknemer"),
            "intro": _(
                "Met of zonder e-mailadres. Je drukt daarna een inlogbrief af met een "
                "eenmalige code; bij de eerste keer inloggen kiest de werknemer een "
                "wachtwoord of pincode."
            ),
            "back_url": reverse("plans:coach-home"),
        },
    )


@login_required
def login_letter(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    code = _remembered_code(request, person)
    login_url = request.build_absolute_uri(reverse("login"))
    context = {"person": person, "code": code, "login_url": login_url, "qr": login_qr(login_url)}
    return render(request, "accounts/login_letter.html", context)


@login_required
def login_letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    code = _remembered_code(request, person)
    if code is None:
        messages.error(request, _("Maak eerst een nieuwe code; de oude is niet meer te zien."))
        return redirect("accounts:login-letter", pk=person.pk)
    pdf = render_login_letter_pdf(
        user=person, code=code, login_url=request.build_absolute_uri(reverse("login"))
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="inlogbrief.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def login_code_reset(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    _remember_code(request, person, services.login_code_issue(user=person, by=request.user))
    messages.success(
        request,
        _("Er is een nieuwe code. Het oude wachtwoord of de oude pincode werkt niet meer."),
    )
    return redirect("accounts:login-letter", pk=person.pk)


@login_required
def choose_secret(request: HttpRequest) -> HttpResponse:
    """The first login with a letter's code: the person chooses a password or a PIN."""
    user = request.user
    if user.one_time_code_until is None:
        raise Http404
    form = ChooseSecretForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.own_secret_set(
                user=user,
                secret=form.cleaned_data["secret"],
                is_pin=form.cleaned_data["kind"] == "pin",
            )
        except ValidationError as error:
            form.add_error("secret", error)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Gelukt. Voortaan log je zo in."))
            return redirect("accounts:home")
    return render(request, "accounts/choose_secret.html", {"form": form, "person": user})
