"""A page's query count does not grow with the data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from popsite.accounts.models import Role
from tests.factories import (
    ActionFactory,
    ContactMomentFactory,
    GoalFactory,
    PopVersionFactory,
    SummaryItemFactory,
    TrajectoryFactory,
    member,
)


def add_coached_workers(cast, n):
    for _ in range(n):
        worker = member(cast.organisation, Role.WORKER)
        trajectory = TrajectoryFactory(
            organisation=cast.organisation, worker=worker, coaches=[cast.coach]
        )
        pop = PopVersionFactory(trajectory=trajectory, number=1)
        ActionFactory(pop=pop)
        ContactMomentFactory(trajectory=trajectory)


def fill_pop(pop, n):
    for _ in range(n):
        goal = GoalFactory(pop=pop)
        ActionFactory(pop=pop, goal=goal)
        SummaryItemFactory(pop=pop)
        ContactMomentFactory(trajectory=pop.trajectory)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grows(client, url, add):
    add(5)
    small = count_queries(client, url)
    add(45)
    return small, count_queries(client, url)


def test_coach_home_queries_do_not_grow_with_workers(cast, login, django_assert_max_num_queries):
    client = login(cast.coach)
    small, large = grows(
        client, reverse("plans:coach-home"), lambda n: add_coached_workers(cast, n)
    )
    assert small == large
    # Session, user, roles; the workers with their last and next talks, and their
    # latest POPs' actions (counted, and the reminders' actions); reminders (their
    # trajectories, then their talks and grants).
    with django_assert_max_num_queries(7):
        client.get(reverse("plans:coach-home"))


def test_trainer_home_queries_do_not_grow_with_workers(cast, login, django_assert_num_queries):
    client = login(cast.trainer)
    small, large = grows(
        client, reverse("plans:trainer-home"), lambda n: add_coached_workers(cast, n)
    )
    assert small == large
    # Session, user, roles; the coaches with their counts; the count, the rows and
    # their coaches of one page of trajectories.
    with django_assert_num_queries(7):
        client.get(reverse("plans:trainer-home"))
    with django_assert_num_queries(7):
        client.get(reverse("plans:trainer-home"), {"coach": cast.coach.pk, "page": 2})


def test_ambassador_home_queries_do_not_grow_with_workers(cast, login, django_assert_num_queries):
    client = login(cast.ambassador)
    small, large = grows(
        client, reverse("plans:ambassador-home"), lambda n: add_coached_workers(cast, n)
    )
    assert small == large
    # Session, user, roles; reminders (own trajectories: none); the organisation's name
    # and counts per phase and variant, agreed this month and the latest versions'
    # actions in one query.
    with django_assert_num_queries(6):
        client.get(reverse("plans:ambassador-home"))


def test_admin_home_queries_do_not_grow_with_workers(cast, login):
    small, large = grows(
        login(cast.admin), reverse("accounts:admin-home"), lambda n: add_coached_workers(cast, n)
    )
    assert small == large


def test_pop_page_queries_do_not_grow_with_content(cast, login, django_assert_max_num_queries):
    client = login(cast.coach)
    url = reverse("plans:pop", args=[cast.pop.pk])
    small, large = grows(client, url, lambda n: fill_pop(cast.pop, n))
    assert small == large
    with django_assert_max_num_queries(20):
        client.get(url)


def test_worker_home_and_trajectory_page_queries_do_not_grow(cast, login):
    small, large = grows(
        login(cast.worker), reverse("plans:worker-home"), lambda n: fill_pop(cast.pop, n)
    )
    assert small == large
    url = reverse("plans:trajectory", args=[cast.trajectory.pk])
    small, large = grows(login(cast.coach), url, lambda n: fill_pop(cast.pop, n))
    assert small == large
