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
    ContactMomentFactory,
    OrganisationFactory,
    PopVersionFactory,
    TrajectoryFactory,
    member,
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
        "organisation": organisation.name,
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
    # The latest version by number, not by creation (the index read is by number), and
    # one without actions, whose earlier version's actions do not count.
    late = TrajectoryFactory(organisation=cast.organisation, phase=Phase.UITVOEREN)
    third = PopVersionFactory(trajectory=late, number=3)
    ActionFactory.create_batch(2, pop=PopVersionFactory(trajectory=late, number=1), progress=5)
    ActionFactory(pop=third, progress=5)
    ActionFactory(pop=third, progress=4)
    emptied = TrajectoryFactory(organisation=cast.organisation, variant=Variant.V1)
    ActionFactory.create_batch(3, pop=PopVersionFactory(trajectory=emptied, number=1))
    PopVersionFactory(trajectory=emptied, number=2)
    ActionFactory.create_batch(4, pop=cast.other_trajectory.pop_versions.get(), progress=5)
    empty = OrganisationFactory(name="Aaa zonder trajecten")
    for organisation in (cast.organisation, cast.other_organisation, empty):
        assert selectors.organisation_overviews([organisation.pk]) == [
            overview_as_read_by_the_orm(organisation)
        ]
    everything = [cast.organisation, cast.other_organisation, empty]
    assert selectors.organisation_overviews([o.pk for o in everything]) == [
        overview_as_read_by_the_orm(o) for o in sorted(everything, key=lambda o: o.name)
    ]
    assert selectors.organisation_overviews([empty.pk])[0]["total"] == 0


def test_the_overview_is_one_query_for_any_number_of_organisations(cast, login):
    client = login(cast.ambassador)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("plans:ambassador-home")).status_code == 200
        return len(queries)

    one = count()
    cast.ambassador.memberships.create(organisation=cast.other_organisation, role=Role.AMBASSADOR)
    assert count() == one
    for _ in range(5):
        trajectory = TrajectoryFactory(organisation=cast.organisation)
        ActionFactory.create_batch(3, pop=PopVersionFactory(trajectory=trajectory, number=1))
    assert count() == one


def rows_as_read_by_the_orm(organisation_ids, coach=None) -> list[dict]:
    """The trainer's rows read with the ORM, one trajectory at a time."""
    today = timezone.localdate()
    trajectories = Trajectory.objects.filter(organisation__in=organisation_ids).active()
    if coach is not None:
        trajectories = trajectories.filter(
            coaches=coach, organisation__in=coach.organisation_ids(Role.COACH)
        )
    rows = []
    for trajectory in trajectories.select_related("worker"):
        latest = trajectory.latest_pop()
        last = trajectory.contact_moments.filter(date__lte=today).order_by("-date").first()
        rows.append(
            {
                "url": reverse("plans:trajectory", args=[trajectory.pk]),
                "worker": str(trajectory.worker),
                "coaches": ", ".join(str(c) for c in trajectory.coaches.order_by("last_name")),
                "variant": trajectory.get_variant_display(),
                "phase": trajectory.get_phase_display(),
                "last_contact": last.date.strftime("%d/%m/%Y") if last else "–",
                "overdue_actions": latest.actions.filter(deadline__lt=today, progress__lt=5).count()
                if latest
                else 0,
            }
        )
    return rows


def test_the_trainers_rows_are_what_the_orm_reading_shows(cast):
    today = timezone.localdate()
    second = member(cast.organisation, Role.COACH, first_name="Anna", last_name="Aerts")
    nameless = member(cast.organisation, Role.WORKER, first_name="", last_name="")
    for n, worker in enumerate(
        [nameless, *(member(cast.organisation, Role.WORKER) for _ in range(6))]
    ):
        trajectory = TrajectoryFactory(
            organisation=cast.organisation,
            worker=worker,
            coaches=[cast.coach, second][: 1 + n % 2],
            phase=[Phase.OPSTART, Phase.UITVOEREN, Phase.AFGEROND][n % 3],
        )
        first = PopVersionFactory(trajectory=trajectory, number=1)
        ActionFactory(pop=first, deadline=today - datetime.timedelta(days=2))
        if n % 2:
            later = PopVersionFactory(trajectory=trajectory, number=2, previous=first)
            ActionFactory.create_batch(n, pop=later, deadline=today - datetime.timedelta(days=1))
            ActionFactory(pop=later, deadline=today - datetime.timedelta(days=1), progress=5)
            ActionFactory(pop=later, deadline=today)
        for days in range(-n, 3, 2):
            ContactMomentFactory(trajectory=trajectory, date=today + datetime.timedelta(days=days))
    # A coach's trajectory in an organisation where they are no coach: not theirs to list.
    TrajectoryFactory(organisation=cast.other_organisation, coaches=[second])
    both = [cast.organisation.pk, cast.other_organisation.pk]
    for organisation_ids, coach in [
        ([cast.organisation.pk], None),
        (both, None),
        (both, second),
        ([cast.organisation.pk], cast.coach),
        ([cast.other_organisation.pk], cast.coach),
    ]:
        page = selectors.trainer_page(organisation_ids, coach and coach.pk, None)
        assert list(page) == rows_as_read_by_the_orm(organisation_ids, coach)
        assert page.paginator.count == len(page)


def test_the_trainers_pages_are_those_of_a_paginator(cast):
    from tests.plans.test_queries import add_coached_workers

    add_coached_workers(cast, 120)  # 121 active trajectories: three pages
    ids = [cast.organisation.pk]
    everything = [row for n in (1, 2, 3) for row in selectors.trainer_page(ids, None, str(n))]
    assert everything == rows_as_read_by_the_orm(ids)
    for asked, shown in [(None, 1), ("x", 1), ("2", 2), ("3", 3), ("9", 3), ("0", 3), ("-1", 3)]:
        page = selectors.trainer_page(ids, None, asked)
        assert page.number == shown
        assert list(page) == everything[(shown - 1) * 50 : shown * 50]
    nobody = member(cast.organisation, Role.COACH)
    page = selectors.trainer_page(ids, nobody.pk, "3")
    assert (page.number, list(page), page.paginator.num_pages) == (1, [], 1)
