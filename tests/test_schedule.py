"""The one scheduler entry: every daily job once a day, however many hosts run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from popsite import schedule
from popsite.accounts.models import ScheduledRun

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def jobs(monkeypatch):
    """An empty registry for the test's own jobs, so real jobs do not run."""
    monkeypatch.setattr(schedule, "_jobs", {})
    return schedule


def run_schedule() -> int:
    """The exit code manage.py gives (a CommandError's return code)."""
    try:
        call_command("run_schedule")
    except CommandError as error:
        return error.returncode
    return 0


@pytest.mark.django_db
def test_it_runs_each_job_once_a_day(jobs, capsys):
    calls = []
    jobs.daily("one")(lambda: calls.append("one") or "gedaan")

    assert run_schedule() == 0
    assert run_schedule() == 0

    assert calls == ["one"]
    run = ScheduledRun.objects.get(job="one")
    assert (run.status, run.outcome) == (ScheduledRun.Status.DONE, "gedaan")
    assert "one: al gedaan of bezig vandaag" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_failing_job_exits_non_zero_the_others_still_run_and_the_next_run_retries(jobs, capsys):
    broken = {"yes": True}
    calls = []

    def flaky() -> str:
        calls.append("flaky")
        if broken["yes"]:
            raise RuntimeError("mailserver weg")
        return "hersteld"

    jobs.daily("flaky")(flaky)
    jobs.daily("steady")(lambda: calls.append("steady") or "ok")

    assert run_schedule() == 1
    assert "flaky: failed RuntimeError: mailserver weg" in capsys.readouterr().out
    assert ScheduledRun.objects.get(job="flaky").outcome == "RuntimeError: mailserver weg"

    broken["yes"] = False
    assert run_schedule() == 0
    assert calls == ["flaky", "steady", "flaky"]
    assert ScheduledRun.objects.get(job="flaky").status == ScheduledRun.Status.DONE


def test_two_jobs_cannot_share_a_name(jobs):
    jobs.daily("same")(lambda: "")
    with pytest.raises(Exception, match="Two daily jobs"):
        jobs.daily("same")(lambda: "")


def test_every_app_registers_its_daily_jobs():
    assert list(schedule.daily_jobs()) == [
        "sessions",
        "task-results",
        "erasure",
        "reminders",
        "export-retention",
    ]


@pytest.mark.django_db(transaction=True)
def test_two_hosts_at_once_run_each_job_once():
    if connection.vendor != "postgresql":
        pytest.skip("two processes need a database server (the test database is in memory)")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    hosts = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_schedule"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [host.communicate(timeout=120) for host in hosts]

    assert [host.returncode for host in hosts] == [0, 0], outputs
    names = list(schedule.daily_jobs())
    for name in names:
        done = [out for out, _err in outputs if f"{name}: done" in out]
        skipped = [out for out, _err in outputs if f"{name}: al gedaan" in out]
        assert (len(done), len(skipped)) == (1, 1), (name, outputs)
    assert ScheduledRun.objects.filter(status=ScheduledRun.Status.DONE).count() == len(names)
