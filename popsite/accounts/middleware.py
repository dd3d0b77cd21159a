"""Request-wide protections: no caching of personal pages, session timeouts, body size."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
