"""Backups on the database's own tools: one archive, checked by its manifest, restorable
into an empty database, also when taken while people keep working."""

import io
import os
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import psycopg2
import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from plans.models import Action, PopVersion
from plans.portfolio.models import Evidence
from popsite.accounts.models import AuditEvent, OrganisationTally, User
from tests.factories import ActionFactory, SummaryItemFactory
from tests.plans.factories import evidence

ROOT = Path(__file__).resolve().parents[2]
# A backup reads committed data from outside any transaction, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "password")),
        "pops": sorted(
            PopVersion.objects.values_list("trajectory__worker__email", "number", "agreed_at")
        ),
        "actions": sorted(Action.objects.values_list("description", "deadline", "expected_result")),
        "audit": sorted(AuditEvent.objects.values_list("verb", "object_type", "object_id", "at")),
        # Restored as they were, not counted again by their triggers on the way in.
        "tallies": sorted(OrganisationTally.objects.values_list("organisation__name", "name", "n")),
    }


def test_a_restored_encrypted_backup_gives_the_same_pops_files_and_audit_log(
    tmp_path, settings, client
):
    from tests.conftest import make_cast

    settings.BACKUP_KEY = Fernet.generate_key().decode()
    cast = make_cast()
    SummaryItemFactory(pop=cast.pop, text="Ik wil bakker worden")
    proof = evidence(ActionFactory(pop=cast.pop, description="Stage bij de bakker"))
    client.force_login(cast.coach)
    client.get(reverse("plans:pop", args=[cast.pop.pk]))
    loose = default_storage.save("toestemming/scan.pdf", ContentFile(b"%PDF-1.4 scan"))
    before = snapshot()

    call_command("backup_site", str(tmp_path))
    archive = next(tmp_path.glob("pop-backup-*.tar.enc"))
    assert b"bakker" not in archive.read_bytes()  # encrypted
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(loose)
    default_storage.delete(proof.file.name)
    assert not User.objects.exists()

    call_command("restore_site", str(archive))
    assert snapshot() == before
    assert default_storage.open(loose).read() == b"%PDF-1.4 scan"
    assert default_storage.exists(Evidence.objects.get().file.name)


def test_restore_refuses_a_database_that_is_not_empty(cast, tmp_path):
    call_command("backup_site", str(tmp_path / "b.tar"))
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("restore_site", str(tmp_path / "b.tar"))


def test_a_changed_file_in_the_archive_is_refused_before_anything_is_restored(cast, tmp_path):
    evidence(ActionFactory(pop=cast.pop))
    call_command("backup_site", str(tmp_path / "b.tar"))
    with tarfile.open(tmp_path / "b.tar") as original, tarfile.open(tmp_path / "x.tar", "w") as bad:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data.replace(b"PDF", b"XXX")
            bad.addfile(member, io.BytesIO(data))
    call_command("restore_site", str(tmp_path / "b.tar"), verify_only=True)
    with pytest.raises(CommandError, match="Controlesom klopt niet voor: evidence/"):
        call_command("restore_site", str(tmp_path / "x.tar"), verify_only=True)


def test_a_wrong_or_missing_key_is_a_clear_refusal(cast, tmp_path, settings):
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    call_command("backup_site", str(tmp_path / "b.enc"))
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="sleutel klopt niet"):
        call_command("restore_site", str(tmp_path / "b.enc"), verify_only=True)
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError, match="versleuteld: zet BACKUP_KEY"):
        call_command("restore_site", str(tmp_path / "b.enc"), verify_only=True)


def test_a_file_missing_from_storage_fails_the_backup_by_name(cast, tmp_path):
    proof = evidence(ActionFactory(pop=cast.pop))
    default_storage.delete(proof.file.name)
    with pytest.raises(CommandError, match=f"1 bestand\\(en\\) ontbreken.*{proof.file.name}"):
        call_command("backup_site", str(tmp_path / "b.tar"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump snapshot under load")
def test_a_backup_taken_while_rows_are_written_restores_into_an_empty_database(tmp_path):
    from tests.conftest import make_cast

    cast = make_cast()
    stop = threading.Event()
    written = []

    def writer():
        # Each round writes rows that point at each other, and a stored file.
        while not stop.is_set():
            action = ActionFactory(pop=cast.pop)
            written.append(evidence(action, data=os.urandom(2048)).pk)
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5:
            threading.Event().wait(0.05)
        call_command("backup_site", str(tmp_path / "b.tar"))
    finally:
        stop.set()
        thread.join()
    assert len(written) > 5

    db = django_settings.DATABASES["default"]
    fresh = f"{db['NAME']}_restore"
    admin = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{fresh}"
        env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "media2")}
        done = subprocess.run(
            [sys.executable, "manage.py", "restore_site", str(tmp_path / "b.tar")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert "aantallen en bestandsverwijzingen kloppen" in done.stdout
        restored = psycopg2.connect(
            dbname=fresh, user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
        )
        with restored, restored.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM plans_evidence")
            count = cursor.fetchone()[0]
            cursor.execute(
                "SELECT COUNT(*) FROM plans_evidence e LEFT JOIN plans_action a"
                " ON a.id = e.action_id WHERE a.id IS NULL"
            )
            assert cursor.fetchone()[0] == 0  # no row points at one that was not in the dump
        restored.close()
        assert 5 <= count <= len(written)
        assert len(list((tmp_path / "media2" / "evidence").rglob("*"))) >= count
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.close()
