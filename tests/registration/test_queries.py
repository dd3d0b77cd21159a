"""A list page's query count does not grow with the data."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from popsite.accounts.models import Role
from registration.models import ExportJob
from tests.factories import ContactMomentFactory, OrganisationFactory, member
from tests.registration.factories import (
    HoursLineFactory,
    HoursSheetFactory,
    TrainingFactory,
    attend,
    completed_trajectory,
)

NOV_10 = datetime.datetime(2026, 11, 10, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def count_queries(client, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data or {}).status_code == 200
    return len(queries)


def grows(client, url, add, data=None):
    add(3)
    small = count_queries(client, url, data)
    add(20)
    return small, count_queries(client, url, data)


def add_trainings(cast, n):
    for _ in range(n):
        training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
        attend(training, member(cast.organisation, Role.COACH))


def test_training_list_queries_do_not_grow(cast, login):
    for user in (cast.trainer, cast.admin):
        small, large = grows(
            login(user), reverse("registration:training-list"), lambda n: add_trainings(cast, n)
        )
        assert small == large


def test_training_page_queries_do_not_grow_with_participants(cast, login):
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)

    def add(n):
        for _ in range(n):
            attend(training, member(cast.organisation, Role.COACH))

    url = reverse("registration:training", args=[training.pk])
    small, large = grows(login(cast.trainer), url, add)
    assert small == large


def test_hours_list_queries_do_not_grow_with_organisations(cast, login):
    def add(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            HoursLineFactory(
                sheet=HoursSheetFactory(
                    organisation=organisation, month=timezone.localdate().replace(day=1)
                )
            )

    small, large = grows(login(cast.admin), reverse("registration:hours-list"), add)
    assert small == large


def test_hours_page_queries_do_not_grow_with_lines(cast, login):
    sheet = HoursSheetFactory(organisation=cast.organisation)

    def add(n):
        for _ in range(n):
            HoursLineFactory(sheet=sheet, person=member(cast.organisation, Role.COACH))

    url = reverse("registration:hours", args=[cast.organisation.slug, "2026-11"])
    small, large = grows(login(cast.coach), url, add)
    assert small == large


def test_consent_page_queries_do_not_grow_with_contact_moments(cast, login):
    def add(n):
        for _ in range(n):
            ContactMomentFactory(trajectory=cast.trajectory)

    url = reverse("registration:consent", args=[cast.trajectory.pk])
    small, large = grows(login(cast.coach), url, add)
    assert small == large


def test_export_page_and_check_queries_do_not_grow(cast, login, django_assert_num_queries):
    def add(n):
        for i in range(n):
            completed_trajectory(cast.organisation, NOV_10, consent="" if i % 2 else "app")
            ExportJob.objects.create(
                month=datetime.date(2026, 11, 1), organisation=cast.organisation
            )
            training = TrainingFactory(
                organisation=cast.organisation, trainer=cast.trainer, date=NOV_10.date()
            )
            attend(training, member(cast.organisation, Role.COACH), present=bool(i % 2))

    data = {"month": "2026-11", "organisation": cast.organisation.slug}
    client = login(cast.registrar)
    small, large = grows(client, reverse("registration:export"), add, data)
    assert small == large
    # Session, user, roles; the form's organisations read once (the written-out select,
    # the view's 'any at all?' and the chosen one); the completed trajectories with their
    # consents, the hours sheets, the trainings (organisations without a sheet come
    # from the trajectories read); the jobs.
    with django_assert_num_queries(8):
        client.get(reverse("registration:export"), data)
