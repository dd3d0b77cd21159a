"""The data step of the ratings-per-rater migration, run on today's models."""

from __future__ import annotations

import importlib

from django.apps import apps

from popsite.accounts.models import Role
from tests.factories import TrajectoryFactory, member
from tests.methods.factories import worksheet

split = importlib.import_module("methods.migrations.0004_ratings_per_rater").split_shared_column


def test_a_shared_score_goes_to_the_column_of_whoever_signed_it(cast):
    floor = member(cast.organisation, Role.FLOOR_SUPERVISOR)
    unassigned = TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach])
    by_floor = worksheet(unassigned, "competentiemeting")
    by_coach = worksheet(cast.trajectory, "competentiemeting")
    # As the old code left them: one shared column ("other", now "coach") and its signer.
    by_floor.ratings.update(coach=4, coach_by=floor, self_now=2)
    by_coach.ratings.update(coach=3, coach_by=cast.coach)
    split(apps, None)
    rating = by_floor.ratings.first()
    assert (rating.floor, rating.floor_by, rating.coach, rating.coach_by) == (4, floor, None, None)
    assert rating.floor_at is not None and rating.self_at is not None
    unassigned.refresh_from_db()
    assert unassigned.floor_supervisor == floor  # keeps rating the worker it rated before
    rating = by_coach.ratings.first()
    assert (rating.coach, rating.coach_by, rating.floor) == (3, cast.coach, None)
    assert rating.coach_at is not None
