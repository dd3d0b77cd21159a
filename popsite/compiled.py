"""Reads compiled once per process and run many times: for a page's hot query whose
resolving and compiling cost the ORM more than the database spends running it. The
query is built with the ORM as usual, with a ``StandIn`` (through ``RawSQL``, which
hands its parameters on untouched) wherever each run's values go; ``filled`` puts them
in. The SQL and its parameters hold no rows.

Plain rows, without the ORM's conversions: SQLite hands dates back as text (``as_date``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.db.models import QuerySet


class StandIn:
    """A value a compiled query leaves open."""


def compiled(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.query.get_compiler(queryset.db).as_sql()


def filled(params: Sequence[object], values: Mapping[StandIn, object]) -> list[object]:
    """The compiled parameters with each stand-in's value of this run."""
    return [values[p] if isinstance(p, StandIn) else p for p in params]


def in_list(column: str, stand_ins: Sequence[StandIn]) -> tuple[str, tuple[StandIn, ...]]:
    """``column IN (...)`` for ``RawSQL``: a list of so many values."""
    return f"{column} IN ({', '.join(['%s'] * len(stand_ins))})", tuple(stand_ins)


def as_date(day: datetime.date | str | None) -> datetime.date | None:
    """A date read as a plain row: SQLite hands it back as text."""
    return datetime.date.fromisoformat(day) if isinstance(day, str) else day
