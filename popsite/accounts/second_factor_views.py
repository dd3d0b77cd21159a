"""The second factor's pages: set up an app, give its code after the password, the
recovery codes (shown once), and switching it off."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice

from popsite.accounts import second_factor
from popsite.accounts.forms import SecondFactorCodeForm

# The secret of an app being set up, until its first code confirms it; the new recovery
# codes, until the person says they kept them (the database only has them to check).
ENROL_SECRET = "second_factor_secret"
NEW_CODES = "recovery_codes"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("accounts:home")


def _credentials(request: HttpRequest) -> dict:
    return {"username": request.user.login}


def _locked_out(request: HttpRequest) -> HttpResponse:
    credentials = _credentials(request)
    logout(request)
    return get_lockout_response(request, credentials=credentials)


def _check(request: HttpRequest, form: SecondFactorCodeForm) -> Device | None:
    """The device that took the code, or None with the error on the form. A wrong code
    counts like a wrong password (django-axes, per account and address and per
    address, popsite.accounts.throttle); at the limit the session ends."""
    if AxesProxyHandler.is_locked(request, _credentials(request)):
        return None
    if not form.is_valid():
        return None
    try:
        return second_factor.code_verify(user=request.user, typed=form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("code", error)
        if error.code == "wrong":
            user_login_failed.send(
                sender=__name__, credentials=_credentials(request), request=request
            )
        return None


def _is_locked(request: HttpRequest) -> bool:
    return getattr(request, "axes_locked_out", False) or AxesProxyHandler.is_locked(
        request, _credentials(request)
    )


@login_required
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() or second_factor.app_device(user) is None:
        return redirect(_next(request))
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST":
        device = _check(request, form)
        if device is None and _is_locked(request):
            return _locked_out(request)
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "Je gebruikte een herstelcode; die werkt nu niet meer. Je hebt er nog "
                        "%(n)s. Maak nieuwe als je telefoon kwijt is."
                    )
                    % {"n": second_factor.recovery_codes_left(user)},
                )
            return redirect(_next(request))
    return render(
        request, "accounts/second_factor_verify.html", {"form": form, "next": _next(request)}
    )


@login_required
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if second_factor.app_device(user) is not None:
        messages.info(request, _("Je tweede factor is al ingesteld."))
        return redirect("accounts:second-factor")
    secret = request.session.get(ENROL_SECRET)
    if secret is None:
        secret = request.session[ENROL_SECRET] = second_factor.new_secret()
    form = SecondFactorCodeForm(request.POST or None)
    form.fields["code"].label = _("De code die de app nu toont")
    form.fields["code"].help_text = _("6 cijfers")
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = second_factor.app_enrol(
                user=user, secret=secret, code=second_factor.normalise(form.cleaned_data["code"])
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            del request.session[ENROL_SECRET]
            request.session[NEW_CODES] = codes
            messages.success(request, _("Je tweede factor is ingesteld."))
            return redirect("accounts:recovery-codes")
    context = {
        "form": form,
        "qr": second_factor.app_qr(user, secret),
        "secret": second_factor.secret_text(secret),
        "required": second_factor.second_factor_required(user),
    }
    return render(request, "accounts/second_factor_enrol.html", context)


def _manage_page(request: HttpRequest, form: SecondFactorCodeForm) -> HttpResponse:
    user = request.user
    context = {
        "form": form,
        "device": second_factor.app_device(user),
        "codes_left": second_factor.recovery_codes_left(user),
        "required": second_factor.second_factor_required(user),
    }
    return render(request, "accounts/second_factor.html", context)


@login_required
def second_factor_page(request: HttpRequest) -> HttpResponse:
    return _manage_page(request, SecondFactorCodeForm())


@require_POST
@login_required
def second_factor_disable(request: HttpRequest) -> HttpResponse:
    """Asks a code, so nobody at a PC left logged in switches it off."""
    user = request.user
    if second_factor.app_device(user) is None:
        return redirect("accounts:second-factor")
    form = SecondFactorCodeForm(request.POST)
    if _check(request, form) is None:
        if _is_locked(request):
            return _locked_out(request)
        return _manage_page(request, form)
    second_factor.second_factor_remove(user=user, by=user)
    if second_factor.second_factor_required(user):
        messages.success(request, _("Je oude app werkt niet meer. Stel nu je nieuwe telefoon in."))
        return redirect("accounts:second-factor-enrol")
    messages.success(request, _("Je tweede factor is uitgeschakeld."))
    return redirect("accounts:second-factor")


@require_POST
@login_required
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    if second_factor.app_device(request.user) is None:
        messages.error(request, _("Stel eerst een app in; de herstelcodes horen erbij."))
        return redirect("accounts:second-factor")
    request.session[NEW_CODES] = second_factor.recovery_codes_renew(user=request.user)
    messages.success(request, _("Je hebt nieuwe herstelcodes. De oude werken niet meer."))
    return redirect("accounts:recovery-codes")


def _new_codes(request: HttpRequest) -> list[str] | None:
    codes = request.session.get(NEW_CODES)
    if codes is None:
        messages.info(
            request,
            _(
                "Herstelcodes zijn alleen te zien meteen nadat ze gemaakt zijn. Ben je ze "
                "kwijt? Maak dan nieuwe."
            ),
        )
    return codes


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = _new_codes(request)
    if codes is None:
        return redirect("accounts:second-factor")
    if request.method == "POST":
        del request.session[NEW_CODES]
        return redirect("accounts:home")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
def recovery_codes_download(request: HttpRequest) -> HttpResponse:
    codes = _new_codes(request)
    if codes is None:
        return redirect("accounts:second-factor")
    text = render_to_string(
        "accounts/recovery_codes.txt", {"codes": codes, "person": request.user}, request
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="herstelcodes-pop-werking.txt"'
    return response
