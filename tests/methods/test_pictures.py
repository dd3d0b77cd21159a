"""Pictures on Droompagina and Prentenbeeld: real images only, size-capped, scaled, served
only to those who may see the worksheet."""

from __future__ import annotations

import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from methods.models import WorksheetPicture
from tests.methods.factories import picture, worksheet
from tests.methods.images import jpeg_bytes, png_bytes


def upload(client, sheet, content: bytes, name: str, caption: str = "Mijn droom"):
    file = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(
        reverse("methods:picture-add", args=[sheet.pk]),
        {"image": file, "caption": caption},
        follow=True,
    )


def test_coach_adds_a_picture_which_is_scaled_down(cast, login):
    sheet = worksheet(cast.trajectory, "droompagina")
    response = upload(login(cast.coach), sheet, png_bytes((3200, 1800)), "strand.PNG")
    assert "De prent is toegevoegd." in response.content.decode()
    pic = WorksheetPicture.objects.get()
    assert pic.caption == "Mijn droom" and pic.image.name.endswith(".png")
    with default_storage.open(pic.image.name) as stored, Image.open(stored) as image:
        assert max(image.size) == 1600


def test_a_jpeg_is_kept_as_jpeg(cast, login):
    sheet = worksheet(cast.trajectory, "prentenbeeld")
    upload(login(cast.coach), sheet, jpeg_bytes(), "foto.jpeg")
    assert WorksheetPicture.objects.get().image.name.endswith(".jpg")


def test_a_file_that_is_not_an_image_is_refused(cast, login):
    sheet = worksheet(cast.trajectory, "droompagina")
    response = upload(login(cast.coach), sheet, b"%PDF-1.4 geen prent", "prent.png")
    assert "Dit bestand is geen afbeelding." in response.content.decode()
    assert not WorksheetPicture.objects.exists()


def test_an_eight_megabyte_picture_is_refused(cast, login):
    sheet = worksheet(cast.trajectory, "droompagina")
    big = png_bytes() + b"\0" * (8 * 1024 * 1024)
    response = upload(login(cast.coach), sheet, big, "groot.png")
    assert "te groot" in response.content.decode() and "5 MB" in response.content.decode()
    assert not WorksheetPicture.objects.exists()


def test_pictures_are_served_only_to_who_may_see_the_worksheet(cast, login):
    sheet = worksheet(cast.trajectory, "droompagina")
    pic = picture(sheet)
    url = reverse("methods:picture", args=[sheet.pk, pic.pk])
    response = login(cast.worker).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (40, 30)
    for outsider in (cast.other_coach, cast.other_worker, cast.floor_supervisor):
        assert login(outsider).get(url).status_code == 404
    other_sheet = worksheet(cast.trajectory, "prentenbeeld")
    wrong = reverse("methods:picture", args=[other_sheet.pk, pic.pk])
    assert login(cast.worker).get(wrong).status_code == 404


def test_the_worker_uploads_to_homework_sheets_only(cast, login):
    # Droompagina and Prentenbeeld are homework (§4.5.3.2); Klokwijs photos are the talk's.
    sheet = worksheet(cast.trajectory, "klokwijs")
    file = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    response = login(cast.worker).post(
        reverse("methods:picture-add", args=[sheet.pk]), {"image": file}
    )
    assert response.status_code == 404
    assert not WorksheetPicture.objects.exists()


def test_pictures_belong_only_on_picture_worksheets(cast, login):
    sheet = worksheet(cast.trajectory, "hand")
    response = upload(login(cast.coach), sheet, png_bytes(), "p.png")
    assert response.status_code == 404
    assert not WorksheetPicture.objects.exists()


def test_klokwijs_takes_photos_too(cast, login):
    sheet = worksheet(cast.trajectory, "klokwijs")
    response = upload(login(cast.coach), sheet, png_bytes(), "ochtend.png", caption="Ochtend")
    assert "De prent is toegevoegd." in response.content.decode()
    assert "Ochtend" in response.content.decode()


def test_a_small_file_that_decodes_to_a_huge_bitmap_is_refused(cast, login):
    sheet = worksheet(cast.trajectory, "droompagina")
    bomb = png_bytes(size=(8000, 6000), color="white")  # compresses to a few kB
    assert len(bomb) < 5 * 1024 * 1024
    response = upload(login(cast.coach), sheet, bomb, "wit.png")
    assert response.status_code == 200
    assert not WorksheetPicture.objects.exists()
