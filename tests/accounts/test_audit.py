from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent


def test_viewing_and_downloading_a_pop_is_logged_without_content(cast, login):
    client = login(cast.coach)
    client.get(reverse("plans:pop", args=[cast.pop.pk]))
    client.get(reverse("plans:pop-pdf", args=[cast.pop.pk]))
    events = list(
        AuditEvent.objects.order_by("pk").values_list(
            "user", "verb", "object_type", "object_id", "subject"
        )
    )
    assert events == [
        (cast.coach.pk, "view", "plans.popversion", str(cast.pop.pk), cast.worker.pk),
        (cast.coach.pk, "export", "plans.popversion", str(cast.pop.pk), cast.worker.pk),
    ]


def test_a_refused_look_is_not_logged_as_a_view(cast, login):
    login(cast.other_coach).get(reverse("plans:pop", args=[cast.pop.pk]))
    assert not AuditEvent.objects.exists()


def test_the_plain_insert_writes_the_row_the_orm_would(cast):
    """audit_record writes in plain SQL: read back through the ORM, its row has every field
    AuditEvent.objects.create() gives, its moment an aware one of now."""
    before = timezone.now()
    audit_record(user=cast.coach, verb=AuditEvent.Verb.VIEW, obj=cast.pop, subject=cast.worker)
    audit_record(user=AnonymousUser(), verb=AuditEvent.Verb.EXPORT, obj=cast.trajectory)
    orm = AuditEvent.objects.create(
        user=cast.coach,
        verb=AuditEvent.Verb.VIEW,
        object_type="plans.popversion",
        object_id=str(cast.pop.pk),
        subject=cast.worker,
    )
    fields = ["user", "verb", "object_type", "object_id", "subject"]
    plain, system, by_orm = AuditEvent.objects.order_by("pk").values_list(*fields, "at")
    assert plain[:-1] == by_orm[:-1]
    assert system[:-1] == (None, "export", "plans.trajectory", str(cast.trajectory.pk), None)
    assert before <= plain[-1] <= system[-1] <= orm.at
    assert plain[-1].tzinfo is not None
