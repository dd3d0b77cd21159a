"""Load driver for `make bench` (docs/PERFORMANCE.md), standard library only, run from
a second process against running servers, one per data size.

1. Unloaded: one request at a time, every page request right after a request to the
   floor view /gezond/ (one query through the same stack) on the same server, in
   rounds over every page and every data size, so noise on the shared machine hits
   page and floor alike. Per page: median and p95, median / floor median, and the
   median at the largest data size / the median at the smallest.
2. Writes, the same way: save a POP part, add an action, confirm the POP.
3. Saturated, on the largest data size: N users over the mixed workload of every role,
   then N users on the floor view alone, in the same run: requests per second of each,
   and the errors of the mixed run.

`python -m bench.bench accounts` (with DATABASE_URL) picks the accounts and pages of
one database and prints them as JSON; the driver runs it once per data size.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import hmac
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from http.cookies import SimpleCookie

PASSWORD = "load-test-2026"
# The bench admin's authenticator key (hex, as django-otp stores it): staff give a code
# after the password (popsite.accounts.second_factor).
ADMIN_TOTP_KEY = "62656e63682d61646d696e2d746f74702d6b6579"
FLOOR = "/gezond/"


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

    def timed(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        try:
            status, data, _ = self.request(method, path, body)
        except (http.client.HTTPException, OSError):
            status, data = 0, b""
        return status, data, time.perf_counter() - started

    def login(self, email: str, totp_key: str | None = None) -> None:
        status, page, _ = self.request("GET", "/login/")
        body = _form(page, {"username": email, "password": PASSWORD})
        status, _, headers = self.request("POST", "/login/", body)
        if status != 302:
            raise SystemExit(f"login failed for {email}: {status}")
        if totp_key:
            self.second_factor(email, totp_key)

    def second_factor(self, email: str, key: str) -> None:
        # A code works once: a second login in the same half minute waits for the next.
        for _attempt in range(2):
            page = self.request("GET", "/tweede-factor/code/")[1]
            body = _form(page, {"code": totp(key)})
            if self.request("POST", "/tweede-factor/code/", body)[0] == 302:
                return
            time.sleep(30 - time.time() % 30 + 1)
        raise SystemExit(f"second factor refused for {email}")


def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238 with django-otp's defaults (30 s steps, 6 digits, SHA-1)."""
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(bytes.fromhex(key_hex), counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return f"{(int.from_bytes(mac[offset : offset + 4], 'big') & 0x7FFFFFFF) % 10**6:06d}"


def pick_accounts() -> dict:
    """The busiest account of each role in the load data of DATABASE_URL, their main
    pages, and a second POP of the same coach for the writes (needs Django set up)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "popsite.settings")
    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from methods.models import Method, Worksheet
    from methods.services import worksheet_create
    from plans.models import PopVersion, Trajectory
    from popsite.accounts.models import Membership, Role, User

    coach = (
        User.objects.filter(memberships__role=Role.COACH)
        .annotate(n=Count("coached_trajectories"))
        .order_by("-n", "pk")
        .first()
    )
    open_pops = [
        PopVersion.objects.filter(trajectory=t).order_by("-number").first()
        for t in Trajectory.objects.filter(coaches=coach).exclude(phase="afgerond").order_by("pk")
    ]
    pop = open_pops[0]
    trajectory = pop.trajectory
    writable = next(p for p in open_pops[1:] if not p.is_agreed and not p.missing_for_agreement())
    sheet = Worksheet.objects.filter(trajectory=trajectory).first() or worksheet_create(
        trajectory=trajectory, method=Method.objects.get(code="hand"), by=coach
    )
    ambassador = (
        Membership.objects.filter(role=Role.AMBASSADOR)
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )
    trainer = Membership.objects.filter(role=Role.TRAINER).select_related("user").order_by("pk")
    admin, _ = User.objects.get_or_create(
        email="bench-admin@voorbeeld.be",
        defaults={
            "first_name": "Bench",
            "last_name": "Admin",
            "is_staff": True,
            "password": make_password(PASSWORD),
        },
    )
    TOTPDevice.objects.get_or_create(
        user=admin, defaults={"name": "bench", "confirmed": True, "key": ADMIN_TOTP_KEY}
    )
    # Ambassadors keep counts; the monthly package is the registrar's (issue 15).
    registrar, _ = User.objects.get_or_create(
        email="bench-registratie@voorbeeld.be",
        defaults={
            "first_name": "Bench",
            "last_name": "Registratie",
            "password": make_password(PASSWORD),
        },
    )
    Membership.objects.get_or_create(
        user=registrar, organisation=ambassador.organisation, role=Role.REGISTRAR
    )
    last_month = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
    t = trajectory.pk
    return {
        "coach": {
            "email": coach.email,
            "pages": {
                "coach home": "/coach/",
                "trajectory": f"/trajecten/{t}/",
                "POP page": f"/pop/{pop.pk}/",
                "worksheets": f"/methodieken/trajecten/{t}/werkbladen/",
                "worksheet": f"/methodieken/werkbladen/{sheet.pk}/",
                "portfolio (coach)": f"/trajecten/{t}/portfolio/",
                "growth": f"/trajecten/{t}/portfolio/groei/",
                "hours registration": "/registratie/uren/",
            },
            "write_pop": writable.pk,
        },
        "worker": {
            "email": trajectory.worker.email,
            "pages": {
                "worker home": "/mijn-pop/",
                "portfolio (worker)": f"/trajecten/{t}/portfolio/",
            },
        },
        "trainer": {
            "email": trainer.first().user.email,
            "pages": {"trainer home": "/trainer/", "trainings": "/registratie/opleidingen/"},
        },
        "ambassador": {
            "email": ambassador.user.email,
            "pages": {"ambassador overview": "/ambassadeur/"},
        },
        "registrar": {
            "email": registrar.email,
            "pages": {
                "export": "/registratie/export/",
                "export, month checked": (
                    f"/registratie/export/?month={last_month:%Y-%m}"
                    f"&organisation={ambassador.organisation.slug}"
                ),
            },
        },
        "admin": {
            "email": admin.email,
            "totp_key": ADMIN_TOTP_KEY,
            "pages": {"admin home": "/beheer/"},
        },
    }


def accounts_of(database_url: str) -> dict:
    """pick_accounts in a process of its own: Django sets up one database per process."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.bench", "accounts"],
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def logged_in(base: str, accounts: dict) -> dict[str, Session]:
    sessions = {}
    for role, account in accounts.items():
        sessions[role] = Session(base)
        sessions[role].login(account["email"], account.get("totp_key"))
    return sessions


def unloaded(targets: dict, rounds: int) -> tuple[dict, dict]:
    """Page and floor latencies per data size, one request at a time, interleaved."""
    samples: dict[str, dict[str, list[float]]] = {size: defaultdict(list) for size in targets}
    errors: dict[str, dict[str, int]] = {size: defaultdict(int) for size in targets}
    for _ in range(rounds):
        for size, target in targets.items():
            for role, account in target["accounts"].items():
                session = target["sessions"][role]
                for name, path in account["pages"].items():
                    for label, url in (("floor", FLOOR), (name, path)):
                        status, _, elapsed = session.timed("GET", url)
                        samples[size][label].append(elapsed)
                        errors[size][label] += status != 200
    return samples, errors


def _value(page: bytes, name: str) -> str:
    return re.search(rb'name="%s" value="([^"]*)"' % name.encode(), page).group(1).decode()


def _action_ids(page: bytes, pk: int) -> list[str]:
    return [m.decode() for m in re.findall(rb"/pop/%d/action/(\d+)/verwijderen/" % pk, page)]


def _form(page: bytes, fields: dict) -> str:
    """The fields with the CSRF token of the page the form came from."""
    token = _value(page, "csrfmiddlewaretoken")
    return urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields})


def _write_step(
    session: Session,
    samples: dict,
    errors: dict,
    label: str,
    path: str,
    body: str,
    check: tuple[str, bytes] | None = None,
) -> None:
    """A floor request, then the timed POST; a redirect is success unless `check`
    names a page that must then show a text."""
    status, _, elapsed = session.timed("GET", FLOOR)
    samples["floor"].append(elapsed)
    errors["floor"] += status != 200
    status, _, elapsed = session.timed("POST", path, body)
    samples[label].append(elapsed)
    ok = status == 302
    if ok and check:
        ok = check[1] in session.request("GET", check[0])[1]
    errors[label] += not ok


def writes(targets: dict, rounds: int) -> tuple[dict, dict]:
    """Save the overall goal, add an action, confirm as the coach; each timed and right
    after a floor request. The next round's save clears the confirmation again, and the
    added action is removed (untimed), so the POP stays the same from run to run."""
    samples: dict[str, dict[str, list[float]]] = {size: defaultdict(list) for size in targets}
    errors: dict[str, dict[str, int]] = {size: defaultdict(int) for size in targets}
    deadline = f"{datetime.date.today() + datetime.timedelta(days=60):%Y-%m-%d}"
    for i in range(rounds):
        for size, target in targets.items():
            session = target["sessions"]["coach"]
            pk = target["accounts"]["coach"]["write_pop"]
            got, failed = samples[size], errors[size]
            form = session.request("GET", f"/pop/{pk}/")[1]
            before = set(_action_ids(form, pk))
            _write_step(
                session,
                got,
                failed,
                "save a POP part",
                f"/pop/{pk}/algemeen-doel/",
                _form(
                    form,
                    {
                        "overall_goal": f"Zelfstandig werken, ronde {i}",
                        "lock_version": _value(form, "lock_version"),
                    },
                ),
            )
            form = session.request("GET", f"/pop/{pk}/acties/nieuw/")[1]
            _write_step(
                session,
                got,
                failed,
                "add an action",
                f"/pop/{pk}/acties/nieuw/",
                _form(
                    form,
                    {
                        "description": f"Bench-actie {i}",
                        "helper": "",
                        "deadline": deadline,
                        "expected_result": "Klaar en nagekeken",
                        "competence": "technical",
                        "lock_version": _value(form, "lock_version"),
                    },
                ),
            )
            page = session.request("GET", f"/pop/{pk}/")[1]
            added = set(_action_ids(page, pk)) - before
            _write_step(
                session,
                got,
                failed,
                "confirm the POP",
                f"/pop/{pk}/akkoord/",
                _form(page, {"content_version": _value(page, "content_version")}),
                check=(f"/pop/{pk}/", b"Nu moet de werknemer nog bevestigen"),
            )
            for item in added:
                path = f"/pop/{pk}/action/{item}/verwijderen/"
                page = session.request("GET", f"/pop/{pk}/")[1]
                session.request(
                    "POST", path, _form(page, {"lock_version": _value(page, "lock_version")})
                )
    return samples, errors


def saturated(base: str, accounts: dict, users: int, seconds: float, floor_only: bool) -> dict:
    """N users for `seconds`, each cycling over its role's pages (or the floor alone)."""
    roles = list(accounts)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    sessions = [Session(base) for _ in range(users)]
    first: dict[str, Session] = {}
    for index, session in enumerate(sessions):
        role = roles[index % len(roles)]
        if role in first:  # one login per role: a staff member's code works once
            session.cookies = dict(first[role].cookies)
        else:
            session.login(accounts[role]["email"], accounts[role].get("totp_key"))
            first[role] = session
    ready = threading.Barrier(users + 1)
    deadline = [0.0]

    def user(index: int) -> None:
        session = sessions[index]
        pages = [("floor", FLOOR)]
        if not floor_only:
            pages += list(accounts[roles[index % len(roles)]]["pages"].items())
        ready.wait()
        i = index
        while time.monotonic() < deadline[0]:
            name, path = pages[i % len(pages)]
            i += 1
            status, _, elapsed = session.timed("GET", path)
            with lock:
                latencies[name].append(elapsed)
                errors[name] += status != 200

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    started = time.monotonic()
    ready.wait()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    total = sum(len(v) for v in latencies.values())
    return {
        "req_per_s": round(total / wall, 1),
        "requests": total,
        "errors": dict(errors),
        "pages": {name: _stats(values) for name, values in latencies.items()},
    }


def _stats(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 2) if ordered else None,
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 2)
        if ordered
        else None,
    }


def table(samples: dict, errors: dict) -> list[dict]:
    sizes = list(samples)
    small, large = sizes[0], sizes[-1]
    rows = []
    for name in samples[large]:
        row = {"page": name}
        for size in sizes:
            stats = _stats(samples[size][name])
            floor = _stats(samples[size]["floor"])["median_ms"]
            row[size] = {
                **stats,
                "x_floor": round(stats["median_ms"] / floor, 1),
                "errors": errors[size][name],
            }
        if small != large:
            row["large_vs_small"] = round(row[large]["median_ms"] / row[small]["median_ms"], 2)
        rows.append(row)
    return rows


def print_table(title: str, rows: list[dict], sizes: list[str]) -> None:
    small, large = sizes[0], sizes[-1]
    print(f"\n{title}")
    head = "".join(f" | {s}: median ms | p95 ms | x floor" for s in sizes)
    ratio = f" | {large} / {small}" if small != large else ""
    print(f"| page{head}{ratio} | errors |")
    print("|---" + "|---:" * (3 * len(sizes) + (small != large) + 1) + "|")
    for row in rows:
        cells = "".join(
            f" | {row[s]['median_ms']} | {row[s]['p95_ms']} | {row[s]['x_floor']}" for s in sizes
        )
        extra = f" | {row['large_vs_small']}" if small != large else ""
        print(f"| {row['page']}{cells}{extra} | {sum(row[s]['errors'] for s in sizes)} |")


def main() -> None:
    if sys.argv[1:] == ["accounts"]:
        print(json.dumps(pick_accounts()))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--target",
        action="append",
        required=True,
        metavar="SIZE=BASE_URL,DATABASE_URL",
        help="one per data size, smallest first, e.g. 0.2=http://127.0.0.1:8765,postgres://...",
    )
    parser.add_argument("--rounds", type=int, default=30, help="unloaded samples per page")
    parser.add_argument("--write-rounds", type=int, default=20)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="per saturated run")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    targets = {}
    for spec in args.target:
        size, rest = spec.split("=", 1)
        base, database_url = rest.split(",", 1)
        accounts = accounts_of(database_url)
        targets[size] = {"base": base, "accounts": accounts, "sessions": logged_in(base, accounts)}
    sizes = list(targets)
    for target in targets.values():  # warm both servers' workers and caches
        unloaded({"warm": target}, 2)
    reads = table(*unloaded(targets, args.rounds))
    print_table(f"Unloaded, one request at a time ({args.rounds} per page and size)", reads, sizes)
    written = table(*writes(targets, args.write_rounds))
    print_table(f"Writes, one at a time ({args.write_rounds} each)", written, sizes)
    largest = targets[sizes[-1]]
    mixed = saturated(largest["base"], largest["accounts"], args.users, args.seconds, False)
    floor = saturated(largest["base"], largest["accounts"], args.users, args.seconds, True)
    print(f"\nSaturated at data size {sizes[-1]}, {args.users} users, {args.seconds:g} s each:")
    print("| run | req/s | requests | floor median ms | errors |")
    print("|---|---:|---:|---:|---:|")
    for name, run in (("mixed workload", mixed), ("floor only", floor)):
        print(
            f"| {name} | {run['req_per_s']} | {run['requests']} | "
            f"{run['pages']['floor']['median_ms']} | {sum(run['errors'].values())} |"
        )
    print(f"mixed / floor throughput: {mixed['req_per_s'] / floor['req_per_s']:.2f}")
    failed = {name: n for name, n in mixed["errors"].items() if n}
    if failed:
        print(f"errors in the mixed run: {failed}")
    if args.out:
        with open(args.out, "w") as handle:
            json.dump(
                {"reads": reads, "writes": written, "mixed": mixed, "floor": floor},
                handle,
                indent=2,
            )
    bad = failed or any(r[s]["errors"] for r in reads + written for s in sizes)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
