"""Shared pieces of the role x URL table; each app lists its rows in
``tests/<app>/access_rows.py`` and ``tests/test_access.py`` joins them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Row:
    """The answer each role gets; roles not named get 404, anonymous a login redirect."""

    allowed: dict[str, int]
    args: Callable = lambda cast: []
    method: str = "get"
    data: dict = field(default_factory=dict)
    public: bool = False  # everyone, anonymous included, gets 200

    def expected(self, role: str) -> int:
        if role in self.allowed:
            return self.allowed[role]
        if self.public:
            return 200
        return 302 if role == "anonymous" else 404


def only(*roles: str, status: int = 200) -> dict[str, int]:
    return dict.fromkeys(roles, status)
