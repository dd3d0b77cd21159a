"""Load driver for `make bench`: logs in one account per role and drives each role's
main pages with N concurrent users against a running server, from this second process.

Reports requests/s, median and p95 latency and errors per page, and each page's p95
as a ratio to the floor view (/gezond/: one query through the same stack).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import threading
import time
import urllib.parse
from collections import defaultdict
from http.cookies import SimpleCookie

PASSWORD = "load-test-2026"


class Session:
    def __init__(self, base: str) -> None:
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            raise
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, data, dict(response.headers)

    def login(self, email: str) -> None:
        status, page, _ = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD}
        )
        status, _, headers = self.request("POST", "/login/", body)
        if status != 302:
            raise SystemExit(f"login failed for {email}: {status}")


def pick_accounts() -> dict[str, dict]:
    """Choose the busiest account of each role from the load data (needs Django set up)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "popsite.settings")
    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count

    from plans.models import PopVersion, Trajectory
    from popsite.accounts.models import Membership, Role, User

    coach = (
        User.objects.filter(memberships__role=Role.COACH)
        .annotate(n=Count("coached_trajectories"))
        .order_by("-n")
        .first()
    )
    trajectory = Trajectory.objects.filter(coaches=coach).exclude(phase="afgerond").first()
    pop = PopVersion.objects.filter(trajectory=trajectory).order_by("-number").first()
    ambassador = Membership.objects.filter(role=Role.AMBASSADOR).select_related("user").first()
    trainer = Membership.objects.filter(role=Role.TRAINER).select_related("user").first()
    admin, _ = User.objects.get_or_create(
        email="bench-admin@voorbeeld.be",
        defaults={
            "first_name": "Bench",
            "last_name": "Admin",
            "is_staff": True,
            "password": make_password(PASSWORD),
        },
    )
    return {
        "coach": {
            "email": coach.email,
            "pages": {
                "coach home": "/coach/",
                "trajectory": f"/trajecten/{trajectory.pk}/",
                "POP page": f"/pop/{pop.pk}/",
            },
        },
        "worker": {"email": trajectory.worker.email, "pages": {"worker home": "/mijn-pop/"}},
        "trainer": {"email": trainer.user.email, "pages": {"trainer home": "/trainer/"}},
        "ambassador": {
            "email": ambassador.user.email,
            "pages": {"ambassador overview": "/ambassadeur/"},
        },
        "admin": {"email": admin.email, "pages": {"admin home": "/beheer/"}},
    }


def run(base: str, users: int, seconds: float, accounts: dict[str, dict]) -> dict:
    roles = list(accounts)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    ready = threading.Barrier(users)

    def user(index: int) -> None:
        role = roles[index % len(roles)]
        session = Session(base)
        session.login(accounts[role]["email"])
        pages = list(accounts[role]["pages"].items()) + [("floor (/gezond/)", "/gezond/")]
        ready.wait()
        i = 0
        while time.monotonic() < deadline:
            name, path = pages[i % len(pages)]
            i += 1
            started = time.perf_counter()
            try:
                status, _, _ = session.request("GET", path)
            except (http.client.HTTPException, OSError):
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies[name].append(elapsed)
                if status != 200:
                    errors[name] += 1

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    floor_p95 = _p95(latencies["floor (/gezond/)"])
    report = {}
    for name, values in sorted(latencies.items()):
        p95 = _p95(values)
        report[name] = {
            "requests": len(values),
            "req_per_s": round(len(values) / wall, 1),
            "median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1),
            "p95_vs_floor": round(p95 / floor_p95, 2) if floor_p95 else None,
            "errors": errors[name],
        }
    return report


def _p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    report = run(args.base, args.users, args.seconds, pick_accounts())
    width = max(len(name) for name in report)
    print(f"{'page':<{width}}  requests  req/s  median ms  p95 ms  p95/floor  errors")
    for name, row in report.items():
        print(
            f"{name:<{width}}  {row['requests']:>8}  {row['req_per_s']:>5}  {row['median_ms']:>9}"
            f"  {row['p95_ms']:>6}  {row['p95_vs_floor']!s:>9}  {row['errors']:>6}"
        )
    if args.out:
        with open(args.out, "w") as handle:
            json.dump(report, handle, indent=2)


if __name__ == "__main__":
    main()
