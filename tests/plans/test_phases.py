"""The cycle keeps moving over two POPs (issue 11 §2, draaiboek §2.1)."""

from django.urls import reverse

from plans import services
from plans.models import Phase, PhaseChange, Trajectory
from tests.factories import agreeable_pop, confirm, evaluate_as_done


def steps(trajectory):
    return [
        (c.from_phase, c.to_phase, c.changed_by_id)
        for c in PhaseChange.objects.filter(trajectory=trajectory).order_by("changed_at", "pk")
    ]


def agree(pop, cast):
    confirm(pop, cast.worker)
    confirm(pop, cast.coach)


def test_agreeing_a_first_pop_from_analyse_records_the_skipped_planning_phase(cast):
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(phase=Phase.ANALYSE)
    agree(agreeable_pop(cast.pop), cast)
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.UITVOEREN
    assert steps(cast.trajectory) == [
        (Phase.ANALYSE, Phase.PLANNING, cast.coach.pk),
        (Phase.PLANNING, Phase.UITVOEREN, cast.coach.pk),
    ]
    first, second = PhaseChange.objects.filter(trajectory=cast.trajectory).order_by("pk")
    assert first.changed_at == second.changed_at  # one moment: the agreement


def test_evalueren_may_go_on_to_a_new_plan(cast, login):
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(phase=Phase.EVALUEREN)
    response = login(cast.coach).post(
        reverse("plans:trajectory-phase", args=[cast.trajectory.pk]), {"phase": "planning"}
    )
    assert response.status_code == 302
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.PLANNING
    assert steps(cast.trajectory) == [(Phase.EVALUEREN, Phase.PLANNING, cast.coach.pk)]


def test_the_trajectory_page_offers_planning_after_the_evaluation(cast, login):
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(phase=Phase.EVALUEREN)
    page = login(cast.coach).get(reverse("plans:trajectory", args=[cast.trajectory.pk]))
    assert "Naar fase Planning" in page.content.decode()


def test_an_outsider_cannot_move_the_phase(cast, login):
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(phase=Phase.EVALUEREN)
    url = reverse("plans:trajectory-phase", args=[cast.trajectory.pk])
    for user in (cast.other_coach, cast.worker, cast.trainer):
        assert login(user).post(url, {"phase": "planning"}).status_code == 404
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.EVALUEREN


def test_agreeing_a_follow_up_moves_the_trajectory_to_uitvoeren(cast):
    agree(agreeable_pop(cast.pop), cast)
    follow_up = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.EVALUEREN
    evaluate_as_done(follow_up)
    agreeable_pop(follow_up)
    confirm(follow_up, cast.coach)  # the coach's confirmation also makes it ready
    confirm(follow_up, cast.worker)
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.UITVOEREN
    assert steps(cast.trajectory)[-2:] == [
        (Phase.EVALUEREN, Phase.PLANNING, cast.worker.pk),
        (Phase.PLANNING, Phase.UITVOEREN, cast.worker.pk),
    ]


def test_a_follow_up_started_in_planning_stays_in_planning(cast):
    agree(agreeable_pop(cast.pop), cast)
    services.trajectory_change_phase(
        trajectory=cast.trajectory, to_phase="evalueren", by=cast.coach
    )
    services.trajectory_change_phase(trajectory=cast.trajectory, to_phase="planning", by=cast.coach)
    services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.PLANNING
