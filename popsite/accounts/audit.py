"""One call to log who did what to which object; views call it after access is checked."""

from __future__ import annotations

from django.db import models

from popsite.accounts.models import AuditEvent, User


def audit_record(
    *, user: User, verb: str, obj: models.Model, subject: User | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(
        user=user if user.is_authenticated else None,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        subject=subject,
    )
