"""The accounts app's daily work for the scheduler (popsite.schedule)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings

from popsite.schedule import daily


@daily("sessions")
def clear_expired_sessions() -> str:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return "verlopen sessies gewist"
