"""The Django admin keeps the POP rules: an agreed version and its parts cannot be
changed there either, a draft's change clears the confirmations, and every admin
change is in the audit log, on the worker's "wie bekeek mijn POP" page."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from plans.models import PopVersion
from popsite.accounts.audit import AuditedAdmin
from popsite.accounts.models import AuditEvent
from tests.factories import agreeable_pop, confirm


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def agreed(cast):
    pop = agreeable_pop(cast.pop)
    pop.overall_goal = "Zelfstandig de keuken openen."
    pop.save()
    confirm(pop, cast.worker)
    confirm(pop, cast.coach)
    pop.refresh_from_db()
    assert pop.agreed_at is not None
    return pop


def test_every_admin_of_ours_writes_its_changes_to_the_audit_log():
    ours = ("accounts", "plans", "methods", "registration")
    plain = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ours and not isinstance(model_admin, AuditedAdmin)
    ]
    assert plain == []
    assert len(admin.site._registry) > 15


def test_an_agreed_pop_is_read_only_in_the_admin(cast, login, agreed):
    client = login(cast.admin)
    page = client.get(change_url(agreed)).content.decode()
    assert "Zelfstandig de keuken openen." in page
    assert 'name="overall_goal"' not in page
    response = client.post(change_url(agreed), {"overall_goal": "Iets anders."})
    assert response.status_code == 403
    agreed.refresh_from_db()
    assert agreed.overall_goal == "Zelfstandig de keuken openen."
    assert agreed.agreed_at is not None
    delete = reverse("admin:plans_popversion_delete", args=[agreed.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert PopVersion.objects.filter(pk=agreed.pk).exists()


def test_a_draft_changed_in_the_admin_loses_its_confirmations_and_is_audited(cast, login):
    pop = agreeable_pop(cast.pop)
    confirm(pop, cast.worker)
    before = PopVersion.objects.get(pk=pop.pk).content_version
    response = login(cast.admin).post(change_url(pop), {"overall_goal": "Nieuw doel."})
    assert response.status_code == 302
    pop.refresh_from_db()
    assert pop.overall_goal == "Nieuw doel."
    assert pop.worker_agreed_at is None and pop.content_version == before + 1
    event = AuditEvent.objects.get(verb="change", object_type="plans.popversion")
    assert (event.user, event.subject, event.object_id) == (cast.admin, cast.worker, str(pop.pk))
    page = login(cast.worker).get(reverse("plans:who-looked")).content.decode()
    assert str(cast.admin) in page and "gewijzigd" in page


def test_a_trajectory_deleted_in_the_admin_is_audited(cast, login):
    trajectory = cast.other_trajectory
    worker = trajectory.worker
    url = reverse("admin:plans_trajectory_delete", args=[trajectory.pk])
    response = login(cast.admin).post(url, {"post": "yes"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="delete", object_type="plans.trajectory")
    assert (event.user, event.subject, event.object_id) == (cast.admin, worker, str(trajectory.pk))


def test_an_admin_multi_select_id_beyond_64_bits_is_a_form_error(cast, login):
    url = change_url(cast.trajectory)
    response = login(cast.admin).post(
        url,
        {
            "worker": cast.worker.pk,
            "organisation": cast.organisation.pk,
            "coaches": [str(2**64)],
            "reflection_level": cast.trajectory.reflection_level,
            "intensity": cast.trajectory.intensity,
            "variant": cast.trajectory.variant,
            "phase": cast.trajectory.phase,
            "started_on": f"{timezone.localdate():%Y-%m-%d}",
            "contact_moments-TOTAL_FORMS": "0",
            "contact_moments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "geen geldige waarde" in response.content.decode()


def test_an_admin_date_time_far_in_the_past_or_future_is_a_form_error(cast, login):
    grant = cast.trajectory.grants.get(grantee=cast.supervisor)
    url = change_url(grant)
    response = login(cast.admin).post(
        url,
        {
            "trajectory": grant.trajectory_id,
            "grantee": grant.grantee_id,
            "granted_by": grant.granted_by_id,
            "created_at_0": "0001-01-01",
            "created_at_1": "00:00:00",
            "revoked_at_0": "9999-12-31",
            "revoked_at_1": "23:59:59",
        },
    )
    assert response.status_code == 200
    assert response.content.decode().count("Kies een datum tussen 1-1-2000 en 31-12-2100.") == 2
    grant.refresh_from_db()
    assert grant.revoked_at is None
