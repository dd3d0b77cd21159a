"""The admin overview's stored counts (popsite/accounts/tally.py): database triggers keep
them true whatever writes the rows, on SQLite and PostgreSQL. Each test reads what the
admin sees on /beheer/, for both organisations of the cast: the one written to and the
other, which must not move."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.db import connection
from django.urls import reverse

from plans.models import Trajectory
from popsite.accounts import tally
from popsite.accounts.models import Membership, Organisation, OrganisationTally, Role
from tests.factories import OrganisationFactory, TrajectoryFactory, UserFactory, member

ROW = re.compile(
    r'<tr><td class="fw-semibold">([^<]*)</td><td data-label="Werknemers">(\d+)</td>'
    r'<td data-label="POP-trajecten">(\d+)</td></tr>'
)
OWN, OTHER = "Groene Keuken", "Andere Werkplaats"


@pytest.fixture
def overview(cast, login):
    """Organisation name -> (workers, trajectories), as the admin home shows them."""
    client = login(cast.admin)

    def shown() -> dict[str, tuple[int, int]]:
        response = client.get(reverse("accounts:admin-home"))
        assert response.status_code == 200
        return {name: (int(w), int(t)) for name, w, t in ROW.findall(response.content.decode())}

    return shown


def test_it_shows_the_cast_counts_and_never_a_coach_as_worker(cast, overview):
    # Each organisation: one worker with one trajectory; coaches, trainers and the rest
    # are members that are not counted.
    assert overview() == {OWN: (1, 1), OTHER: (1, 1)}


def test_it_counts_workers_and_trajectories_made_by_the_factories(cast, overview):
    for _ in range(3):
        TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach])
    member(cast.organisation, Role.WORKER)
    member(cast.organisation, Role.COACH)
    assert overview() == {OWN: (5, 4), OTHER: (1, 1)}


def test_it_counts_rows_made_by_bulk_create(cast, overview):
    people = UserFactory.create_batch(4)
    Membership.objects.bulk_create(
        [Membership(user=p, organisation=cast.organisation, role=Role.WORKER) for p in people]
        + [Membership(user=people[0], organisation=cast.organisation, role=Role.TRAINER)]
    )
    Trajectory.objects.bulk_create(
        [Trajectory(worker=p, organisation=cast.organisation) for p in people[:3]]
    )
    assert overview() == {OWN: (5, 4), OTHER: (1, 1)}


def test_it_counts_down_on_a_single_delete_and_a_queryset_delete(cast, overview):
    extra = [TrajectoryFactory(organisation=cast.organisation) for _ in range(3)]
    assert overview() == {OWN: (4, 4), OTHER: (1, 1)}
    extra[0].delete()
    assert overview() == {OWN: (4, 3), OTHER: (1, 1)}
    Trajectory.objects.filter(pk__in=[t.pk for t in extra[1:]]).delete()
    assert overview() == {OWN: (4, 1), OTHER: (1, 1)}
    Membership.objects.get(user=extra[0].worker, role=Role.WORKER).delete()
    assert overview() == {OWN: (3, 1), OTHER: (1, 1)}
    Membership.objects.filter(user__in=[t.worker for t in extra[1:]]).delete()
    assert overview() == {OWN: (1, 1), OTHER: (1, 1)}


def test_it_follows_a_role_from_worker_to_coach_and_back(cast, overview):
    membership = Membership.objects.get(user=cast.worker, role=Role.WORKER)
    membership.role = Role.COACH
    membership.save()
    assert overview() == {OWN: (0, 1), OTHER: (1, 1)}
    membership.role = Role.WORKER
    membership.save(update_fields=["role"])
    assert overview() == {OWN: (1, 1), OTHER: (1, 1)}
    # A save that changes nothing counts nothing.
    membership.save()
    assert overview() == {OWN: (1, 1), OTHER: (1, 1)}
    Membership.objects.filter(pk=membership.pk).update(role=Role.TRAINER)
    assert overview() == {OWN: (0, 1), OTHER: (1, 1)}


def test_it_follows_a_membership_and_a_trajectory_to_another_organisation(cast, overview):
    Membership.objects.filter(user=cast.worker, role=Role.WORKER).update(
        organisation=cast.other_organisation
    )
    assert overview() == {OWN: (0, 1), OTHER: (2, 1)}
    cast.trajectory.organisation = cast.other_organisation
    cast.trajectory.save(update_fields=["organisation"])
    assert overview() == {OWN: (0, 0), OTHER: (2, 2)}
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(organisation=cast.organisation)
    assert overview() == {OWN: (0, 1), OTHER: (2, 1)}


def test_it_counts_writes_in_raw_sql(cast, overview):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_membership SET role = %s WHERE user_id = %s AND role = %s",
            [Role.COACH, cast.other_worker.pk, Role.WORKER],
        )
        cursor.execute(
            "UPDATE plans_trajectory SET organisation_id = %s WHERE id = %s",
            [cast.organisation.pk, cast.other_trajectory.pk],
        )
        cursor.execute("DELETE FROM accounts_membership WHERE user_id = %s", [cast.worker.pk])
    assert overview() == {OWN: (0, 2), OTHER: (0, 0)}


def test_an_organisation_without_rows_shows_zero(cast, overview):
    OrganisationFactory(name="Lege Werkplaats")
    assert overview()["Lege Werkplaats"] == (0, 0)
    assert not OrganisationTally.objects.filter(organisation__name="Lege Werkplaats").exists()


def test_an_organisation_deleted_in_the_django_admin_takes_its_counts_along(cast, overview, login):
    leaving = OrganisationFactory(name="Vertrekkende Werkplaats")
    for _ in range(2):
        member(leaving, Role.WORKER)
    member(leaving, Role.COACH)
    assert overview() == {OWN: (1, 1), OTHER: (1, 1), "Vertrekkende Werkplaats": (2, 0)}
    response = login(cast.admin).post(
        reverse("admin:accounts_organisation_delete", args=[leaving.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=leaving.pk).exists()
    assert not OrganisationTally.objects.filter(organisation_id=leaving.pk).exists()
    assert overview() == {OWN: (1, 1), OTHER: (1, 1)}


def test_an_organisation_deleted_after_its_trajectories_takes_its_counts_along(cast, overview):
    # Trajectories protect their organisation: they go first, then the cascade.
    Trajectory.objects.filter(organisation=cast.other_organisation).delete()
    cast.other_organisation.delete()
    assert overview() == {OWN: (1, 1)}
    assert OrganisationTally.objects.filter(organisation=cast.organisation).count() == 2


def test_the_migrations_fill_counts_the_rows_that_were_there_before(cast, overview):
    TrajectoryFactory(organisation=cast.organisation)
    before = overview()
    OrganisationTally.objects.all().delete()  # as before the migrations: no counts at all
    assert overview() == {OWN: (0, 0), OTHER: (0, 0)}
    OrganisationTally.objects.create(organisation=cast.other_organisation, name="workers", n=9)
    for migration, counted in [
        ("popsite.accounts.migrations.0008_organisation_tally", "WORKERS"),
        ("plans.migrations.0014_trajectory_tally", "TRAJECTORIES"),
    ]:
        tally.fill(connection, getattr(import_module(migration), counted))
    assert overview() == before == {OWN: (2, 2), OTHER: (1, 1)}
