"""The agreed POP is a document of record: rendered once at agreement, then served as is."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plans.models import AgreedPopDocument, ContactKind, PopVersion
from plans.tasks import freeze_agreed_pop
from tests.factories import ContactMomentFactory, agreeable_pop, confirm


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def agree(cast) -> PopVersion:
    pop = agreeable_pop(cast.pop)
    confirm(pop, cast.worker)
    return confirm(pop, cast.coach)


def download(client, pop) -> bytes:
    response = client.get(reverse("plans:pop-pdf", args=[pop.pk]))
    assert response.status_code == 200
    return response.content


def test_the_second_confirmation_stores_the_document_with_its_hash(cast, login):
    pop = agreeable_pop(cast.pop)
    confirm(pop, cast.worker)
    assert not AgreedPopDocument.objects.exists()  # one confirmation agrees nothing
    confirm(pop, cast.coach)
    document = AgreedPopDocument.objects.get(pop=pop)
    stored = document.file.read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert document.size == len(stored)
    assert download(login(cast.worker), pop) == stored
    assert download(login(cast.coach), pop) == stored
    assert "ONTWERP" not in text_of(stored)


def test_a_draft_is_rendered_live_and_says_ontwerp(cast, login):
    agreeable_pop(cast.pop)
    client = login(cast.coach)
    text = text_of(download(client, cast.pop))
    assert "ONTWERP" in text
    ContactMomentFactory(trajectory=cast.trajectory, date=datetime.date(2026, 1, 5))
    assert "05/01/2026" in text_of(download(client, cast.pop))
    assert not AgreedPopDocument.objects.exists()


def test_bytes_and_hash_stay_after_a_contact_moment_and_a_template_change(
    cast, login, settings, tmp_path
):
    pop = agree(cast)
    client = login(cast.coach)
    before = download(client, pop)
    sha = AgreedPopDocument.objects.get(pop=pop).sha256

    ContactMomentFactory(trajectory=cast.trajectory, date=timezone.localdate())
    changed = tmp_path / "templates" / "plans"
    changed.mkdir(parents=True)
    (changed / "pop_pdf.html").write_text(
        '{% extends "print_base.html" %}{% block content %}<h1>Nieuw sjabloon</h1>{% endblock %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    draft = PopVersion.objects.create(trajectory=cast.other_trajectory, number=2)
    assert "Nieuw sjabloon" in text_of(download(login(cast.other_coach), draft))  # it took

    after = download(login(cast.coach), pop)
    assert after == before
    assert hashlib.sha256(after).hexdigest() == sha
    assert AgreedPopDocument.objects.get(pop=pop).sha256 == sha


def test_a_version_agreed_before_documents_were_kept_gets_one_when_first_needed(cast, login):
    pop = agree(cast)
    AgreedPopDocument.objects.all().delete()  # as after the migration: agreed, no document
    client = login(cast.worker)
    first = download(client, pop)
    document = AgreedPopDocument.objects.get(pop=pop)
    assert hashlib.sha256(first).hexdigest() == document.sha256
    ContactMomentFactory(trajectory=cast.trajectory, date=timezone.localdate())
    assert download(client, pop) == first
    assert AgreedPopDocument.objects.count() == 1


def test_a_lost_agreed_document_is_a_dutch_page_not_a_new_rendering(cast, login):
    pop = agree(cast)
    document = AgreedPopDocument.objects.get(pop=pop)
    document.file.storage.delete(document.file.name)
    response = login(cast.worker).get(reverse("plans:pop-pdf", args=[pop.pk]))
    assert response.status_code == 404
    assert "Dit bestand is niet beschikbaar" in response.content.decode()
    assert AgreedPopDocument.objects.get(pop=pop).sha256 == document.sha256


def test_the_workers_data_download_holds_the_stored_document(cast, login):
    pop = agree(cast)
    response = login(cast.worker).get(reverse("plans:my-data"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    [name] = [n for n in archive.namelist() if n.startswith("pop/")]
    assert archive.read(name) == AgreedPopDocument.objects.get(pop=pop).file.read()


def test_the_appendix_download_keeps_the_stored_pages_first(cast, login):
    pop = agree(cast)
    response = login(cast.coach).get(reverse("plans:pop-pdf", args=[pop.pk]), {"bijlage": "1"})
    combined = PdfReader(io.BytesIO(response.content))
    stored = PdfReader(io.BytesIO(AgreedPopDocument.objects.get(pop=pop).file.read()))
    count = len(stored.pages)
    assert [p.extract_text() for p in combined.pages[:count]] == [
        p.extract_text() for p in stored.pages
    ]
    assert "Bijlage" in combined.pages[count].extract_text()
    assert combined.trailer["/Root"]["/Lang"] == "nl"


def test_verloop_lists_only_talks_with_the_worker_held_by_the_agreement(cast, login):
    today = timezone.localdate()
    ContactMomentFactory(trajectory=cast.trajectory, date=today - datetime.timedelta(days=20))
    ContactMomentFactory(
        trajectory=cast.trajectory,
        date=today - datetime.timedelta(days=10),
        kind=ContactKind.INTERIM,
    )
    ContactMomentFactory(trajectory=cast.trajectory, date=today + datetime.timedelta(days=7))
    pop = agree(cast)
    text = text_of(AgreedPopDocument.objects.get(pop=pop).file.read())
    held = today - datetime.timedelta(days=20)
    assert f"{held:%d/%m/%Y}" in text
    assert f"{today - datetime.timedelta(days=10):%d/%m/%Y}" not in text  # without the worker
    assert f"{today + datetime.timedelta(days=7):%d/%m/%Y}" not in text  # not held yet

    client = login(cast.worker)
    page = client.get(reverse("registration:consent", args=[cast.trajectory.pk])).content.decode()
    assert f"{held:%d/%m/%Y}" in page
    assert f"{today + datetime.timedelta(days=7):%d/%m/%Y}" not in page
    consent = client.get(reverse("registration:consent-pdf", args=[cast.trajectory.pk]))
    consent_text = text_of(consent.content)
    assert f"{held:%d/%m/%Y}" in consent_text
    assert f"{today - datetime.timedelta(days=10):%d/%m/%Y}" not in consent_text


def test_in_production_the_worker_renders_the_document_after_the_agreement(cast, run_db_worker):
    pop = agree(cast)
    assert not AgreedPopDocument.objects.exists()  # the request does not wait for WeasyPrint
    run_db_worker()
    document = AgreedPopDocument.objects.get(pop=pop)
    assert freeze_agreed_pop.call(pop.pk) == document.sha256  # again: the same document
    assert AgreedPopDocument.objects.count() == 1
