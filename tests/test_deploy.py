"""The deployment kit in deploy/: checked by the tools that will read it."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def self_signed(folder: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pop.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (folder / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def test_the_nginx_example_passes_nginx_t(tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx-light; .ci/run does)")
    self_signed(tmp_path)
    site = (DEPLOY / "nginx" / "pop.conf").read_text().replace("/etc/ssl/pop", str(tmp_path))
    (tmp_path / "pop.conf").write_text(site)
    # A main file of our own, everything under tmp_path: no root, no /var/log, no pid file
    # of the machine's nginx.
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\n  access_log off;\n  include {tmp_path}/pop.conf;\n}}\n"
    )
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_nginx_takes_the_bodies_the_app_takes_and_serves_downloads_internally():
    site = (DEPLOY / "nginx" / "pop.conf").read_text()
    size = re.search(r"client_max_body_size (\d+)m;", site)
    assert size and int(size[1]) * 1024 * 1024 == settings.MAX_REQUEST_BYTES
    protected = re.search(r"location /_protected/ \{([^}]*)\}", site)
    assert protected and "internal;" in protected[1]
    env = (DEPLOY / "pop.env.example").read_text()
    assert "DOWNLOADS_X_ACCEL_PREFIX=/_protected/" in env
    assert f"alias {_env(env, 'MEDIA_ROOT')}/;" in protected[1]
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site


def _env(text: str, name: str) -> str:
    return re.search(rf"^{name}=(.*)$", text, re.MULTILINE)[1]


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian's systemd package has it)")
    # verify insists that ExecStart's programs exist: a small tree like the one the
    # install makes (docs/DEPLOYMENT.md), with stand-ins for the venv's programs.
    srv = tmp_path / "srv" / "pop"
    for program in ("venv/bin/gunicorn", "venv/bin/python"):
        path = srv / program
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    units = tmp_path / "units"
    units.mkdir()
    for unit in (DEPLOY / "systemd").iterdir():
        (units / unit.name).write_text(unit.read_text().replace("/srv/pop", str(srv)))
    checked = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(str(p) for p in units.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    ours = [line for line in checked.stderr.splitlines() if str(units) in line or "pop-" in line]
    assert checked.returncode == 0 and not ours, checked.stderr


def test_the_image_installs_as_a_host_does_from_the_lock_the_makefile_uses():
    install = "pip install --quiet --require-hashes -r requirements.lock"
    assert install in (DEPLOY / "install.sh").read_text()
    assert install in (ROOT / "Makefile").read_text()
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "RUN deploy/install.sh /srv/pop/venv" in dockerfile
    # WeasyPrint's system libraries, and pg_dump for backup_site.
    for package in (
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "fonts-dejavu-core",
        "postgresql-client",
    ):
        assert package in dockerfile


def test_the_lock_pins_every_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["sentry"]
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {
        canonicalize_name(line.split("==")[0]): line
        for line in lock.splitlines()
        if re.match(r"^[A-Za-z0-9]", line)
    }
    missing = [r for r in wanted if canonicalize_name(Requirement(r).name) not in pinned]
    assert not missing, "run `make lock` after changing pyproject.toml"
    assert all(line.endswith("\\") for line in pinned.values())  # each followed by hashes


def test_compose_runs_web_worker_and_scheduler_from_one_image():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "web", "worker", "scheduler"} <= set(services)
    for name in ("web", "worker", "scheduler"):
        assert services[name]["build"]["dockerfile"] == "deploy/Dockerfile"
    assert "db_worker" in services["worker"]["command"]
    assert "run_schedule" in " ".join(services["scheduler"]["command"])
