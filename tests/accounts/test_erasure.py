import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from plans import services
from plans.models import Phase, PopVersion, Trajectory
from popsite.accounts.erasure import worker_erase
from popsite.accounts.models import AuditEvent, User
from registration.models import Consent, ErasedCompletion
from tests.factories import ContactMomentFactory, agreeable_pop, confirm


def finished_long_ago(cast, settings, days_ago: int):
    """Agree the POP, close the trajectory, and move everything `days_ago` into the past."""
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)  # versions chain
    then = datetime.datetime(2019, 3, 15, 10, tzinfo=datetime.UTC)
    settings.RETENTION_DAYS = 365
    past = then.date() if days_ago > 365 else datetime.date.today()
    PopVersion.objects.filter(trajectory=cast.trajectory).update(
        agreed_at=then if days_ago > 365 else None
    )
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(phase=Phase.AFGEROND, started_on=past)
    cast.trajectory.phase_changes.update(changed_at=then)
    ContactMomentFactory(trajectory=cast.trajectory, date=past)


def test_erasing_a_worker_keeps_only_anonymous_counts_and_deletes_their_files(
    cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    finished_long_ago(cast, settings, days_ago=2000)
    consent = Consent.objects.create(trajectory=cast.trajectory)
    consent.scan.save("scan.pdf", ContentFile(b"%PDF-1.4"))
    stored = consent.scan.name

    cast.worker.login_name = "sofie.vanderberghe"  # as for a worker without e-mail
    cast.worker.save()
    with django_capture_on_commit_callbacks(execute=True):
        counted = worker_erase(worker=cast.worker, by=cast.admin)

    assert counted == 1
    assert not Trajectory.objects.filter(pk=cast.trajectory.pk).exists()
    worker = User.objects.get(pk=cast.worker.pk)
    assert (worker.first_name, worker.last_name, worker.is_active) == ("Gewiste", "persoon", False)
    assert "Van der Berghe" not in worker.email and not worker.has_usable_password()
    assert worker.login_name is None
    assert not default_storage.exists(stored)
    history = ErasedCompletion.objects.get(organisation=cast.organisation)
    assert (history.month, history.trajectories) == (datetime.date(2019, 3, 1), 1)
    assert AuditEvent.objects.filter(verb="delete", user=cast.admin).exists()


def test_erasing_within_the_retention_period_is_refused(cast, settings):
    finished_long_ago(cast, settings, days_ago=10)
    with pytest.raises(ValidationError, match="De bewaartermijn loopt nog"):
        worker_erase(worker=cast.worker, by=cast.admin)
    assert Trajectory.objects.filter(pk=cast.trajectory.pk).exists()


def test_a_worker_with_a_running_trajectory_cannot_be_erased(cast):
    with pytest.raises(ValidationError, match="lopend traject"):
        worker_erase(worker=cast.worker, by=cast.admin)


def test_erase_command_reports_refusals_in_dutch(cast):
    with pytest.raises(CommandError, match="lopend traject"):
        call_command("erase_worker", cast.worker.email, by=cast.admin.email)
