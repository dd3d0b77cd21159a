"""The cast every test can use: one worker's trajectory, and the people around it."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import pytest
from django.db import transaction
from django.test import override_settings
from django.test.client import ClientMixin
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from plans.models import PopVersion, Trajectory
from plans.portfolio.models import PortfolioGrant
from popsite.accounts.models import Organisation, Role, User
from popsite.accounts.second_factor import app_device, second_factor_required
from tests.factories import (
    OrganisationFactory,
    PopVersionFactory,
    TrajectoryFactory,
    UserFactory,
    member,
    totp_device,
)


@dataclass
class Cast:
    organisation: Organisation
    other_organisation: Organisation
    worker: User
    other_worker: User
    coach: User
    other_coach: User
    trainer: User
    ambassador: User
    registrar: User
    floor_supervisor: User  # assigned to the trajectory by its coach
    other_floor_supervisor: User  # same organisation, not assigned
    admin: User
    # Read access to the worker's portfolio: active, ended yesterday, revoked.
    supervisor: User
    expired_supervisor: User
    revoked_supervisor: User
    trajectory: Trajectory
    other_trajectory: Trajectory
    pop: PopVersion

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """force_login stands for a finished login, and for whoever needs a second factor
    (staff) that includes its code: the session is marked verified by their app, as
    django_otp.login does after a right code. The second factor's own tests log in
    through the pages (tests/accounts/test_second_factor.py)."""
    force_login = ClientMixin.force_login

    def force_login_verified(client, user, backend=None):
        force_login(client, user, backend)
        if second_factor_required(user) or app_device(user) is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
            session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login_verified)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run inside the request that queues them, so a test sees the
    result; tests of the worker itself switch back to the database backend."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads (evidence, pictures) go to a throwaway folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


T = TypeVar("T")


def built_once(django_db_blocker, build: Callable[[], T], **overrides) -> Iterator[T]:
    """For a module fixture (`yield from`): data built once for many tests, as Django's
    setUpTestData does. It is built inside an outer transaction, under the settings the
    autouse fixtures give a test; each test runs in a savepoint within it, so what a test
    writes is undone before the next; the outer transaction is rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(PASSWORD_HASHERS=FAST_HASHERS, TASKS=IMMEDIATE_TASKS, **overrides),
        ):
            built = build()
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


def make_cast() -> Cast:
    organisation = OrganisationFactory(name="Groene Keuken", slug="groene-keuken")
    other_organisation = OrganisationFactory(name="Andere Werkplaats", slug="andere")
    worker = member(organisation, Role.WORKER, first_name="Sofie", last_name="Van der Berghe")
    coach = member(organisation, Role.COACH, first_name="Kathleen", last_name="Janssens")
    other_coach = member(other_organisation, Role.COACH)
    other_worker = member(other_organisation, Role.WORKER)
    floor_supervisor = member(organisation, Role.FLOOR_SUPERVISOR)
    trajectory = TrajectoryFactory(
        organisation=organisation,
        worker=worker,
        coaches=[coach],
        floor_supervisor=floor_supervisor,
    )
    other_trajectory = TrajectoryFactory(
        organisation=other_organisation, worker=other_worker, coaches=[other_coach]
    )
    PopVersionFactory(trajectory=other_trajectory, number=1)
    today = timezone.localdate()
    supervisor = member(organisation, Role.SUPERVISOR, first_name="Sam", last_name="Supervisor")
    expired_supervisor = member(organisation, Role.SUPERVISOR)
    revoked_supervisor = member(organisation, Role.SUPERVISOR)
    PortfolioGrant.objects.create(trajectory=trajectory, grantee=supervisor, granted_by=worker)
    PortfolioGrant.objects.create(
        trajectory=trajectory,
        grantee=expired_supervisor,
        granted_by=worker,
        ends_on=today - datetime.timedelta(days=1),
    )
    PortfolioGrant.objects.create(
        trajectory=trajectory,
        grantee=revoked_supervisor,
        granted_by=worker,
        revoked_at=timezone.now(),
        revoked_by=worker,
    )
    return Cast(
        organisation=organisation,
        other_organisation=other_organisation,
        worker=worker,
        other_worker=other_worker,
        coach=coach,
        other_coach=other_coach,
        trainer=member(organisation, Role.TRAINER),
        ambassador=member(organisation, Role.AMBASSADOR),
        registrar=member(organisation, Role.REGISTRAR),
        floor_supervisor=floor_supervisor,
        other_floor_supervisor=member(organisation, Role.FLOOR_SUPERVISOR),
        admin=UserFactory(is_staff=True, is_superuser=True),
        supervisor=supervisor,
        expired_supervisor=expired_supervisor,
        revoked_supervisor=revoked_supervisor,
        trajectory=trajectory,
        other_trajectory=other_trajectory,
        pop=PopVersionFactory(trajectory=trajectory, number=1),
    )


@pytest.fixture
def login(client):
    def _login(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture
def run_db_worker(settings, monkeypatch):
    """Switch to the database task backend; the returned callable runs `db_worker --batch`.

    The worker closes old connections between tasks; inside a test's transaction on
    PostgreSQL that would close the test's own connection, so it is left open here.
    """
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return lambda: call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
