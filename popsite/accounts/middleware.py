"""Whoever logged in with a one-time code chooses their own password or PIN before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class OneTimeCodeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.one_time_code_until is not None:
            allowed = {reverse("accounts:choose-secret"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("accounts:choose-secret")
        return self.get_response(request)
