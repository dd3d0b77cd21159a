import pytest
from django.core.management import CommandError, call_command

from plans.models import Action, Trajectory
from popsite.accounts.models import Organisation, User


def test_seed_load_builds_deterministic_bulk_data_with_dutch_names(db):
    call_command("seed_load", scale=0.01, seed=7)
    assert Organisation.objects.filter(slug__startswith="load-").count() == 1
    assert Trajectory.objects.count() == 2 * User.objects.filter(memberships__role="worker").count()
    assert Action.objects.count() >= 4 * Trajectory.objects.count()
    names = list(User.objects.order_by("pk").values_list("last_name", flat=True))
    assert any(" " in name or "'" in name for name in names)
    Action.objects.all().delete()
    Trajectory.objects.all().delete()
    User.objects.all().delete()
    Organisation.objects.all().delete()
    call_command("seed_load", scale=0.01, seed=7)
    assert list(User.objects.order_by("pk").values_list("last_name", flat=True)) == names


def test_seed_load_refuses_to_load_twice(db):
    call_command("seed_load", scale=0.01)
    with pytest.raises(CommandError, match="al load-gegevens"):
        call_command("seed_load", scale=0.01)
