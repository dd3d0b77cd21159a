"""The main menu: which role homes and tools a person's roles open, in one list."""

from __future__ import annotations

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from popsite.accounts.models import Role, User
from popsite.links import path_of


class MenuItem(NamedTuple):
    url: str
    label: str


# (URL name, label, the roles that see it, whether staff see it too), in menu order.
_ITEMS = [
    ("plans:coach-home", _("Mijn werknemers"), {Role.COACH}, False),
    ("methods:agenda", _("Agenda"), {Role.COACH}, False),
    ("plans:worker-home", _("Mijn POP"), {Role.WORKER}, False),
    ("plans:trainer-home", _("Coaches"), {Role.TRAINER}, False),
    ("plans:ambassador-home", _("Overzicht organisatie"), {Role.AMBASSADOR}, False),
    ("plans:team-matrix", _("Teammatrix"), {Role.AMBASSADOR, Role.FLOOR_SUPERVISOR}, False),
    ("plans:templates", _("POP-sjablonen"), {Role.AMBASSADOR, Role.TRAINER}, False),
    ("plans:shared-portfolios", _("Gedeelde portfolio's"), {Role.SUPERVISOR}, False),
    ("methods:catalogue", _("Methodieken"), {Role.COACH, Role.TRAINER, Role.AMBASSADOR}, False),
    (
        "registration:hours-list",
        _("Uren"),
        {Role.COACH, Role.TRAINER, Role.AMBASSADOR, Role.REGISTRAR},
        True,
    ),
    (
        "registration:training-list",
        _("Opleidingen"),
        {Role.TRAINER, Role.AMBASSADOR, Role.REGISTRAR},
        True,
    ),
    ("registration:export", _("Maandregistratie"), {Role.REGISTRAR}, True),
    ("methods:to-rate", _("Competenties inschatten"), {Role.FLOOR_SUPERVISOR}, False),
    ("accounts:admin-home", _("Beheer"), set(), True),
    ("accounts:second-factor", _("Tweede factor"), {Role.COACH}, True),
]


def menu_for(user: User, roles: set[str]) -> list[MenuItem]:
    """Built in Python rather than as fifteen conditions in base.html: every page
    renders the menu, and the conditions cost more there than the rest of the layout."""
    return [
        MenuItem(path_of(name), str(label))
        for name, label, shown_to, staff in _ITEMS
        if roles & shown_to or (staff and user.is_staff)
    ]
