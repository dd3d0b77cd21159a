"""Reads in plain SQL, for a page's hot queries whose building and compiling cost the
ORM more than the database spends running them: written out (SQL that SQLite runs too),
or compiled once per process and run many times. A compiled read is built with the ORM
as usual, with a ``StandIn`` (through ``RawSQL``, which hands its parameters on
untouched) wherever each run's values go; ``filled`` puts them in. The SQL and its
parameters hold no rows.

Plain rows come without the ORM's conversions: SQLite hands dates back as text
(``as_date``) and moments naive (``as_aware``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.db.models import Model, QuerySet
from django.utils import timezone


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


def as_aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A moment as the ORM reads it: SQLite hands it back naive, in UTC as Django stores it."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, datetime.UTC)
    return moment


def placeholders(values: Sequence[object]) -> str:
    """Placeholders for a short list of values (a person's organisations, a page's ids)."""
    return ", ".join(["%s"] * len(values))


def prefetched(instance: Model, name: str, objects: list) -> None:
    """What prefetch_related itself stores for a relation: its queryset, already filled."""
    related = getattr(instance, name).all()
    related._result_cache, related._prefetch_done = objects, True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = related
