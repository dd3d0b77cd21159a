from django.urls import reverse

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
