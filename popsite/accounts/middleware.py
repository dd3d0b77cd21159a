"""Request-wide protections: no caching of personal pages, session timeouts, body size,
a new password or PIN before anything else after a one-time code, and the second
factor before anything else for whoever needs one."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from popsite.accounts.second_factor import app_device, second_factor_required


class NoStoreMiddleware:
    """Logged-in pages and every download carry personal data: a shared shop-floor PC,
    its browser history or a proxy must not keep a copy. Nothing dynamic is cached;
    static files are served (and cached) by WhiteNoise before this runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        return response


def stamp_session_start(sender, request: HttpRequest, user, **kwargs) -> None:
    """At login, so the first page after it need not write the session again."""
    now = int(time.time())
    request.session["started_at"] = now
    request.session["seen_at"] = now


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request, and in any case
    SESSION_MAX_SECONDS after it began: on a shared shop-floor PC the next person must
    not find the previous one still logged in. static/js/session.js keeps the session
    alive while someone types and warns before the absolute end, so text being written
    is not lost."""

    # Writing the session on every request costs a query; a minute's precision is enough.
    TOUCH_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("started_at", now)
            seen = session.get("seen_at", now)
            if (
                now - seen > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_MAX_SECONDS
            ):
                logout(request)
                messages.info(request, _("Je bent afgemeld omdat je sessie verlopen is."))
                return redirect_to_login(request.get_full_path())
            if now - seen >= self.TOUCH_EVERY or "seen_at" not in session:
                session["seen_at"] = now
        return self.get_response(request)


class RequestSizeMiddleware:
    """Refuses a request body above MAX_REQUEST_BYTES from its Content-Length header,
    before anything reads it: the form's own 10 MB check only runs once Django has
    stored the whole upload."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return render(request, "413.html", status=413)
        return self.get_response(request)


class OneTimeCodeMiddleware:
    """Whoever logged in with a one-time code chooses their own password or PIN first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.one_time_code_until is not None:
            allowed = {reverse("accounts:choose-secret"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("accounts:choose-secret")
        return self.get_response(request)


# Set at login for someone who neither has nor needs a second factor (most people):
# their pages then ask nothing more of the database.
SECOND_FACTOR_FREE = "second_factor_free"


def note_second_factor_at_login(sender, request: HttpRequest, user, **kwargs) -> None:
    request.session[SECOND_FACTOR_FREE] = not (
        second_factor_required(user) or app_device(user) is not None
    )


class SecondFactorMiddleware:
    """After the password, whoever set up an app gives its code (or a recovery code);
    whoever must have one (staff, the coaches of an organisation that asks it) and has
    none sets it up. Until then only those pages and logging out answer, the admin site
    included. Staff are checked on every request, not only at login: is_staff is on
    the user already read, so promoting someone takes effect at once. An organisation
    that starts asking it of its coaches does so from their next login."""

    OPEN = [
        "logout",
        "set_language",
        "accounts:health",
        "accounts:second-factor-verify",
        "accounts:second-factor-enrol",
    ]

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        staff = user.is_staff or user.is_superuser
        if request.session.get(SECOND_FACTOR_FREE) and not staff:
            return self.get_response(request)
        if request.path in {reverse(name) for name in self.OPEN}:
            return self.get_response(request)
        if app_device(user) is not None:
            target = "accounts:second-factor-verify"
        elif second_factor_required(user):
            target = "accounts:second-factor-enrol"
        else:
            request.session[SECOND_FACTOR_FREE] = True
            return self.get_response(request)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
