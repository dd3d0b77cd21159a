"""The appendix with the worksheets of a POP's cycle."""

from __future__ import annotations

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from methods.models import Worksheet
from methods.pdf import appendix_html
from methods.selectors import cycle_worksheets
from tests.factories import PopVersionFactory
from tests.methods.factories import picture, worksheet


def made_at(sheet: Worksheet, when: datetime.datetime) -> Worksheet:
    Worksheet.objects.filter(pk=sheet.pk).update(created_at=when)
    return sheet


def test_a_follow_up_pops_cycle_starts_after_the_previous_agreement(cast):
    now = timezone.now()
    first = cast.pop
    first.agreed_at = now - datetime.timedelta(days=30)
    first.save()
    old = made_at(worksheet(cast.trajectory), now - datetime.timedelta(days=40))
    follow_up = PopVersionFactory(
        trajectory=cast.trajectory, number=2, previous=first, is_follow_up=True
    )
    new = made_at(worksheet(cast.trajectory, "kwaliteitenspel"), now - datetime.timedelta(days=3))
    assert list(cycle_worksheets(first)) == [old]
    assert list(cycle_worksheets(follow_up)) == [new]
    revision = PopVersionFactory(trajectory=cast.trajectory, number=3, previous=follow_up)
    assert list(cycle_worksheets(revision)) == [new]


def test_the_appendix_lays_out_each_worksheet(cast):
    hand = worksheet(cast.trajectory)
    hand.answers = {"thumb": "Groenten snijden"}
    hand.conclusion = "Keuken"
    hand.save()
    picture(worksheet(cast.trajectory, "droompagina"))
    html = appendix_html(cast.pop)
    assert "HAND-methodiek" in html and "Groenten snijden" in html and "Droompagina" in html
    assert "data:image/png;base64," in html


def test_worker_downloads_the_appendix_as_pdf(cast, login):
    hand = worksheet(cast.trajectory)
    hand.answers = {"thumb": "Groenten snijden"}
    hand.save()
    response = login(cast.worker).get(reverse("methods:pop-appendix", args=[cast.pop.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('_POP_VANDERBERGHE_SOFIE_ONTWERP_BIJLAGE.pdf"')
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Groenten snijden" in text
    assert (
        login(cast.other_coach).get(reverse("methods:pop-appendix", args=[cast.pop.pk])).status_code
        == 404
    )


def test_the_pop_pdf_can_carry_the_worksheets_as_appendix(cast, login):
    sheet = worksheet(cast.trajectory)
    url = reverse("plans:pop-pdf", args=[cast.pop.pk])
    client = login(cast.coach)
    plain = PdfReader(io.BytesIO(client.get(url).content))
    with_appendix = PdfReader(io.BytesIO(client.get(url, {"bijlage": "1"}).content))
    assert len(with_appendix.pages) > len(plain.pages)
    last = with_appendix.pages[-1].extract_text()
    assert sheet.method.name in last or "HAND" in last
    assert "Persoonsgegevens" in with_appendix.pages[0].extract_text()
