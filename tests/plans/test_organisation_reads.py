"""The ambassador's overview and the trainer's home read what they show in a fixed,
small number of queries (issue 14), and show what the plain ORM reading shows."""

import datetime
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans import selectors
from plans.models import Phase, PopVersion, Trajectory
from plans.variants import Variant
from popsite.accounts.models import Role
from tests.factories import (
    ActionFactory,
    OrganisationFactory,
    PopVersionFactory,
    TrajectoryFactory,
)


def month_start() -> datetime.datetime:
    zone = timezone.get_current_timezone()
    month = timezone.localdate().replace(day=1)
    return datetime.datetime.combine(month, datetime.time.min, tzinfo=zone)


def overview_as_read_by_the_orm(organisation) -> dict:
    """The counts read one trajectory at a time, the way the page describes them."""
    trajectories = list(Trajectory.objects.filter(organisation=organisation))
    start = month_start()
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    done = actions = 0
    for trajectory in trajectories:
        latest = trajectory.latest_pop()
        if latest is not None:
            progress = [a.progress for a in latest.actions.all()]
            actions += len(progress)
            done += progress.count(5)
    phases = Counter(t.phase for t in trajectories)
    variants = Counter(t.variant for t in trajectories)
    return {
        "organisation": organisation,
        "total": len(trajectories),
        "per_phase": [(p.label, phases[p.value]) for p in Phase],
        "per_variant": [(v.label, variants[v.value]) for v in Variant],
        "agreed_this_month": PopVersion.objects.filter(
            trajectory__organisation=organisation, agreed_at__gte=start, agreed_at__lt=end
        ).count(),
        "actions_done": done,
        "actions_open": actions - done,
    }


def test_the_overview_counts_what_the_orm_reading_counts(cast):
    start = month_start()
    coach = cast.coach
    for n, (phase, variant) in enumerate(
        [
            (Phase.OPSTART, Variant.BASIS),
            (Phase.UITVOEREN, Variant.V1),
            (Phase.UITVOEREN, Variant.V1),
            (Phase.AFGEROND, Variant.V3),
        ]
    ):
        trajectory = TrajectoryFactory(
            organisation=cast.organisation, coaches=[coach], phase=phase, variant=variant
        )
        first = PopVersionFactory(trajectory=trajectory, number=1)
        first.agreed_at = start - datetime.timedelta(days=3)
        first.save()
        ActionFactory.create_batch(2, pop=first, progress=5)
        if n % 2:
            later = PopVersionFactory(trajectory=trajectory, number=2, previous=first)
            later.agreed_at = start + datetime.timedelta(days=1)
            later.save()
            ActionFactory.create_batch(n, pop=later, progress=5)
            ActionFactory.create_batch(3, pop=later, progress=1)
    TrajectoryFactory(organisation=cast.organisation)  # no version yet
    ActionFactory.create_batch(4, pop=cast.other_trajectory.pop_versions.get(), progress=5)
    empty = OrganisationFactory()
    for organisation in (cast.organisation, cast.other_organisation, empty):
        assert selectors.organisation_overview(organisation) == overview_as_read_by_the_orm(
            organisation
        )
    assert selectors.organisation_overview(empty)["total"] == 0


def test_the_overview_is_one_query_per_organisation(cast, login):
    client = login(cast.ambassador)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("plans:ambassador-home")).status_code == 200
        return len(queries)

    one = count()
    cast.ambassador.memberships.create(organisation=cast.other_organisation, role=Role.AMBASSADOR)
    assert count() == one + 1
    for _ in range(5):
        trajectory = TrajectoryFactory(organisation=cast.organisation)
        ActionFactory.create_batch(3, pop=PopVersionFactory(trajectory=trajectory, number=1))
    assert count() == one + 1
