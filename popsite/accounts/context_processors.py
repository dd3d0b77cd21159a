from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

from popsite.accounts.menu import menu_for
from popsite.accounts.models import Role


def menu(request: HttpRequest) -> dict:
    """The menu of the person's roles, from the memberships read once."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = user.roles
    return {
        "menu": menu_for(user, roles),
        # A worker on a phone finds the menu folded away: base.html links back home.
        "only_worker": roles == {Role.WORKER},
        "session_limits": _session_limits(request),
    }


def _session_limits(request: HttpRequest) -> dict:
    """For static/js/session.js: seconds until the idle and the absolute end."""
    started = request.session.get("started_at", int(time.time()))
    return {
        "idle": settings.SESSION_IDLE_SECONDS,
        "left": max(0, started + settings.SESSION_MAX_SECONDS - int(time.time())),
    }
