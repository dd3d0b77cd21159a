import pytest
from django.core.exceptions import ValidationError

from plans import services
from plans.models import Action, Competence, Phase, PhaseChange, PopVersion
from plans.variants import propose_variant
from popsite.accounts.models import Role
from tests.factories import (
    ActionFactory,
    GoalFactory,
    SummaryItemFactory,
    agreeable_pop,
    confirm,
    member,
)


def agree_both(cast, pop=None):
    pop = pop or cast.pop
    confirm(pop, cast.worker)
    return confirm(pop, cast.coach)


@pytest.mark.parametrize(
    ("reflection", "intensity", "variant"),
    [
        ("medium", "medium", "basis"),
        ("low", "low", "v1"),
        ("high", "low", "v2"),
        ("high", "high", "v3"),
        ("low", "high", "v4"),
        ("medium", "high", "basis"),
        ("low", "medium", "basis"),
    ],
)
def test_variant_is_proposed_from_reflection_and_intensity(reflection, intensity, variant):
    assert propose_variant(reflection, intensity) == variant


def test_trajectory_create_proposes_variant_records_phase_and_opens_a_pop(cast):
    membership = member(cast.organisation, Role.WORKER).memberships.get()
    trajectory = services.trajectory_create(
        membership=membership, coach=cast.coach, reflection_level="high", intensity="low"
    )
    assert trajectory.variant == "v2"
    assert list(trajectory.coaches.all()) == [cast.coach]
    assert trajectory.phase_changes.get().to_phase == Phase.OPSTART
    assert trajectory.pop_versions.get().number == 1


def test_coach_may_override_the_proposed_variant(cast):
    membership = member(cast.organisation, Role.WORKER).memberships.get()
    trajectory = services.trajectory_create(
        membership=membership,
        coach=cast.coach,
        reflection_level="high",
        intensity="low",
        variant="v3",
    )
    assert trajectory.variant == "v3"


def test_phases_move_one_step_at_a_time_and_are_recorded(cast):
    services.trajectory_change_phase(
        trajectory=cast.trajectory, to_phase=Phase.ANALYSE, by=cast.coach
    )
    with pytest.raises(ValidationError, match="kan het traject niet naar"):
        services.trajectory_change_phase(
            trajectory=cast.trajectory, to_phase=Phase.EVALUEREN, by=cast.coach
        )
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.ANALYSE
    change = PhaseChange.objects.get(trajectory=cast.trajectory)
    assert (change.from_phase, change.to_phase, change.changed_by) == (
        "opstart",
        "analyse",
        cast.coach,
    )


def test_pop_without_generic_and_technical_action_cannot_be_agreed(cast):
    ActionFactory(pop=cast.pop, competence=Competence.GENERIC)
    with pytest.raises(ValidationError) as error:
        confirm(cast.pop, cast.coach)
    assert error.value.messages == ["Er is nog geen actie rond een technische competentie."]
    cast.pop.refresh_from_db()
    assert cast.pop.coach_agreed_at is None


def test_pop_is_agreed_when_worker_and_coach_both_confirm(cast):
    agreeable_pop(cast.pop)
    pop = confirm(cast.pop, cast.worker)
    assert pop.worker_agreed_at and not pop.is_agreed
    pop = confirm(cast.pop, cast.coach)
    assert pop.is_agreed and pop.coach_agreed_by == cast.coach
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.UITVOEREN


def test_the_same_party_cannot_confirm_twice(cast):
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    with pytest.raises(ValidationError, match="al bevestigd"):
        confirm(cast.pop, cast.worker)


def test_an_agreed_version_cannot_be_agreed_again(cast):
    agreeable_pop(cast.pop)
    agree_both(cast)
    with pytest.raises(ValidationError, match="al afgesproken"):
        confirm(cast.pop, cast.coach)


def test_a_change_after_a_confirmation_asks_for_it_again(cast):
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    services.pop_mark_changed(cast.pop)
    cast.pop.refresh_from_db()
    assert cast.pop.worker_agreed_at is None


def test_revise_copies_an_agreed_version_into_a_new_draft_and_keeps_the_old(cast):
    goal = GoalFactory(pop=cast.pop)
    ActionFactory(pop=cast.pop, goal=goal, competence=Competence.GENERIC)
    ActionFactory(pop=cast.pop, competence=Competence.TECHNICAL)
    SummaryItemFactory(pop=cast.pop)
    agreed = agree_both(cast)
    new = services.pop_revise(pop=agreed)
    assert (new.number, new.previous, new.is_agreed) == (2, cast.pop, False)
    assert new.actions.count() == 2 and new.summary_items.count() == 1
    assert new.actions.get(goal__isnull=False).goal.pop == new
    assert cast.pop.actions.count() == 2
    with pytest.raises(ValidationError, match="afgesproken en kan niet meer veranderen"):
        services.ensure_editable(agreed)


def test_a_draft_cannot_be_revised_or_followed_up(cast):
    with pytest.raises(ValidationError):
        services.pop_revise(pop=cast.pop)
    with pytest.raises(ValidationError):
        services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    assert PopVersion.objects.filter(trajectory=cast.trajectory).count() == 1


def test_follow_up_opens_with_evaluating_every_previous_action(cast):
    agreeable_pop(cast.pop)
    cast.pop.actions.update(progress=4)
    agree_both(cast)
    follow_up = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    assert follow_up.is_follow_up and follow_up.previous == cast.pop
    assert [e.score for e in follow_up.evaluations.all()] == [4, 4]
    cast.trajectory.refresh_from_db()
    assert cast.trajectory.phase == Phase.EVALUEREN


def test_carried_over_action_needs_new_deadline_and_result_before_agreement(cast):
    agreeable_pop(cast.pop)
    agree_both(cast)
    follow_up = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    evaluations = list(follow_up.evaluations.select_related("action"))
    evaluations[0].carry_over = True
    evaluations[0].remark = "Nog niet klaar"
    services.pop_save_evaluations(pop=follow_up, evaluations=evaluations)
    carried = follow_up.actions.get()
    assert carried.carried_from == evaluations[0].action
    assert carried.deadline is None and carried.expected_result == ""
    assert any("deadline" in m for m in follow_up.missing_for_agreement())

    evaluations[0].carry_over = False
    services.pop_save_evaluations(pop=follow_up, evaluations=evaluations)
    assert not Action.objects.filter(pop=follow_up).exists()


def test_an_unknown_phase_is_refused_in_dutch(cast):
    with pytest.raises(ValidationError, match="Kies een fase uit de lijst."):
        services.trajectory_change_phase(trajectory=cast.trajectory, to_phase="", by=cast.coach)
