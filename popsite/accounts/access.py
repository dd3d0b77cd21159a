"""The one way views fetch an object: 404 for anyone the rules do not allow."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import rules
from django.db import models
from django.http import Http404

from popsite.accounts.models import User

M = TypeVar("M", bound=models.Model)


def get_object_for(
    user: User,
    queryset: models.QuerySet[M],
    perm: str,
    *,
    then: Callable[[M], object] | None = None,
    **lookup: object,
) -> M:
    """Outsiders get the same 404 as a missing object: no hint that it exists. ``then``
    completes the object with what the rules read (a trajectory's coaches, in plain SQL)
    before they are asked."""
    try:
        obj = queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    if then is not None:
        then(obj)
    if not allowed(user, perm, obj):
        raise Http404
    return obj


def allowed(user: User, perm: str, obj: models.Model) -> bool:
    """Ask the rules alone: Django's has_perm() says yes to every superuser, but a
    site admin is not a worker's coach and may not write in their POP."""
    return user.is_active and rules.has_perm(perm, user, obj)
