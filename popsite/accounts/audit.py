"""One call to log who did what to which object; views call it after access is checked."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone

from popsite.accounts.models import AuditEvent, User
from popsite.bounds import IdsField, sane_moment

# The same row AuditEvent.objects.create() writes, in plain SQL: every audited page
# writes one, and the ORM's insert cost three times the statement (~0.45 ms CPU).
_INSERT_SQL = (
    "INSERT INTO accounts_auditevent (user_id, verb, object_type, object_id, subject_id, at)"
    " VALUES (%s, %s, %s, %s, %s, %s)"
)


def audit_record(
    *, user: User | None, verb: str, obj: models.Model, subject: User | None = None
) -> None:
    """``user`` None (or anonymous): the system did it, e.g. the daily scheduler."""
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_SQL,
            [
                user.pk if user is not None and user.is_authenticated else None,
                str(verb),
                obj._meta.label_lower,
                str(obj.pk),
                subject.pk if subject is not None else None,
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )


def audit_record_for_each(
    *, user: User, verb: str, obj: models.Model, subject_ids: Iterable[int]
) -> None:
    """One event for the object and one per person whose data it holds, in one insert:
    a monthly package with a thousand workers shows on each of their pages."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            user=user,
            verb=verb,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            subject_id=subject_id,
        )
        for subject_id in [None, *subject_ids]
    )


def _subject_of(obj: models.Model) -> User | None:
    """The person whose data an object is: a user, a trajectory's worker, or the
    worker of the trajectory an object hangs off."""
    if isinstance(obj, User):
        return obj
    trajectory = getattr(obj, "trajectory", None)
    worker = getattr(obj, "worker", None) or getattr(trajectory, "worker", None)
    return worker if isinstance(worker, User) else None


class AuditedAdmin:
    """Mixed into every ModelAdmin: each addition, change and deletion through the
    Django admin is in the audit log too (Django's own LogEntry is not shown to the
    worker), on the worker's "wie bekeek mijn POP" page when it is their data. Its
    multi-selects check their ids and its date-times their range like every other form
    (popsite.bounds)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Timestamps are set by the app, but the admin lets staff type one: 0001-01-01
        # overflows on the way to UTC.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and field is not None:
            field.validators.append(sane_moment)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdsField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def log_addition(self, request, obj, message):
        audit_record(
            user=request.user, verb=AuditEvent.Verb.CHANGE, obj=obj, subject=_subject_of(obj)
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(
            user=request.user, verb=AuditEvent.Verb.CHANGE, obj=obj, subject=_subject_of(obj)
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        # Called before the deletion, so the objects and their workers are still there.
        for obj in queryset:
            audit_record(
                user=request.user, verb=AuditEvent.Verb.DELETE, obj=obj, subject=_subject_of(obj)
            )
        return super().log_deletions(request, queryset)
