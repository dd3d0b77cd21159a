"""One running trajectory per worker per organisation; closed ones stay findable
in the coach's archive (issue 11 §2)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans import services
from plans.models import Phase, Trajectory
from popsite.accounts.models import Role
from tests.factories import TrajectoryFactory, member
from tests.plans.test_queries import grows


def create(client, membership):
    return client.post(
        reverse("plans:trajectory-create"),
        {"worker": membership.pk, "reflection_level": "low", "intensity": "low", "variant": ""},
    )


def close(trajectory):
    Trajectory.objects.filter(pk=trajectory.pk).update(phase=Phase.AFGEROND)


def test_a_second_running_trajectory_is_refused_with_a_link_to_the_first(cast, login):
    response = create(login(cast.coach), cast.worker.memberships.get())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sofie Van der Berghe heeft al een lopend POP-traject bij Groene Keuken." in page
    link = reverse("plans:trajectory", args=[cast.trajectory.pk])
    assert f'href="{link}" id="existing-trajectory">Open het lopende traject.</a>' in page
    assert Trajectory.objects.filter(worker=cast.worker).count() == 1


def test_after_closing_a_new_trajectory_may_start(cast, login):
    close(cast.trajectory)
    response = create(login(cast.coach), cast.worker.memberships.get())
    assert response.status_code == 302
    assert Trajectory.objects.filter(worker=cast.worker).active().count() == 1
    assert Trajectory.objects.filter(worker=cast.worker).count() == 2


def test_the_database_refuses_a_second_running_trajectory(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        TrajectoryFactory(organisation=cast.organisation, worker=cast.worker)


def test_the_service_refuses_too(cast):
    with pytest.raises(services.ActiveTrajectoryExistsError) as error:
        services.trajectory_create(
            membership=cast.worker.memberships.get(),
            coach=cast.coach,
            reflection_level="low",
            intensity="low",
        )
    assert error.value.existing == cast.trajectory


def test_the_same_worker_may_run_a_trajectory_in_another_organisation(cast, login):
    from popsite.accounts.models import Membership

    Membership.objects.create(user=cast.worker, organisation=cast.other_organisation, role="worker")
    trajectory = services.trajectory_create(
        membership=cast.worker.memberships.get(organisation=cast.other_organisation),
        coach=cast.other_coach,
        reflection_level="low",
        intensity="low",
    )
    assert trajectory.organisation == cast.other_organisation


def test_the_archive_lists_closed_trajectories_and_finds_them_by_name(cast, login):
    close(cast.trajectory)
    other = member(cast.organisation, Role.WORKER, first_name="Mehmet", last_name="Yilmaz")
    closed = TrajectoryFactory(organisation=cast.organisation, worker=other, coaches=[cast.coach])
    close(closed)
    running = member(cast.organisation, Role.WORKER, first_name="Rudi", last_name="Loopt")
    TrajectoryFactory(organisation=cast.organisation, worker=running, coaches=[cast.coach])
    client = login(cast.coach)
    url = reverse("plans:coach-archive")
    page = client.get(url).content.decode()
    assert "Sofie Van der Berghe" in page and "Mehmet Yilmaz" in page
    assert "Rudi Loopt" not in page
    page = client.get(url, {"q": "yilm"}).content.decode()
    assert "Mehmet Yilmaz" in page and "Sofie Van der Berghe" not in page
    page = client.get(url, {"q": "Sofie Berghe"}).content.decode()
    assert "Sofie Van der Berghe" in page and "Mehmet Yilmaz" not in page
    page = client.get(url, {"q": "niemand"}).content.decode()
    assert "Geen afgerond traject gevonden voor “niemand”" in page
    assert client.get(url, {"q": "x" * 5000}).status_code == 200
    assert url in client.get(reverse("plans:coach-home")).content.decode()


def test_the_archive_shows_only_the_coachs_own_closed_trajectories(cast, login):
    close(cast.trajectory)
    close(cast.other_trajectory)
    page = login(cast.other_coach).get(reverse("plans:coach-archive")).content.decode()
    assert "Sofie Van der Berghe" not in page
    assert str(cast.other_trajectory.worker) in page
    for user in (cast.worker, cast.trainer, cast.supervisor):
        assert login(user).get(reverse("plans:coach-archive")).status_code == 404


def test_the_archive_costs_the_same_whatever_its_size(cast, login):
    def add_closed(n):
        for _ in range(n):
            worker = member(cast.organisation, Role.WORKER)
            t = TrajectoryFactory(
                organisation=cast.organisation, worker=worker, coaches=[cast.coach]
            )
            close(t)

    small, large = grows(login(cast.coach), reverse("plans:coach-archive"), add_closed)
    assert small == large
