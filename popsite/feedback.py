"""Small helpers every app's views share to talk back to the person at the screen."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    """A refused write from a service, as Dutch messages on the next page."""
    for message in error.messages:
        messages.error(request, message)


def posted_lock_version(request: HttpRequest) -> int | None:
    """The POP version an editor's page was built on; absent means 'do not check'."""
    return posted_number(request, "lock_version")


def posted_number(request: HttpRequest, name: str) -> int | None:
    """A whole number the page posted back, or None when absent or not a number."""
    try:
        return int(request.POST[name])
    except (KeyError, ValueError):
        return None
