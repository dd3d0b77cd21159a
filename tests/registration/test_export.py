"""The monthly package through the real stack: the page, the job, the ZIP and its sheets."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template import Context, Template
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from popsite.accounts.models import AuditEvent, Role
from registration.export import OVERVIEW_COLUMNS, TRAINING_COLUMNS
from registration.forms import ExportForm
from registration.models import ExportJob, ExportLog
from registration.rules import exportable_organisations
from tests.factories import member
from tests.registration.factories import (
    PNG_BYTES,
    HoursLineFactory,
    HoursSheetFactory,
    TrainingFactory,
    attend,
    completed_trajectory,
    scan,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
NOV_10 = datetime.datetime(2026, 11, 10, 14, 0, tzinfo=BRUSSELS)
NOV_12 = datetime.datetime(2026, 11, 12, 9, 30, tzinfo=BRUSSELS)


@pytest.fixture
def november(cast):
    """Two organisations with a complete November, and an October that must stay out."""
    zoe = member(cast.organisation, Role.WORKER, first_name="Zoë", last_name="Peeters")
    scanned = completed_trajectory(cast.organisation, NOV_10, coach=cast.coach, worker=zoe)
    ali = member(cast.organisation, Role.WORKER, first_name="Ali", last_name="van Dam")
    in_app = completed_trajectory(
        cast.organisation, NOV_12, coach=cast.coach, worker=ali, consent="app"
    )
    other = completed_trajectory(cast.other_organisation, NOV_10, coach=cast.other_coach)
    completed_trajectory(cast.organisation, datetime.datetime(2026, 10, 20, tzinfo=BRUSSELS))
    for organisation in (cast.organisation, cast.other_organisation):
        sheet = HoursSheetFactory(organisation=organisation, scan=scan(PNG_BYTES, "x.png"))
        HoursLineFactory(sheet=sheet, person=cast.coach)
    training = TrainingFactory(
        organisation=cast.organisation, trainer=cast.trainer, topic="Vier op een rij", scan=scan()
    )
    attend(training, cast.coach)
    attend(training, member(cast.organisation, Role.COACH), present=False)
    other_training = TrainingFactory(organisation=cast.other_organisation, scan=scan())
    attend(other_training, cast.other_coach)
    return {"scanned": scanned, "in_app": in_app, "other": other, "training": training}


def export(client, month="2026-11", organisation="groene-keuken", **extra):
    response = client.post(
        reverse("registration:export-start"),
        {"month": month, "organisation": organisation, **extra},
    )
    return response


def download(client, job: ExportJob) -> zipfile.ZipFile:
    response = client.get(reverse("registration:export-download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def sheet_rows(package: zipfile.ZipFile, name: str) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(package.read(name)), read_only=True)
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def test_registrar_exports_one_organisation_with_the_documented_layout(cast, login, november):
    client = login(cast.registrar)
    response = export(client)
    job = ExportJob.objects.get()
    assert response.url == reverse("registration:export-job", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "klaar" in page and "100%" in page
    package = download(client, job)
    training = november["training"]
    assert package.namelist() == [
        "1_toestemmingen/groene-keuken/20261110_TOESTEMMING_PEETERS_ZOE.pdf",
        "1_toestemmingen/groene-keuken/20261112_TOESTEMMING_VANDAM_ALI.pdf",
        "2_pop-documenten/groene-keuken/20261110_POP_PEETERS_ZOE.pdf",
        "2_pop-documenten/groene-keuken/20261112_POP_VANDAM_ALI.pdf",
        "3_overzicht_pop-trajecten_2026-11.xlsx",
        "4_uren-organisaties/groene-keuken/202611_UREN_GROENE-KEUKEN.png",
        "5_overzicht_opleidingen_2026-11.xlsx",
        f"6_aanwezigheidslijsten/groene-keuken/20261112_AANWEZIGHEID_VIEROPEENRIJ_{training.pk}.pdf",
    ]
    assert package.read(package.namelist()[0]).startswith(b"%PDF-")
    assert package.read(package.namelist()[5]) == PNG_BYTES


def test_overview_sheet_has_one_row_per_completed_trajectory(cast, login, november):
    client = login(cast.admin)
    export(client)
    rows = sheet_rows(
        download(client, ExportJob.objects.get()), "3_overzicht_pop-trajecten_2026-11.xlsx"
    )
    assert rows[0] == tuple(OVERVIEW_COLUMNS)
    assert len(rows) == 3
    assert [row[1] for row in rows[1:]] == ["van Dam", "Peeters"]  # the Dutch way: Dam, Peeters
    zoe = dict(zip(OVERVIEW_COLUMNS, rows[2], strict=True))
    assert zoe["Organisatie"] == "Groene Keuken"
    assert (zoe["Achternaam"], zoe["Voornaam"]) == ("Peeters", "Zoë")
    assert zoe["POP-coach(es)"] == "Kathleen Janssens"
    assert zoe["Variant"].startswith("Basistraject")
    assert zoe["Datum afgerond"].date() == datetime.date(2026, 11, 10)
    assert zoe["Aantal contactmomenten"] == 2
    assert zoe["Contactmomenten (datum: fase)"] == "27/10/2026: Opstart; 10/11/2026: Planning"
    assert (
        zoe["Acties generieke competentie"],
        zoe["Acties technische competentie"],
        zoe["Acties iets anders"],
    ) == (1, 2, 1)
    assert zoe["Toestemming"] == "ondertekende scan"
    assert dict(zip(OVERVIEW_COLUMNS, rows[1], strict=True))["Toestemming"] == "bevestigd in de app"
    assert zoe["POP-document"] == "20261110_POP_PEETERS_ZOE.pdf"


def test_training_sheet_lists_the_days_of_the_month(cast, login, november):
    client = login(cast.admin)
    export(client)
    rows = sheet_rows(
        download(client, ExportJob.objects.get()), "5_overzicht_opleidingen_2026-11.xlsx"
    )
    assert rows[0] == tuple(TRAINING_COLUMNS)
    assert len(rows) == 2
    day = dict(zip(TRAINING_COLUMNS, rows[1], strict=True))
    assert day["Datum"].date() == datetime.date(2026, 11, 12)
    assert (day["Organisatie"], day["Onderwerp"]) == ("Groene Keuken", "Vier op een rij")
    assert day["POP-trainer"] == str(cast.trainer)
    assert day["Uren"] == 3
    assert (day["Aantal aanwezigen"], day["Aanwezigen"]) == (1, "Kathleen Janssens")
    assert day["Aanwezigheidslijst ondertekend"] == "ja"


def test_exporting_one_of_two_organisations_contains_only_that_one(cast, login, november):
    client = login(cast.admin)
    export(client, organisation="andere")
    package = download(client, ExportJob.objects.get())
    names = package.namelist()
    assert all("groene-keuken" not in name for name in names)
    assert sum(name.startswith("2_pop-documenten/andere/") for name in names) == 1
    rows = sheet_rows(package, "3_overzicht_pop-trajecten_2026-11.xlsx")
    assert [row[0] for row in rows[1:]] == ["Andere Werkplaats"]
    trainings = sheet_rows(package, "5_overzicht_opleidingen_2026-11.xlsx")
    assert [row[1] for row in trainings[1:]] == ["Andere Werkplaats"]


def test_admin_exports_every_organisation(cast, login, november):
    client = login(cast.admin)
    export(client, organisation="")
    job = ExportJob.objects.get()
    assert job.organisation is None
    names = download(client, job).namelist()
    assert {n.split("/")[1] for n in names if n.startswith("2_")} == {"andere", "groene-keuken"}
    assert job.package_name == "POP-registratie_2026-11_alle-organisaties.zip"


def test_same_month_twice_gives_the_same_bytes(cast, login, november):
    client = login(cast.admin)
    export(client)
    export(client)
    first, second = ExportJob.objects.order_by("pk")
    assert first.file.read() == second.file.read()
    assert {i.date_time for i in download(client, first).infolist()} == {(2026, 11, 1, 0, 0, 0)}


def test_every_export_is_logged_with_who_month_and_organisations(cast, login, november):
    client = login(cast.registrar)
    export(client)
    log = ExportLog.objects.get()
    assert (log.user, log.month, log.via) == (cast.registrar, datetime.date(2026, 11, 1), "web")
    assert list(log.organisations.all()) == [cast.organisation]
    assert AuditEvent.objects.filter(
        user=cast.registrar, verb="export", object_type="registration.exportlog"
    ).exists()


def test_incomplete_month_is_refused_to_a_registrar_but_the_admin_may_export_anyway(
    cast, login, november
):
    november["scanned"].consent.delete()
    client = login(cast.registrar)
    response = export(client, anyway="1")
    assert not ExportJob.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Er ontbreekt nog 1 document." in page
    assert "Toestemming van Zoë Peeters is niet ondertekend" in page

    client = login(cast.admin)
    export(client, anyway="1")
    package = download(client, ExportJob.objects.get())
    assert (
        "1_toestemmingen/groene-keuken/20261110_TOESTEMMING_PEETERS_ZOE.pdf"
        not in package.namelist()
    )
    missing = package.read("ONTBREEKT.txt").decode()
    assert "Toestemming van Zoë Peeters is niet ondertekend" in missing
    assert f"/registratie/toestemming/{november['scanned'].pk}/" in missing


def test_admin_without_anyway_is_sent_back_to_the_check(cast, login, november):
    november["scanned"].consent.delete()
    response = export(login(cast.admin))
    assert response.status_code == 302
    assert not ExportJob.objects.exists()


def test_registrar_cannot_export_another_organisation(cast, login, november):
    client = login(cast.registrar)
    export(client, organisation="andere")
    export(client, organisation="")
    assert not ExportJob.objects.exists()
    page = client.get(
        reverse("registration:export"), {"month": "2026-11", "organisation": "andere"}
    )
    assert "Selecteer een geldige keuze" in page.content.decode()


def test_other_registrar_cannot_see_or_download_the_job(cast, login, november):
    export(login(cast.registrar))
    job = ExportJob.objects.get()
    outsider = member(cast.other_organisation, Role.REGISTRAR)
    client = login(outsider)
    assert client.get(reverse("registration:export-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("registration:export-download", args=[job.pk])).status_code == 404


def test_coach_trainer_ambassador_and_worker_cannot_export(cast, login, november):
    for user in (cast.coach, cast.trainer, cast.ambassador, cast.worker):
        assert export(login(user)).status_code == 404
    assert not ExportJob.objects.exists()


def test_check_page_lists_missing_documents_with_links(cast, login, november):
    november["training"].attendances.update(present=False)
    page = login(cast.registrar).get(
        reverse("registration:export"), {"month": "2026-11", "organisation": "groene-keuken"}
    )
    content = page.content.decode()
    assert "de aanwezigheid is niet aangeduid" in content
    assert reverse("registration:training", args=[november["training"].pk]) in content


def test_command_exports_a_month_for_one_organisation(cast, november, tmp_path):
    target = tmp_path / "pakket.zip"
    call_command("export_month", "2026-11", "--organisation", "andere", "--output", str(target))
    names = zipfile.ZipFile(target).namelist()
    assert "2_pop-documenten/andere/" in "".join(names)
    assert "groene-keuken" not in "".join(names)
    log = ExportLog.objects.get()
    assert (log.user, log.via) == (None, "command")


def test_command_refuses_a_wrong_month(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="JJJJ-MM"):
        call_command("export_month", "november")


def test_a_queued_job_is_built_by_the_worker_and_followed_without_a_meta_refresh(
    cast, login, november, run_db_worker
):
    client = login(cast.admin)
    export(client)
    job = ExportJob.objects.get()
    assert job.status == "queued"
    page = client.get(reverse("registration:export-job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "js/export-progress.js" in page
    assert reverse("registration:export-job-status", args=[job.pk]) in page
    assert "vernieuwen" in page
    status = client.get(reverse("registration:export-job-status", args=[job.pk])).json()
    assert (status["status"], status["finished"], status["percent"]) == ("queued", False, 0)
    assert client.get(reverse("registration:export-download", args=[job.pk])).status_code == 404

    run_db_worker()

    job.refresh_from_db()
    assert (job.status, job.steps_done, job.steps_total) == ("done", 9, 9)
    status = client.get(reverse("registration:export-job-status", args=[job.pk])).json()
    assert (status["status"], status["finished"], status["percent"]) == ("done", True, 100)
    assert ExportLog.objects.get().via == "web"
    assert "2_pop-documenten/groene-keuken/" in "".join(download(client, job).namelist())


def test_a_double_submit_is_answered_by_the_one_job_already_queued(
    cast, login, november, run_db_worker
):
    from django_tasks_db.models import DBTaskResult

    client = login(cast.registrar)
    first = export(client)
    second = export(client)
    job = ExportJob.objects.get()
    assert first.url == second.url == reverse("registration:export-job", args=[job.pk])
    assert DBTaskResult.objects.count() == 1
    export(login(cast.admin), organisation="")  # another package is another job
    assert ExportJob.objects.count() == 2


class Killed(BaseException):
    """What the worker process sees of a SIGKILL: nothing after this point runs."""


def test_a_job_killed_half_way_leaves_nothing_and_runs_again_to_the_same_package(
    cast, login, november, monkeypatch
):
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from registration import services
    from registration.tasks import build_export

    client = login(cast.admin)
    export(client)
    clean = ExportJob.objects.get().file.read()
    job = ExportJob.objects.create(month=datetime.date(2026, 11, 1), organisation=cast.organisation)

    def killed_while_writing(*args, **kwargs):
        raise Killed

    monkeypatch.setattr("registration.export._Writer.write_workbook", killed_while_writing)
    with pytest.raises(Killed):
        build_export.call(job.pk)
    job.refresh_from_db()
    assert job.status == "running" and not job.file
    assert not default_storage.exists(f"registration/exports/{job.pk}/{job.package_name}")
    assert ExportLog.objects.count() == 1  # only the clean export's

    # Killed after the package reached storage, before the job was marked done.
    monkeypatch.undo()
    ExportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    monkeypatch.setattr(services, "export_log_record", killed_while_writing)
    with pytest.raises(Killed):
        build_export.call(job.pk)
    job.refresh_from_db()
    assert job.status == "running" and not job.file and ExportLog.objects.count() == 1

    # The runner's heartbeat stops; running the task again builds the package anew.
    monkeypatch.undo()
    ExportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert build_export.call(job.pk) == "done"
    job.refresh_from_db()
    assert job.file.name == f"registration/exports/{job.pk}/{job.package_name}"
    assert job.file.read() == clean
    assert ExportLog.objects.filter(job=job).count() == 1
    assert build_export.call(job.pk) == "done"  # a finished job is left alone
    assert ExportLog.objects.filter(job=job).count() == 1


def test_a_failing_build_is_shown_as_failed(cast, login, november, monkeypatch):
    def broken(**kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr("registration.export.build_package", broken)
    client = login(cast.admin)
    export(client)
    job = ExportJob.objects.get()
    assert job.status == "failed"
    assert (
        "schijf vol"
        in client.get(reverse("registration:export-job", args=[job.pk])).content.decode()
    )
    assert not ExportLog.objects.exists()


def test_a_job_whose_runner_died_is_shown_as_stopped_and_can_be_started_again(
    cast, login, november
):
    from django.utils import timezone

    job = ExportJob.objects.create(
        month=datetime.date(2026, 11, 1),
        organisation=cast.organisation,
        status=ExportJob.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=11),
    )
    client = login(cast.registrar)
    page = client.get(reverse("registration:export-job", args=[job.pk]))
    assert "Deze export staat stil" in page.content.decode()
    assert 'data-finished="true"' in page.content.decode()
    assert client.get(reverse("registration:export-job-status", args=[job.pk])).json()["finished"]
    export(client)
    fresh = ExportJob.objects.exclude(pk=job.pk).get()
    assert fresh.status == "done"


def test_a_trajectory_without_consent_leaves_its_pop_and_row_out(cast, login, november):
    november["scanned"].consent.delete()
    client = login(cast.admin)
    export(client, anyway="1")
    package = download(client, ExportJob.objects.get())
    assert not [n for n in package.namelist() if "PEETERS" in n]
    rows = sheet_rows(package, "3_overzicht_pop-trajecten_2026-11.xlsx")
    assert [row[1] for row in rows[1:]] == ["van Dam"]
    missing = package.read("ONTBREEKT.txt").decode()
    assert "Toestemming van Zoë Peeters is niet ondertekend" in missing
    assert (
        "de POP en de rij in het overzicht van deze trajecten zitten niet in het pakket" in missing
    )


def test_the_package_holds_the_stored_documents_of_record(cast, login, november):
    from plans.models import AgreedPopDocument

    client = login(cast.admin)
    export(client)
    package = download(client, ExportJob.objects.get())
    pop = november["scanned"].pop_versions.get()
    stored = AgreedPopDocument.objects.get(pop=pop).file.read()
    assert package.read("2_pop-documenten/groene-keuken/20261110_POP_PEETERS_ZOE.pdf") == stored
    consent = package.read("1_toestemmingen/groene-keuken/20261112_TOESTEMMING_VANDAM_ALI.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(consent)).pages).replace(
        "\n", " "
    )
    assert "bevestigd in de app, met eigen account" in text
    assert "Ali van Dam" in text and "Kathleen Janssens" in text and "12/11/2026" in text


def test_two_same_named_workers_get_two_files_and_the_sheet_names_each(cast, login, november):
    twin = member(cast.organisation, Role.WORKER, first_name="Zoë", last_name="Peeters")
    completed_trajectory(cast.organisation, NOV_10, coach=cast.coach, worker=twin)
    client = login(cast.admin)
    export(client)
    package = download(client, ExportJob.objects.get())
    pops = [n for n in package.namelist() if n.startswith("2_") and "PEETERS" in n]
    assert pops == [
        "2_pop-documenten/groene-keuken/20261110_POP_PEETERS_ZOE.pdf",
        "2_pop-documenten/groene-keuken/20261110_POP_PEETERS_ZOE_2.pdf",
    ]
    rows = sheet_rows(package, "3_overzicht_pop-trajecten_2026-11.xlsx")
    named = sorted(row[-1] for row in rows[1:] if row[1] == "Peeters")
    assert named == [p.rpartition("/")[2] for p in pops]
    in_zip = {n.rpartition("/")[2] for n in package.namelist()}
    assert all(row[-1] in in_zip for row in rows[1:])


def test_the_sheets_are_formula_safe_formatted_and_sorted_the_dutch_way(cast, login, november):
    for last in ("de Vries", "Wouters", "Claes"):
        worker = member(cast.organisation, Role.WORKER, first_name="Jo", last_name=last)
        completed_trajectory(cast.organisation, NOV_12, coach=cast.coach, worker=worker)
    november["training"].topic = '=HYPERLINK("http://x.example","klik")'
    november["training"].save()
    client = login(cast.admin)
    export(client)
    package = download(client, ExportJob.objects.get())

    overview = load_workbook(io.BytesIO(package.read("3_overzicht_pop-trajecten_2026-11.xlsx")))
    sheet = overview.active
    names = [sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)]
    assert names == ["Claes", "van Dam", "Peeters", "de Vries", "Wouters"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{sheet.max_row}"
    assert all(sheet.cell(1, c).font.b for c in range(1, 15))
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.cell(2, 7).number_format == "DD/MM/YYYY"
    widths = {sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLMN"}
    assert len(widths) > 3  # fitted per column, not one width for all

    trainings_xlsx = package.read("5_overzicht_opleidingen_2026-11.xlsx")
    trainings = load_workbook(io.BytesIO(trainings_xlsx)).active
    topic = trainings.cell(2, 3)
    assert topic.value == '=HYPERLINK("http://x.example","klik")'
    assert topic.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(trainings_xlsx)) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")


def test_a_scan_lost_from_storage_is_named_in_the_check_and_never_fails_the_package(
    cast, login, november, settings
):
    consent = november["scanned"].consent
    default_storage.delete(consent.scan.name)
    default_storage.delete(november["training"].scan.name)
    client = login(cast.registrar)
    page = client.get(
        reverse("registration:export"), {"month": "2026-11", "organisation": "groene-keuken"}
    ).content.decode()
    assert "De scan van de toestemming van Zoë Peeters kan niet geopend worden" in page
    assert "de scan van de aanwezigheidslijst kan niet geopend worden" in page
    assert str(settings.MEDIA_ROOT) not in page and consent.scan.name not in page

    client = login(cast.admin)
    export(client, anyway="1")
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE
    names = download(client, job).namelist()
    assert not any("PEETERS_ZOE" in name or "AANWEZIGHEID" in name for name in names)
    assert "2_pop-documenten/groene-keuken/20261112_POP_VANDAM_ALI.pdf" in names
    missing = download(client, job).read("ONTBREEKT.txt").decode()
    assert "De scan van de toestemming van Zoë Peeters kan niet geopend worden" in missing
    assert str(settings.MEDIA_ROOT) not in missing


def test_a_lost_scan_of_a_consent_also_confirmed_in_the_app_gives_the_app_version(
    cast, login, november
):
    consent = november["scanned"].consent
    consent.worker_confirmed_at = consent.coach_confirmed_at = NOV_10
    consent.coach_confirmed_by = cast.coach
    consent.save()
    default_storage.delete(consent.scan.name)
    client = login(cast.admin)
    export(client, anyway="1")
    package = download(client, ExportJob.objects.get())
    name = "1_toestemmingen/groene-keuken/20261110_TOESTEMMING_PEETERS_ZOE.pdf"
    assert package.read(name).startswith(b"%PDF-")


def test_with_an_x_accel_prefix_the_package_leaves_through_nginx_after_the_audit(
    cast, login, november, settings
):
    settings.DOWNLOADS_X_ACCEL_PREFIX = "/_protected/"
    client = login(cast.registrar)
    export(client)
    job = ExportJob.objects.get()
    downloads = AuditEvent.objects.filter(
        verb=AuditEvent.Verb.EXPORT, object_type="registration.exportjob"
    )
    response = client.get(reverse("registration:export-download", args=[job.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/{job.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/zip"
    assert job.package_name in response["Content-Disposition"]
    # The package, and each worker in it.
    assert sorted(downloads.values_list("subject", flat=True), key=str) == sorted(
        [None, november["scanned"].worker_id, november["in_app"].worker_id], key=str
    )
    default_storage.delete(job.file.name)
    gone = client.get(reverse("registration:export-download", args=[job.pk]))
    assert gone.status_code == 404
    assert "Dit bestand is niet beschikbaar" in gone.content.decode()


def _export_form_html(client, data=None):
    content = client.get(reverse("registration:export"), data or {}).content.decode()
    return re.search(r'<form method="get".*?</form>', content, re.S).group(0)


def _crispy_form_html(user, data=None):
    """The export form as crispy draws it, with the view's own organisations and month."""
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    form = ExportForm(
        data,
        initial={"month": last_month},
        organisations=exportable_organisations(user),
        all_allowed=user.is_staff,
    )
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def test_the_written_out_export_form_is_what_crispy_draws(cast, login, november):
    """The check page writes the month and organisation out (crispy cost ms on every
    check): same ids, labels, required marks, values and choices as crispy's, for a
    registrar (one organisation, required) and an admin (all organisations allowed),
    unbound and checked; a form with errors still goes through crispy."""
    checked = {"month": "2026-11", "organisation": "groene-keuken"}
    for user in (cast.registrar, cast.admin):
        client = login(user)
        for data in (None, checked, {"month": "2026-11", "organisation": ""}):
            if data and data["organisation"] == "" and not user.is_staff:
                continue
            page = _export_form_html(client, data)
            inner = page.split("novalidate>", 1)[1].rsplit("<button", 1)[0]
            assert parse_html(inner) == parse_html(_crispy_form_html(user, data)), (user, data)
    admin_page = _export_form_html(login(cast.admin))
    assert '<option value="" selected>Alle organisaties</option>' in admin_page
    bad = _export_form_html(login(cast.registrar), {"month": "xx", "organisation": "groene-keuken"})
    assert "is-invalid" in bad and "Kies een maand, bv. 2026-11." in bad


def test_the_form_finds_the_chosen_organisation_among_those_it_listed(
    cast, django_assert_num_queries
):
    form = ExportForm(
        {"month": "2026-11", "organisation": "groene-keuken"},
        organisations=exportable_organisations(cast.registrar),
        all_allowed=False,
    )
    with django_assert_num_queries(0):
        assert form.is_valid()
    assert form.cleaned_data["organisation"] is form.organisation_list[0]
    for slug in ("andere", "Groene-Keuken", "groene-keuken "):
        other = ExportForm(
            {"month": "2026-11", "organisation": slug},
            organisations=exportable_organisations(cast.registrar),
            all_allowed=False,
        )
        assert not other.is_valid()
        assert other.errors.as_data()["organisation"][0].code == "invalid_choice"


def test_the_check_list_is_escaped_like_the_template_would(cast, login, november):
    november["training"].attendances.update(present=False)
    november["training"].topic = "Vier <b>op</b> een \"rij\" & 'zo'"
    november["training"].save()
    page = login(cast.registrar).get(
        reverse("registration:export"), {"month": "2026-11", "organisation": "groene-keuken"}
    )
    item = Template(
        '<li class="list-group-item"><span class="text-muted">{{ o }}:</span> {{ t }} '
        '<a href="{{ u }}">aanvullen</a></li>'
    ).render(
        Context(
            {
                "o": "Groene Keuken",
                "t": f"Opleiding 12/11/2026 {november['training'].topic}: de aanwezigheid is "
                "niet aangeduid.",
                "u": reverse("registration:training", args=[november["training"].pk]),
            }
        )
    )
    assert item in page.content.decode()


def test_the_jobs_table_shows_what_the_template_drew_from_the_jobs(cast, login, november):
    """The rows are written out as texts (month, organisation, who, when in local time,
    state, link): the same as the template's filters on the jobs themselves drew."""
    jobs = [
        ExportJob.objects.create(
            month=datetime.date(2026, month, 1),
            organisation=organisation,
            requested_by=by,
            status=status,
        )
        for month, organisation, by, status in [
            (10, None, cast.admin, ExportJob.Status.DONE),
            (11, cast.organisation, None, ExportJob.Status.FAILED),
            (9, cast.organisation, cast.registrar, ExportJob.Status.QUEUED),
        ]
    ]
    # Just before and after the clocks went back in Brussels (25 October 2026).
    moments = ["2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-11-02T23:59:00Z"]
    for job, moment in zip(jobs, moments, strict=True):
        ExportJob.objects.filter(pk=job.pk).update(created_at=moment)
    drawn = Template(
        "{% for job in jobs %}<tr><td>{{ job.month|date:'m/Y' }}</td>"
        "<td>{{ job.organisation|default:'alle organisaties' }}</td>"
        "<td>{{ job.requested_by|default:'–' }}</td><td>{{ job.created_at|date:'d/m/Y H:i' }}</td>"
        "<td><a href=\"{% url 'registration:export-job' job.pk %}\">{{ job.get_status_display }}"
        "</a></td></tr>{% endfor %}"
    ).render(Context({"jobs": ExportJob.objects.order_by("-created_at", "-pk")}))
    page = login(cast.admin).get(reverse("registration:export")).content.decode()
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert parse_html(table) == parse_html(drawn)
    assert "25/10/2026 02:30" in table and "25/10/2026 02:30" in drawn
