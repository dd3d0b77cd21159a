from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

from popsite.accounts.models import Role


def roles(request: HttpRequest) -> dict:
    """The role homes the navigation links to, from the memberships read once."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": set()}
    return {"user_roles": user.roles, "Role": Role, "session_limits": _session_limits(request)}


def _session_limits(request: HttpRequest) -> dict:
    """For static/js/session.js: seconds until the idle and the absolute end."""
    started = request.session.get("started_at", int(time.time()))
    return {
        "idle": settings.SESSION_IDLE_SECONDS,
        "left": max(0, started + settings.SESSION_MAX_SECONDS - int(time.time())),
    }
