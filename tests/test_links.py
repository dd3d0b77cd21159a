"""Every link a role sees works for that role: log in as each demo person, start at
the home page and follow every link into the site (at most a few per URL pattern,
so a list of fifty workers costs three visits, not fifty). None may answer 404 or
500: a link to a page the role may not open is a bug in the page that shows it."""

from __future__ import annotations

from collections import Counter, deque

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.urls import Resolver404, clear_script_prefix, resolve, reverse, set_script_prefix

from popsite.accounts.models import User
from popsite.demo.management.commands.load_demo import LOGINS
from popsite.links import url_for_each
from tests.conftest import built_once
from tests.pages import local_path, read_page

# Django's admin is tested by Django (and opened per model in tests/accounts); the
# language switch and logout are forms, not pages.
NOT_FOLLOWED = ("/admin/", "/i18n/", "/logout/", "/static/", "/media/")
PER_PATTERN = 3
MAX_PAGES = 400


@pytest.fixture(scope="module")
def _module_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, loaded once for the module; each test crawls it in a savepoint."""
    media = tmp_path_factory.mktemp("media")

    def load():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        return media

    yield from built_once(django_db_blocker, load, MEDIA_ROOT=media)


@pytest.fixture
def demo(_module_demo, db, settings):
    settings.MEDIA_ROOT = _module_demo  # where the demo's documents were stored


def crawl(client, start: str = "/") -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    """Visit from ``start``; the status per path, and the broken (page, link, status)."""
    seen: dict[str, int] = {}
    per_pattern: Counter[str] = Counter()
    broken = []
    todo = deque([("", start)])
    while todo and len(seen) < MAX_PAGES:
        found_on, path = todo.popleft()
        if path in seen:
            continue
        try:
            name = resolve(path.split("?")[0]).view_name
        except Resolver404:
            name = path
        if per_pattern[name] >= PER_PATTERN:
            continue
        per_pattern[name] += 1
        response = client.get(path, follow=True)
        seen[path] = response.status_code
        if response.status_code in (404, 500):
            broken.append((found_on, path, response.status_code))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        final = response.redirect_chain[-1][0] if response.redirect_chain else path
        page = read_page(f"http://testserver{final}", response.content.decode())
        for link in page.links:
            target = local_path(link.split("#")[0])
            if target and not target.startswith(NOT_FOLLOWED) and target not in seen:
                todo.append((final, target))
    return seen, broken


@pytest.mark.parametrize("label,email", LOGINS, ids=[email for _label, email in LOGINS])
def test_every_link_a_role_sees_works_for_that_role(demo, client, label, email):
    # A worker without e-mail logs in by login name.
    client.force_login(User.objects.get(Q(email=email) | Q(login_name=email)))
    seen, broken = crawl(client)
    assert broken == []
    assert len(seen) >= 3, f"{label}: only {sorted(seen)}"


def test_the_crawler_reports_a_broken_link(demo, client, monkeypatch):
    client.force_login(User.objects.get(email="coach@demo.be"))
    original = read_page

    def with_a_dead_link(url, html):
        page = original(url, html)
        page.links.append("http://testserver/bestaat-niet/")
        return page

    monkeypatch.setattr(f"{__name__}.read_page", with_a_dead_link)
    _seen, broken = crawl(client)
    assert ("/coach/", "/bestaat-niet/", 404) in broken


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("plans:trajectory", []),
        ("registration:consent", []),
        ("plans:goal-edit", [7]),
        ("plans:part-delete", [7, "goal"]),
    ],
)
def test_a_row_link_from_one_reverse_is_the_reversed_link(name, args):
    for pk in (1, 42, 2_147_483_647, 10**12):
        assert url_for_each(name, *args)(pk) == reverse(name, args=[*args, pk])


def test_a_row_link_keeps_the_script_prefix_it_is_served_under():
    """The reversed path is kept per process, so per script prefix: a site served under
    /pop-app/ links there, and the same pattern at the root again to the root."""
    set_script_prefix("/pop-app/")
    try:
        assert url_for_each("plans:goal-edit", 7)(3) == reverse("plans:goal-edit", args=[7, 3])
        assert url_for_each("plans:goal-edit", 7)(3).startswith("/pop-app/")
    finally:
        clear_script_prefix()
    assert url_for_each("plans:goal-edit", 8)(3) == reverse("plans:goal-edit", args=[8, 3])
    assert not url_for_each("plans:goal-edit", 8)(3).startswith("/pop-app/")
