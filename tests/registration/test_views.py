"""Consent, hours and trainings through the real stack: what each role can do, and bad input."""

from __future__ import annotations

import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plans.models import ContactMoment
from popsite.accounts.models import AuditEvent, Role
from registration.models import (
    Attendance,
    Consent,
    HoursLine,
    HoursSheet,
    MijnLoopbaan,
    Training,
)
from registration.scans import MAX_SCAN_BYTES
from tests.factories import ContactMomentFactory, member
from tests.registration.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    HoursLineFactory,
    HoursSheetFactory,
    TrainingFactory,
    attend,
)

MONTH = "2026-11"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())


def upload(client, url, data: bytes, name: str):
    return client.post(url, {"scan": SimpleUploadedFile(name, data)}, follow=True)


# Consent ---------------------------------------------------------------------------


def consent_url(cast, name="consent"):
    return reverse(f"registration:{name}", args=[cast.trajectory.pk])


def test_coach_uploads_a_signed_consent_scan(cast, login):
    client = login(cast.coach)
    response = upload(
        client, consent_url(cast, "consent-upload"), PDF_BYTES, "Toestemming Sofie.PDF"
    )
    assert "De ondertekende toestemming is opgeladen." in response.content.decode()
    consent = Consent.objects.get(trajectory=cast.trajectory)
    assert consent.is_complete and consent.scan.name.endswith(".pdf")
    assert "Sofie" not in consent.scan.name
    download = client.get(consent_url(cast, "consent-scan"))
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert AuditEvent.objects.filter(verb="export", object_type="registration.consent").exists()


def test_a_file_that_claims_to_be_a_pdf_but_is_not_is_refused_in_dutch(cast, login):
    response = upload(
        login(cast.coach), consent_url(cast, "consent-upload"), b"<html>ik ben geen pdf", "scan.pdf"
    )
    content = response.content.decode()
    assert "heet een PDF, maar de inhoud is geen PDF" in content
    assert not Consent.objects.exists()


def test_an_unknown_file_type_is_refused(cast, login):
    response = upload(
        login(cast.coach), consent_url(cast, "consent-upload"), b"GIF89a....", "a.gif"
    )
    assert "Dit bestand is geen PDF, JPEG of PNG." in response.content.decode()
    assert not Consent.objects.exists()


def test_a_scan_over_10_mb_is_refused(cast, login):
    big = PDF_BYTES + b"0" * MAX_SCAN_BYTES
    response = upload(login(cast.coach), consent_url(cast, "consent-upload"), big, "groot.pdf")
    assert "een scan mag hoogstens 10 MB zijn" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_photo_is_kept_as_what_its_content_is(cast, login):
    upload(login(cast.coach), consent_url(cast, "consent-upload"), JPEG_BYTES, "foto.png")
    assert Consent.objects.get().scan.name.endswith(".jpg")


def test_a_new_scan_replaces_the_old_one(cast, login):
    client = login(cast.coach)
    upload(client, consent_url(cast, "consent-upload"), PDF_BYTES, "a.pdf")
    old = Consent.objects.get().scan
    upload(client, consent_url(cast, "consent-upload"), PNG_BYTES, "b.png")
    consent = Consent.objects.get()
    assert consent.scan.name.endswith(".png")
    assert consent.scan.name != old.name


def confirm_consent(client, cast, shown: str | None = None):
    """Press 'Ik geef mijn akkoord' as the page offered it (or with an older page's value)."""
    if shown is None:
        page = client.get(consent_url(cast)).content.decode()
        shown = re.search(r'name="shown" value="(\w+)"', page).group(1)
    return client.post(consent_url(cast, "consent-confirm"), {"shown": shown}, follow=True)


def test_worker_and_coach_confirm_the_consent_in_the_app(cast, login):
    confirm_consent(login(cast.worker), cast)
    consent = Consent.objects.get()
    assert consent.worker_confirmed_at and not consent.is_complete
    response = confirm_consent(login(cast.coach), cast)
    assert "Werknemer en coach hebben de toestemming bevestigd." in response.content.decode()
    consent.refresh_from_db()
    assert consent.is_complete and consent.coach_confirmed_by == cast.coach


def test_confirming_twice_is_refused(cast, login):
    client = login(cast.worker)
    page = client.get(consent_url(cast)).content.decode()
    shown = re.search(r'name="shown" value="(\w+)"', page).group(1)
    confirm_consent(client, cast, shown)
    response = confirm_consent(client, cast, shown)  # a second tab, or a double click
    assert "Je hebt deze toestemming al bevestigd." in response.content.decode()


def test_consent_confirmation_of_contact_moments_no_longer_listed_is_refused(cast, login):
    client = login(cast.worker)
    page = client.get(consent_url(cast)).content.decode()
    shown = re.search(r'name="shown" value="(\w+)"', page).group(1)
    ContactMomentFactory(trajectory=cast.trajectory, date=datetime.date(2026, 10, 1))
    response = confirm_consent(client, cast, shown)
    content = response.content.decode()
    assert "De contactmomenten zijn veranderd sinds je de toestemming opende" in content
    assert "01/10/2026" in content  # the current list is shown
    assert not Consent.objects.filter(worker_confirmed_at__isnull=False).exists()


def test_other_coach_can_neither_see_nor_upload_nor_confirm(cast, login):
    client = login(cast.other_coach)
    assert client.get(consent_url(cast)).status_code == 404
    assert (
        upload(client, consent_url(cast, "consent-upload"), PDF_BYTES, "a.pdf").status_code == 404
    )
    assert client.post(consent_url(cast, "consent-confirm")).status_code == 404
    assert not Consent.objects.exists()


def test_consent_pdf_lists_the_contact_moments_to_sign(cast, login):
    ContactMomentFactory(trajectory=cast.trajectory, date=datetime.date(2026, 10, 1))
    ContactMomentFactory(
        trajectory=cast.trajectory, date=datetime.date(2026, 10, 15), phase="analyse"
    )
    text = pdf_text(login(cast.coach).get(consent_url(cast, "consent-pdf")))
    assert "Toestemming registratie POP-traject" in text
    assert "01/10/2026" in text and "15/10/2026" in text and "Analyse" in text
    assert "Van der Berghe" in text and "handtekening" in text


def test_consent_page_shows_the_status(cast, login):
    page = login(cast.worker).get(consent_url(cast)).content.decode()
    assert "nog niet ondertekend" in page and "Ik geef mijn akkoord" in page
    assert ContactMoment.objects.count() == 0


# Hours -----------------------------------------------------------------------------


def hours_url(cast, name="hours", *extra):
    return reverse(f"registration:{name}", args=[cast.organisation.slug, MONTH, *extra])


def test_coach_adds_hours_for_the_month(cast, login):
    response = login(cast.coach).post(
        hours_url(cast),
        {"date": "2026-11-05", "kind": "intake", "hours": "1,5", "description": "Intake Sofie"},
    )
    assert response.status_code == 302
    line = HoursLine.objects.get()
    assert (line.sheet.organisation, line.sheet.month) == (
        cast.organisation,
        datetime.date(2026, 11, 1),
    )
    assert (str(line.hours), line.person) == ("1.50", cast.coach)


def test_hours_outside_the_month_are_refused(cast, login):
    response = login(cast.coach).post(
        hours_url(cast), {"date": "2026-12-01", "kind": "intake", "hours": "1"}
    )
    assert "Kies een datum in 11/2026." in response.content.decode()
    assert not HoursLine.objects.exists()


def test_ambassador_sees_hours_but_cannot_add_them(cast, login):
    client = login(cast.ambassador)
    assert client.get(hours_url(cast)).status_code == 200
    response = client.post(hours_url(cast), {"date": "2026-11-05", "kind": "intake", "hours": "1"})
    assert response.status_code == 404
    assert not HoursSheet.objects.exists()


def test_other_coach_cannot_touch_the_hours(cast, login):
    line = HoursLineFactory(sheet=HoursSheetFactory(organisation=cast.organisation))
    client = login(cast.other_coach)
    assert client.get(hours_url(cast)).status_code == 404
    assert client.post(hours_url(cast, "hours-line-delete", line.pk)).status_code == 404
    assert HoursLine.objects.exists()


def test_coach_deletes_an_hours_line(cast, login):
    line = HoursLineFactory(sheet=HoursSheetFactory(organisation=cast.organisation))
    login(cast.coach).post(hours_url(cast, "hours-line-delete", line.pk))
    assert not HoursLine.objects.exists()


def test_hours_pdf_and_signed_upload(cast, login):
    sheet = HoursSheetFactory(organisation=cast.organisation)
    HoursLineFactory(sheet=sheet, description="Begeleiding ploegbazen", person=cast.coach)
    client = login(cast.trainer)
    text = pdf_text(client.get(hours_url(cast, "hours-pdf")))
    assert "Begeleiding ploegbazen" in text and "Groene Keuken" in text and "11/2026" in text
    upload(client, hours_url(cast, "hours-upload"), PNG_BYTES, "uren.png")
    sheet.refresh_from_db()
    assert sheet.has_scan and sheet.scan_uploaded_by == cast.trainer


# Trainings -------------------------------------------------------------------------


def test_trainer_creates_a_training_with_participants(cast, login):
    response = login(cast.trainer).post(
        reverse("registration:training-create"),
        {
            "organisation": cast.organisation.pk,
            "date": "2026-11-12",
            "topic": "Vier op een rij",
            "hours": "3",
            "participants": [cast.coach.pk],
        },
    )
    training = Training.objects.get()
    assert response.url == reverse("registration:training", args=[training.pk])
    assert training.trainer == cast.trainer
    assert list(training.attendances.values_list("person", "present")) == [(cast.coach.pk, False)]


def test_participant_of_another_organisation_is_refused(cast, login):
    # A trainer in both organisations, who picks a coach of the other one.
    cast.trainer.memberships.create(organisation=cast.other_organisation, role=Role.TRAINER)
    response = login(cast.trainer).post(
        reverse("registration:training-create"),
        {
            "organisation": cast.organisation.pk,
            "date": "2026-11-12",
            "topic": "Kwaliteitenspel",
            "hours": "2",
            "participants": [cast.other_coach.pk],
        },
    )
    assert "horen niet bij Groene Keuken" in response.content.decode()
    assert not Training.objects.exists()


def test_trainer_ticks_attendance_and_keeps_it_when_editing(cast, login):
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
    present, absent = attend(training, cast.coach, False), attend(training, cast.worker, False)
    client = login(cast.trainer)
    client.post(
        reverse("registration:training-attendance", args=[training.pk]), {"present": [present.pk]}
    )
    assert dict(Attendance.objects.values_list("pk", "present")) == {
        present.pk: True,
        absent.pk: False,
    }
    client.post(
        reverse("registration:training-edit", args=[training.pk]),
        {
            "organisation": cast.organisation.pk,
            "date": "2026-11-12",
            "topic": "Nieuw onderwerp",
            "hours": "2",
            "participants": [cast.coach.pk],
        },
    )
    assert list(Attendance.objects.values_list("person", "present")) == [(cast.coach.pk, True)]


def test_attendance_of_another_training_is_refused(cast, login):
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
    stranger = attend(TrainingFactory(organisation=cast.organisation), cast.coach, False)
    response = login(cast.trainer).post(
        reverse("registration:training-attendance", args=[training.pk]),
        {"present": [stranger.pk]},
        follow=True,
    )
    assert "Kies alleen deelnemers van deze opleiding." in response.content.decode()
    assert not Attendance.objects.get(pk=stranger.pk).present


def test_another_trainer_cannot_change_the_training(cast, login):
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
    colleague = member(cast.organisation, Role.TRAINER)
    client = login(colleague)
    assert client.get(reverse("registration:training", args=[training.pk])).status_code == 200
    assert client.get(reverse("registration:training-edit", args=[training.pk])).status_code == 404
    other = member(cast.other_organisation, Role.TRAINER)
    assert login(other).get(reverse("registration:training", args=[training.pk])).status_code == 404


def test_attendance_pdf_has_a_signature_line_per_participant_and_the_trainer(cast, login):
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer, topic="HAND")
    attend(training, cast.coach)
    text = pdf_text(
        login(cast.trainer).get(reverse("registration:training-pdf", args=[training.pk]))
    )
    assert "Aanwezigheidslijst" in text and "HAND" in text
    assert "Kathleen Janssens" in text and f"POP-trainer: {cast.trainer}" in text


def test_trainer_uploads_the_signed_attendance_list(cast, login):
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
    client = login(cast.trainer)
    url = reverse("registration:training-upload", args=[training.pk])
    response = upload(client, url, b"not a pdf", "lijst.pdf")
    assert "heet een PDF, maar de inhoud is geen PDF" in response.content.decode()
    upload(client, url, PDF_BYTES, "lijst.pdf")
    training.refresh_from_db()
    assert training.has_scan
    page = client.get(reverse("registration:training-list")).content.decode()
    assert "ondertekend" in page


def test_trajectory_page_links_the_consent_for_coach_but_not_for_trainer(cast, login):
    url = reverse("plans:trajectory", args=[cast.trajectory.pk])
    link = reverse("registration:consent", args=[cast.trajectory.pk])
    page = login(cast.coach).get(url).content.decode()
    assert link in page and "nog niet ondertekend" in page
    Consent.objects.create(trajectory=cast.trajectory, scan="registration/consent/x.pdf")
    assert "ondertekend</span>" in login(cast.worker).get(url).content.decode()
    assert link not in login(cast.trainer).get(url).content.decode()


def test_coach_records_the_mijn_loopbaan_account_and_the_upload_day(cast, login):
    """Registration step 2 (draaiboek §4.4, lines 1583-1613)."""
    client = login(cast.coach)
    url = reverse("registration:mijn-loopbaan", args=[cast.trajectory.pk])
    today = timezone.localdate()
    response = client.post(url, {"pop_uploaded_on": today.isoformat()})
    assert "Zonder account kan de POP niet opgeladen zijn." in response.content.decode()
    tomorrow = today + datetime.timedelta(days=1)
    response = client.post(url, {"has_account": "on", "pop_uploaded_on": tomorrow.isoformat()})
    assert "Die datum ligt in de toekomst." in response.content.decode()
    assert not MijnLoopbaan.objects.exists()
    response = client.post(url, {"has_account": "on", "pop_uploaded_on": today.isoformat()})
    assert response.status_code == 302
    record = MijnLoopbaan.objects.get(trajectory=cast.trajectory)
    assert record.has_account and record.pop_uploaded_on == today
    assert record.recorded_by == cast.coach
    page = login(cast.worker).get(reverse("registration:consent", args=[cast.trajectory.pk]))
    assert "POP opgeladen op" in page.content.decode()
