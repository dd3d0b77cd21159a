"""The one way views fetch an object: 404 for anyone the rules do not allow."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404

from popsite.accounts.models import User

M = TypeVar("M", bound=models.Model)


def get_object_for(user: User, queryset: models.QuerySet[M], perm: str, **lookup: object) -> M:
    """Outsiders get the same 404 as a missing object: no hint that it exists."""
    try:
        obj = queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    if not user.has_perm(perm, obj):
        raise Http404
    return obj
