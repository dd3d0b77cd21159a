from __future__ import annotations

from django.http import HttpRequest

from popsite.accounts.models import Role


def roles(request: HttpRequest) -> dict:
    """The role homes the navigation links to, from the memberships read once."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": set()}
    return {"user_roles": user.roles, "Role": Role}
