"""plans.models.LatestPop, kept by the database's triggers (migration plans 0015): the
ambassador's action counts come from it, so whatever writes versions or trajectories
must leave each trajectory's latest version there."""

import importlib

from django.db import connection
from django.urls import reverse

from plans.models import Action, LatestPop, PopVersion, Trajectory
from tests.factories import ActionFactory, PopVersionFactory, TrajectoryFactory


def stored() -> dict[int, tuple[int, int]]:
    return {row.trajectory_id: (row.organisation_id, row.pop_id) for row in LatestPop.objects.all()}


def as_the_versions_say() -> dict[int, tuple[int, int]]:
    latest = {}
    for trajectory in Trajectory.objects.all():
        version = trajectory.pop_versions.order_by("-number").first()
        if version is not None:
            latest[trajectory.pk] = (trajectory.organisation_id, version.pk)
    return latest


def action_cards(client) -> list[str]:
    """The ambassador's cards for actions done and open."""
    content = client.get(reverse("plans:ambassador-home")).content.decode()
    return [c.split("</div>")[0] for c in content.split('class="display-6">')[1:]][2:]


def test_a_new_version_takes_the_counts_and_removing_it_gives_them_back(cast, login):
    client = login(cast.ambassador)
    ActionFactory.create_batch(2, pop=cast.pop, progress=5)
    ActionFactory(pop=cast.pop, progress=1)
    assert action_cards(client) == ["2", "1"]
    newer = PopVersionFactory(trajectory=cast.trajectory, number=2, previous=cast.pop)
    ActionFactory.create_batch(4, pop=newer, progress=2)
    assert action_cards(client) == ["0", "4"]
    assert stored() == as_the_versions_say()
    PopVersion.objects.filter(pk=newer.pk).delete()  # a queryset delete sends no signal
    assert action_cards(client) == ["2", "1"]
    assert stored() == as_the_versions_say()


def test_renumbering_moving_and_deleting_keep_the_stored_latest_true(cast, login):
    trajectory = TrajectoryFactory(organisation=cast.organisation)
    first = PopVersionFactory(trajectory=trajectory, number=1)
    second = PopVersionFactory(trajectory=trajectory, number=2)
    assert stored()[trajectory.pk] == (cast.organisation.pk, second.pk)
    PopVersion.objects.filter(pk=first.pk).update(number=3)
    assert stored()[trajectory.pk] == (cast.organisation.pk, first.pk)
    Trajectory.objects.filter(pk=trajectory.pk).update(organisation=cast.other_organisation)
    assert stored()[trajectory.pk] == (cast.other_organisation.pk, first.pk)
    ActionFactory(pop=first, progress=5)
    assert action_cards(login(cast.ambassador)) == ["0", "0"]
    trajectory.delete()  # the versions with it, through Django's cascade
    assert trajectory.pk not in stored()
    cast.other_trajectory.pop_versions.all().delete()
    assert cast.other_trajectory.pk not in stored()
    assert stored() == as_the_versions_say()


def test_bulk_created_versions_are_stored_too(cast, login):
    trajectories = TrajectoryFactory.create_batch(3, organisation=cast.organisation)
    versions = PopVersion.objects.bulk_create(
        PopVersion(trajectory=t, number=n) for t in trajectories for n in (1, 2)
    )
    Action.objects.bulk_create(
        Action(pop=v, description="Op tijd komen", progress=5 if v.number == 2 else 1)
        for v in versions
    )
    assert stored() == as_the_versions_say()
    assert action_cards(login(cast.ambassador)) == ["3", "0"]


def test_the_migration_fills_it_from_the_versions_there_are(cast):
    PopVersionFactory(trajectory=cast.trajectory, number=2, previous=cast.pop)
    LatestPop.objects.all().delete()
    migration = importlib.import_module("plans.migrations.0015_latest_pop")
    with connection.cursor() as cursor:
        cursor.execute(migration._FILL)
    assert stored() == as_the_versions_say() and len(stored()) == 2
