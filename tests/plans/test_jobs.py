from plans.jobs import erase_after_retention
from plans.models import Trajectory
from popsite.accounts.models import AuditEvent, User
from tests.accounts.test_erasure import finished_long_ago


def test_workers_past_their_retention_are_erased_by_the_daily_job(cast, settings):
    finished_long_ago(cast, settings, days_ago=2000)

    assert erase_after_retention() == "1 werknemer(s) gewist na de bewaartermijn"

    assert not Trajectory.objects.filter(worker=cast.worker).exists()
    assert User.objects.get(pk=cast.worker.pk).last_name == "persoon"
    assert AuditEvent.objects.filter(verb="delete", user=None, object_id=cast.worker.pk).exists()
    # Running trajectories (the other worker's) and recent ones are kept.
    assert Trajectory.objects.filter(pk=cast.other_trajectory.pk).exists()


def test_a_worker_within_the_retention_period_is_kept(cast, settings):
    finished_long_ago(cast, settings, days_ago=10)
    assert erase_after_retention() == "0 werknemer(s) gewist na de bewaartermijn"
    assert Trajectory.objects.filter(worker=cast.worker).exists()


def test_automatic_erasure_can_be_left_to_an_admin(cast, settings):
    finished_long_ago(cast, settings, days_ago=2000)
    settings.ERASE_AFTER_RETENTION = False
    assert erase_after_retention().startswith("uitgeschakeld")
    assert Trajectory.objects.filter(worker=cast.worker).exists()
