"""Least privilege in the monthly registration: the package holds POP PDFs and consent
scans, so only the organisation's registrar and staff build and download it, and
every download shows on the page where each worker in it sees who looked."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from popsite.accounts.models import AuditEvent, Role
from registration.models import ExportJob
from tests.factories import member
from tests.registration.factories import (
    HoursLineFactory,
    HoursSheetFactory,
    completed_trajectory,
    scan,
)

NOV_10 = datetime.datetime(2026, 11, 10, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.fixture
def package(cast, login):
    """A built November package of Groene Keuken with two workers in it."""
    zoe = member(cast.organisation, Role.WORKER, first_name="Zoë", last_name="Peeters")
    ali = member(cast.organisation, Role.WORKER, first_name="Ali", last_name="van Dam")
    for worker in (zoe, ali):
        completed_trajectory(cast.organisation, NOV_10, coach=cast.coach, worker=worker)
    completed_trajectory(cast.other_organisation, NOV_10, coach=cast.other_coach)
    sheet = HoursSheetFactory(organisation=cast.organisation, scan=scan())
    HoursLineFactory(sheet=sheet, person=cast.coach)
    response = login(cast.registrar).post(
        reverse("registration:export-start"), {"month": "2026-11", "organisation": "groene-keuken"}
    )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE
    return {"job": job, "workers": [zoe, ali]}


def test_the_registrar_lands_on_the_export_page(cast, login):
    response = login(cast.registrar).get(reverse("accounts:home"))
    assert response["Location"] == reverse("registration:export")
    page = login(cast.registrar).get(reverse("registration:export")).content.decode()
    assert "Maandregistratie" in page


def test_an_ambassador_keeps_counts_but_neither_builds_nor_downloads_the_package(
    cast, login, package
):
    client = login(cast.ambassador)
    job = package["job"]
    assert client.get(reverse("registration:export")).status_code == 404
    assert client.get(reverse("registration:export-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("registration:export-download", args=[job.pk])).status_code == 404
    response = client.post(
        reverse("registration:export-start"), {"month": "2026-11", "organisation": "groene-keuken"}
    )
    assert response.status_code == 404
    home = client.get(reverse("plans:ambassador-home")).content.decode()
    assert reverse("registration:export") not in home


def test_a_registrar_of_another_organisation_gets_404(cast, login, package):
    outsider = member(cast.other_organisation, Role.REGISTRAR)
    client = login(outsider)
    job = package["job"]
    assert client.get(reverse("registration:export-download", args=[job.pk])).status_code == 404
    client.post(
        reverse("registration:export-start"), {"month": "2026-11", "organisation": "groene-keuken"}
    )
    assert ExportJob.objects.count() == 1


def test_every_download_shows_on_each_workers_who_looked_page(cast, login, package):
    job = package["job"]
    client = login(cast.registrar)
    for _ in range(2):
        response = client.get(reverse("registration:export-download", args=[job.pk]))
        assert response.status_code == 200
        b"".join(response.streaming_content)
    for worker in package["workers"]:
        events = AuditEvent.objects.filter(subject=worker, verb="export", user=cast.registrar)
        assert events.count() == 2
        page = login(worker).get(reverse("plans:who-looked")).content.decode()
        assert "het maandpakket van de registratie, met je POP" in page
        assert str(cast.registrar) in page
    # The worker of the other organisation is not in this package.
    other_worker = cast.other_organisation.memberships.filter(role=Role.WORKER).last().user
    assert not AuditEvent.objects.filter(subject=other_worker, object_type="registration.exportjob")


def test_the_download_audit_is_one_insert_whatever_the_number_of_workers(
    cast, login, package, django_assert_max_num_queries
):
    client = login(cast.registrar)
    with django_assert_max_num_queries(12):
        client.get(reverse("registration:export-download", args=[package["job"].pk]))
