"""Backups on the database's own tools, restorable while people keep working.

One archive (tar) holds:
- ``database.dump``: ``pg_dump -Fc`` run on an exported snapshot, or ``database.sqlite3``
  from SQLite's online backup API; either way one consistent moment;
- ``files/<name>``: every stored file, read through the storage API (local disk or S3);
- ``manifest.json``: SHA-256 of every member, the row count of every table and every
  file reference, all read in that same snapshot, so a restore can prove it is whole.

With BACKUP_KEY set the archive is encrypted in chunks with Fernet (AES-128-CBC and
HMAC-SHA256 from ``cryptography``): streamable, and tampering is detected.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg2
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection, models
from django.utils import timezone

MAGIC = b"POP-BACKUP-FERNET-1\n"
CHUNK = 4 * 1024 * 1024
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Dutch, for the operator."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _tables() -> dict[str, list[str]]:
    """Every table Django manages, with its file columns."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            found[model._meta.db_table] = [
                f.column for f in model._meta.fields if isinstance(f, models.FileField)
            ]
    return found


def _read_state(cursor) -> tuple[dict[str, int], list[str]]:
    """Row counts and stored-file references, through a DB-API cursor on the snapshot."""
    counts, references = {}, set()
    existing = set(connection.introspection.table_names())
    for table, file_columns in sorted(_tables().items()):
        if table not in existing:
            continue
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
        for column in file_columns:
            cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\'')
            references.update(row[0] for row in cursor.fetchall())
    return counts, sorted(references)


def _pg_params() -> dict[str, str]:
    db = settings.DATABASES["default"]
    return {
        "dbname": db["NAME"],
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
    }


def _pg_env(params: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in [("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")]:
        if params[key]:
            env[name] = params[key]
    if params["password"]:
        env["PGPASSWORD"] = params["password"]
    return env


def _dump_database(folder: Path) -> tuple[str, dict[str, int], list[str]]:
    if connection.in_atomic_block:
        # SQLite's backup would wait forever on this connection's own write lock.
        raise BackupError("Een back-up loopt niet binnen een databasetransactie.")
    if connection.vendor == "postgresql":
        params = _pg_params()
        snapshot_holder = psycopg2.connect(**{k: v for k, v in params.items() if v})
        try:
            snapshot_holder.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with snapshot_holder.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                target = folder / "database.dump"
                completed = subprocess.run(
                    [
                        "pg_dump",
                        "-Fc",
                        f"--snapshot={snapshot}",
                        "-f",
                        str(target),
                        params["dbname"],
                    ],
                    env=_pg_env(params),
                    capture_output=True,
                    text=True,
                )
                if completed.returncode:
                    raise BackupError(f"pg_dump mislukt: {completed.stderr.strip()}")
                counts, references = _read_state(cursor)
        finally:
            snapshot_holder.close()
        return target.name, counts, references
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            counts, references = _read_state(copy.cursor())
        finally:
            copy.close()
        return target.name, counts, references
    raise BackupError(f"Geen back-up voor database {connection.vendor}.")


def _walk(storage, folder: str = "") -> Iterator[str]:
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}{name}"
    for directory in directories:
        yield from _walk(storage, f"{folder}{directory}/")


def _stored_names(references: list[str]) -> list[str]:
    names = set(references)
    with contextlib.suppress(FileNotFoundError, NotImplementedError):
        names.update(_walk(default_storage))
    return sorted(names)


def backup(target: Path, *, key: str = "") -> dict:
    """Write one archive to ``target``; returns the manifest."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database, counts, references = _dump_database(work)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": {"name": database, "sha256": _sha256(work / database)},
            "counts": counts,
            "references": references,
            "files": {},
            "missing": [],
        }
        plain = work / "archive.tar"
        with tarfile.open(plain, "w") as archive:
            archive.add(work / database, arcname=database)
            for name in _stored_names(references):
                try:
                    handle = default_storage.open(name, "rb")
                except OSError:
                    # Deleted since the snapshot (or never there): the restore check names it.
                    manifest["missing"].append(name)
                    continue
                with handle, tempfile.NamedTemporaryFile(dir=work) as copy:
                    shutil.copyfileobj(handle, copy, CHUNK)
                    copy.flush()
                    manifest["files"][name] = _sha256(Path(copy.name))
                    archive.add(copy.name, arcname=f"files/{name}")
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        target.parent.mkdir(parents=True, exist_ok=True)
        if key:
            _encrypt(plain, target, key)
        else:
            shutil.move(plain, target)
    return manifest


def _fernet(key: str) -> Fernet:
    try:
        return Fernet(key.encode())
    except ValueError as error:
        raise BackupError("BACKUP_KEY is geen geldige sleutel (zie docs/DEPLOYMENT.md).") from error


def _encrypt(plain: Path, target: Path, key: str) -> None:
    fernet = _fernet(key)
    with plain.open("rb") as source, target.open("wb") as out:
        out.write(MAGIC)
        for block in iter(lambda: source.read(CHUNK), b""):
            token = fernet.encrypt(block)
            out.write(struct.pack(">I", len(token)) + token)


def _decrypt(source: Path, plain: Path, key: str) -> None:
    if not key:
        raise BackupError("Deze back-up is versleuteld: zet BACKUP_KEY.")
    fernet = _fernet(key)
    with source.open("rb") as handle, plain.open("wb") as out:
        handle.read(len(MAGIC))
        while header := handle.read(4):
            token = handle.read(struct.unpack(">I", header)[0])
            try:
                out.write(fernet.decrypt(token))
            except InvalidToken as error:
                raise BackupError("De back-up is beschadigd of de sleutel klopt niet.") from error


def _is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _unpack(source: Path, work: Path, key: str) -> dict:
    plain = source
    if _is_encrypted(source):
        plain = work / "archive.tar"
        _decrypt(source, plain, key)
    try:
        with tarfile.open(plain) as archive:
            archive.extractall(work / "content", filter="data")
    except tarfile.TarError as error:
        raise BackupError("Dit is geen leesbare back-up.") from error
    content = work / "content"
    try:
        manifest = json.loads((content / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError("De back-up heeft geen leesbaar manifest.") from error
    bad = []
    database = manifest["database"]
    if _sha256(content / database["name"]) != database["sha256"]:
        bad.append(database["name"])
    for name, digest in manifest["files"].items():
        path = content / "files" / name
        if not path.is_file() or _sha256(path) != digest:
            bad.append(name)
    if bad:
        raise BackupError(f"Controlesom klopt niet voor: {', '.join(bad[:10])}")
    return manifest


def verify(source: Path, *, key: str = "") -> dict:
    """Check an archive against its manifest without restoring it."""
    with tempfile.TemporaryDirectory() as work:
        return _unpack(source, Path(work), key)


def restore(source: Path, *, key: str = "") -> dict:
    """Restore into an empty database and storage; returns the integrity report."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = _unpack(source, work, key)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"Deze back-up komt van {manifest['vendor']}; deze site draait op {connection.vendor}."
            )
        _refuse_filled_database()
        content = work / "content"
        _restore_database(content / manifest["database"]["name"])
        for name in manifest["files"]:
            with (content / "files" / name).open("rb") as handle:
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, File(handle))
            if saved != name:
                raise BackupError(f"Bestand {name} kwam terug als {saved}.")
    return check(manifest)


def _refuse_filled_database() -> None:
    tables = set(connection.introspection.table_names())
    user_table = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    if user_table in tables:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT 1 FROM "{user_table}" LIMIT 1')
            if cursor.fetchone():
                raise BackupError(
                    "De database is niet leeg: herstel alleen in een nieuwe database."
                )


def _restore_database(path: Path) -> None:
    if connection.vendor == "postgresql":
        params = _pg_params()
        connection.close()  # pg_restore --clean drops the tables this connection may hold
        completed = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                "-d",
                params["dbname"],
                str(path),
            ],
            env=_pg_env(params),
            capture_output=True,
            text=True,
        )
        if completed.returncode:
            raise BackupError(f"pg_restore mislukt: {completed.stderr.strip()}")
        return
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def check(manifest: dict) -> dict:
    """Row counts as in the snapshot, every file reference resolves in storage."""
    with connection.cursor() as cursor:
        counts, references = _read_state(cursor)
    wrong_counts = {
        table: (expected, counts.get(table))
        for table, expected in manifest["counts"].items()
        if counts.get(table) != expected
    }
    unresolved = [name for name in references if not default_storage.exists(name)]
    report = {
        "tables": len(counts),
        "rows": sum(counts.values()),
        "files": len(manifest["files"]),
        "wrong_counts": wrong_counts,
        "unresolved": unresolved,
    }
    if wrong_counts or unresolved:
        raise BackupError(f"Integriteitscontrole mislukt: {json.dumps(report)}")
    return report
