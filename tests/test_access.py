"""Role x URL: every URL pattern of the project, with the answer each role gets.

A URL without a row here fails ``test_every_url_has_a_row``. Outsiders get 404,
never a hint that the object exists; anonymous visitors go to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ActionFactory, ContactMomentFactory, GoalFactory, SummaryItemFactory

ROLES = [
    "anonymous",
    "worker",
    "other_worker",
    "coach",
    "other_coach",
    "trainer",
    "ambassador",
    "floor_supervisor",
    "admin",
]

# Django's own views, tested by Django: the admin site, language switch, login.
NOT_OURS = {"admin", "set_language", "login", "logout"}


@dataclass
class Row:
    allowed: dict[str, int]
    args: Callable = lambda cast: []
    method: str = "get"
    data: dict = field(default_factory=dict)

    def expected(self, role: str) -> int:
        if role in self.allowed:
            return self.allowed[role]
        return 302 if role == "anonymous" else 404


def own(cast):
    return [cast.trajectory.pk]


def pop(cast):
    return [cast.pop.pk]


def only(*roles: str, status: int = 200) -> dict[str, int]:
    return dict.fromkeys(roles, status)


READERS = only("worker", "coach", "trainer", "admin")

ROWS: dict[str, Row] = {
    "accounts:home": Row(
        {
            **only(
                "worker",
                "other_worker",
                "coach",
                "other_coach",
                "trainer",
                "ambassador",
                "admin",
                status=302,
            ),
            "floor_supervisor": 200,
        }
    ),
    "accounts:admin-home": Row(only("admin")),
    "plans:coach-home": Row(only("coach", "other_coach")),
    "plans:worker-home": Row(only("worker", "other_worker")),
    "plans:trainer-home": Row(only("trainer")),
    "plans:ambassador-home": Row(only("ambassador")),
    "plans:trajectory-create": Row(only("coach", "other_coach")),
    "plans:trajectory": Row(READERS, own),
    "plans:trajectory-edit": Row(only("coach"), own),
    "plans:trajectory-phase": Row(only("coach", status=302), own, "post", {"phase": "analyse"}),
    "plans:follow-up-start": Row(only("coach", status=302), own, "post"),
    "plans:contact-create": Row(only("coach"), own),
    "plans:contact-edit": Row(
        only("coach"), lambda c: [c.trajectory.pk, ContactMomentFactory(trajectory=c.trajectory).pk]
    ),
    "plans:contact-delete": Row(
        only("coach", status=302),
        lambda c: [c.trajectory.pk, ContactMomentFactory(trajectory=c.trajectory).pk],
        "post",
    ),
    "plans:pop": Row(READERS, pop),
    "plans:pop-pdf": Row(only("worker", "coach", "admin"), pop),
    "plans:pop-agree": Row(only("worker", "coach", status=302), pop, "post"),
    "plans:pop-revise": Row(only("coach", status=302), pop, "post"),
    "plans:evaluations": Row(only("coach"), pop),
    "plans:overall-goal": Row(only("coach", status=302), pop, "post", {"overall_goal": "Doel"}),
    "plans:summary-create": Row(only("coach"), pop),
    "plans:goal-create": Row(only("coach"), pop),
    "plans:goal-edit": Row(only("coach"), lambda c: [c.pop.pk, GoalFactory(pop=c.pop).pk]),
    "plans:action-create": Row(only("coach"), pop),
    "plans:action-edit": Row(only("coach"), lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk]),
    "plans:action-progress": Row(
        only("coach", status=302),
        lambda c: [c.pop.pk, ActionFactory(pop=c.pop).pk],
        "post",
        {"progress": "3"},
    ),
    "plans:part-delete": Row(
        only("coach", status=302),
        lambda c: [c.pop.pk, "summary", SummaryItemFactory(pop=c.pop).pk],
        "post",
    ),
}


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_OURS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name not in NOT_OURS:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row():
    assert _url_names(get_resolver()) == set(ROWS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_role_gets_the_expected_answer(cast, login, url_name, role):
    row = ROWS[url_name]
    client = login(cast.by_name(role))
    url = reverse(url_name, args=row.args(cast))
    response = getattr(client, row.method)(url, row.data)
    assert response.status_code == row.expected(role), f"{role} {row.method.upper()} {url}"
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
