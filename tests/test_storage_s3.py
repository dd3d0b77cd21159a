"""Files on an S3-compatible bucket, for real: a local S3 endpoint (moto's server) on a
free port, one bucket per test, configured the way popsite/settings.py reads it from the
environment. Uploads, presigned downloads, and a backup restored into another bucket."""

from __future__ import annotations

import hashlib
import json
import runpy
import tarfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

import popsite.settings
from methods.pdf import appendix_html
from plans.portfolio.models import Evidence
from popsite.accounts.models import AuditEvent
from popsite.settings import S3_STORAGE, s3_options
from tests.factories import ActionFactory
from tests.methods.factories import picture, worksheet
from tests.plans.factories import PDF

pytestmark = pytest.mark.s3
REGION = "eu-west-1"


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _environment(endpoint: str, bucket: str) -> dict[str, str]:
    return {
        "FILE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }


def _client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def _new_bucket(endpoint: str) -> str:
    name = f"pop-{uuid.uuid4().hex[:12]}"
    _client(endpoint).create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    return name


def use_bucket(settings, endpoint: str, bucket: str) -> None:
    """What a fresh app server reads from its environment (a new storage instance)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": S3_STORAGE, "OPTIONS": s3_options(_environment(endpoint, bucket))},
    }


@pytest.fixture
def bucket(s3_endpoint, settings) -> str:
    name = _new_bucket(s3_endpoint)
    use_bucket(settings, s3_endpoint, name)
    return name


def _upload(client, cast) -> Evidence:
    action = ActionFactory(pop=cast.pop)
    response = client.post(
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]),
        {"file": SimpleUploadedFile("attest.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302
    return Evidence.objects.get()


def test_an_upload_on_one_server_downloads_on_another_by_a_short_presigned_url(
    cast, settings, s3_endpoint, bucket
):
    first = Client()
    first.force_login(cast.worker)
    item = _upload(first, cast)
    stored = _client(s3_endpoint).get_object(Bucket=bucket, Key=item.file.name)
    assert stored["Body"].read() == PDF
    assert not (settings.MEDIA_ROOT.exists() and any(settings.MEDIA_ROOT.rglob("*")))
    acl = _client(s3_endpoint).get_object_acl(Bucket=bucket, Key=item.file.name)
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]
    assert acl["Grants"][0]["Grantee"]["Type"] == "CanonicalUser"  # the owner only

    use_bucket(settings, s3_endpoint, bucket)  # the second server: its own storage
    second = Client()
    second.force_login(cast.coach)
    looks = AuditEvent.objects.filter(verb=AuditEvent.Verb.VIEW).count()
    response = second.get(reverse("plans:evidence-file", args=[item.pk]))

    assert response.status_code == 302
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.VIEW).count() == looks + 1
    url = response["Location"]
    assert url.startswith(s3_endpoint)
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["60"]
    with urllib.request.urlopen(url) as answer:
        assert answer.read() == PDF
        assert "attachment" in answer.headers["Content-Disposition"]
        assert answer.headers["Content-Type"] == "application/pdf"


def test_an_unsigned_url_is_not_handed_out_and_outsiders_get_404(cast, login, bucket):
    item = _upload(login(cast.worker), cast)
    response = login(cast.other_coach).get(reverse("plans:evidence-file", args=[item.pk]))
    assert response.status_code == 404
    assert "Location" not in response


def test_a_file_gone_from_the_bucket_is_the_dutch_404_page(cast, login, bucket):
    item = _upload(login(cast.worker), cast)
    default_storage.delete(item.file.name)
    response = login(cast.coach).get(reverse("plans:evidence-file", args=[item.pk]))
    assert response.status_code == 404
    assert "Dit bestand is niet beschikbaar" in response.content.decode()
    assert bucket not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_backup_on_s3_restores_into_an_empty_bucket_with_matching_checksums(
    settings, s3_endpoint, bucket, tmp_path
):
    from tests.conftest import make_cast

    cast = make_cast()
    client = Client()
    client.force_login(cast.worker)
    item = _upload(client, cast)
    name = item.file.name

    call_command("backup_site", str(tmp_path / "b.tar"))
    with tarfile.open(tmp_path / "b.tar") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["files"] == {name: hashlib.sha256(PDF).hexdigest()}
    assert manifest["missing"] == []

    call_command("flush", interactive=False, verbosity=0)
    empty = _new_bucket(s3_endpoint)
    use_bucket(settings, s3_endpoint, empty)
    call_command("restore_site", str(tmp_path / "b.tar"))

    restored = _client(s3_endpoint).get_object(Bucket=empty, Key=name)["Body"].read()
    assert hashlib.sha256(restored).hexdigest() == manifest["files"][name]
    assert Evidence.objects.get().file.name == name
    coach = Client()
    coach.force_login(cast.coach)
    response = coach.get(reverse("plans:evidence-file", args=[Evidence.objects.get().pk]))
    with urllib.request.urlopen(response["Location"]) as answer:
        assert answer.read() == PDF


def test_the_worksheet_appendix_carries_its_pictures_from_the_bucket(cast, bucket):
    picture(worksheet(cast.trajectory, "droompagina"))
    assert "data:image/png;base64," in appendix_html(cast.pop)


def test_a_bucket_that_refuses_the_write_keeps_no_row_and_says_so_in_dutch(
    cast, login, settings, s3_endpoint
):
    use_bucket(settings, s3_endpoint, "pop-niet-aangemaakt")
    action = ActionFactory(pop=cast.pop)
    response = login(cast.worker).post(
        reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]),
        {"file": SimpleUploadedFile("attest.pdf", PDF, content_type="application/pdf")},
    )
    html = response.content.decode()
    assert "Het bestand kon niet worden bewaard" in html
    assert "NoSuchBucket" not in html and "pop-niet-aangemaakt" not in html
    assert not Evidence.objects.exists()


def test_file_storage_s3_in_the_environment_configures_a_private_signed_bucket(
    s3_endpoint, monkeypatch
):
    for name, value in _environment(s3_endpoint, "pop-bestanden").items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_QUERYSTRING_EXPIRE", raising=False)
    read = runpy.run_path(str(Path(popsite.settings.__file__)))
    default = read["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**default["OPTIONS"])
    assert (storage.bucket_name, storage.endpoint_url) == ("pop-bestanden", s3_endpoint)
    assert storage.default_acl is None and storage.querystring_auth
    assert (storage.querystring_expire, storage.file_overwrite) == (60, False)


def test_a_worksheet_picture_is_shown_from_this_origin_not_by_redirect(cast, login, bucket):
    sheet = worksheet(cast.trajectory, "droompagina")
    item = picture(sheet)
    response = login(cast.coach).get(reverse("methods:picture", args=[sheet.pk, item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with default_storage.open(item.image.name) as stored:
        assert b"".join(response.streaming_content) == stored.read()
