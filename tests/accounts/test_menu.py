"""The main menu shows each person the pages of their roles, and only those."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from popsite.accounts.models import Membership, Role

pytestmark = pytest.mark.django_db


def menu_links(client) -> list[str]:
    page = client.get(reverse("accounts:home"), follow=True).content.decode()
    menu = re.search(r'<ul class="navbar-nav me-auto" id="menu">(.*?)</ul>', page, re.S)
    return re.findall(r'href="([^"]+)"', menu.group(1))


@pytest.mark.parametrize(
    "who, expected",
    [
        (
            "coach",
            [
                "plans:coach-home",
                "methods:agenda",
                "methods:catalogue",
                "registration:hours-list",
                "accounts:second-factor",
            ],
        ),
        ("worker", ["plans:worker-home"]),
        (
            "trainer",
            [
                "plans:trainer-home",
                "plans:templates",
                "methods:catalogue",
                "registration:hours-list",
                "registration:training-list",
            ],
        ),
        (
            "ambassador",
            [
                "plans:ambassador-home",
                "plans:team-matrix",
                "plans:templates",
                "methods:catalogue",
                "registration:hours-list",
                "registration:training-list",
            ],
        ),
        (
            "registrar",
            ["registration:hours-list", "registration:training-list", "registration:export"],
        ),
        ("floor_supervisor", ["plans:team-matrix", "methods:to-rate"]),
        ("supervisor", ["plans:shared-portfolios"]),
        (
            "admin",
            [
                "registration:hours-list",
                "registration:training-list",
                "registration:export",
                "accounts:admin-home",
                "accounts:second-factor",
            ],
        ),
    ],
)
def test_menu_shows_the_pages_of_the_persons_roles(cast, login, who, expected):
    assert menu_links(login(getattr(cast, who))) == [reverse(name) for name in expected]


def test_menu_of_two_roles_holds_both_in_menu_order(cast, login):
    Membership.objects.create(user=cast.coach, organisation=cast.organisation, role=Role.TRAINER)
    links = menu_links(login(cast.coach))
    assert links[:3] == [
        reverse("plans:coach-home"),
        reverse("methods:agenda"),
        reverse("plans:trainer-home"),
    ]
    assert reverse("registration:training-list") in links


def test_menu_labels_are_translated(cast, login):
    client = login(cast.worker)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("plans:worker-home")).content.decode()
    assert '<a class="nav-link" href="/mijn-pop/">My POP</a>' in page


def test_only_a_worker_gets_the_way_back_home_on_other_pages(cast, login):
    back = 'id="back-home"'
    assert back in login(cast.worker).get(reverse("plans:what-is-a-pop")).content.decode()
    assert back not in login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    Membership.objects.create(user=cast.worker, organisation=cast.organisation, role=Role.COACH)
    assert back not in login(cast.worker).get(reverse("plans:what-is-a-pop")).content.decode()
