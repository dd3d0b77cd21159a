"""Counts per organisation stored in ``OrganisationTally`` and kept true by database triggers.

Why stored: the admin overview counted each organisation's workers and trajectories on
every request, about 30,000 index entries at load data 1, so the page grew with the data;
a stored count is one index lookup per organisation.

Why triggers, not signals or ``save()``: bulk_create (seed_load), queryset deletes,
cascades and raw SQL bypass those; a row trigger sees every insert, delete and update, on
SQLite (``make run``, the SQLite suite) and PostgreSQL (production) alike.

Each counted table gets three triggers, created by its app's migration with ``create`` and
filled from the rows already there with ``fill``: insert, delete, and an update of the
columns that decide whether and where a row counts. SQLite drops a table's triggers with
the table, and Django's SQLite schema editor rebuilds a table to alter most of its columns:
a later migration that alters a counted table must ``create`` and ``fill`` again
(tests/accounts/test_tally.py fails when a trigger is missing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "accounts_organisationtally"
WORKERS = "workers"

_SAFE = re.compile(r"^[a-z_]+$")


@dataclass(frozen=True)
class Counted:
    """The rows of ``table`` that count towards the tally ``name`` of their organisation.

    ``condition`` is SQL on one row, its columns written ``{row}.column`` (empty: every
    row counts); ``watched`` are the columns besides ``organisation_id`` it reads."""

    name: str
    table: str
    condition: str = ""
    watched: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Written into the SQL as it is: code's own names only, never input.
        for word in (self.name, self.table, *self.watched):
            if not _SAFE.match(word):
                raise ValueError(f"not a plain name: {word!r}")

    def holds(self, row: str) -> str:
        return self.condition.format(row=row) if self.condition else "TRUE"

    @property
    def columns(self) -> tuple[str, ...]:
        return ("organisation_id", *self.watched)

    def trigger(self, event: str) -> str:
        return f"{self.table}_tally_{self.name}_{event}"

    @property
    def function(self) -> str:
        return f"{self.table}_tally_{self.name}"


def _sqlite(counted: Counted) -> list[str]:
    name, table = counted.name, counted.table
    add = (
        f"INSERT INTO {TABLE} (organisation_id, name, n) "
        f"SELECT NEW.organisation_id, '{name}', 1 WHERE {counted.holds('NEW')} "
        "ON CONFLICT (organisation_id, name) DO UPDATE SET n = n + 1;"
    )
    remove = (
        f"UPDATE {TABLE} SET n = n - 1 "
        f"WHERE organisation_id = OLD.organisation_id AND name = '{name}' "
        f"AND {counted.holds('OLD')};"
    )
    changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in counted.columns)
    return [
        f"CREATE TRIGGER {counted.trigger('insert')} AFTER INSERT ON {table} "
        f"FOR EACH ROW BEGIN {add} END",
        f"CREATE TRIGGER {counted.trigger('delete')} AFTER DELETE ON {table} "
        f"FOR EACH ROW BEGIN {remove} END",
        f"CREATE TRIGGER {counted.trigger('update')} "
        f"AFTER UPDATE OF {', '.join(counted.columns)} ON {table} "
        f"FOR EACH ROW WHEN {changed} BEGIN {remove} {add} END",
    ]


def _postgresql(counted: Counted) -> list[str]:
    name, table, function = counted.name, counted.table, counted.function
    changed = " OR ".join(
        f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in counted.columns
    )
    return [
        f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF {counted.holds("OLD")} THEN
            UPDATE {TABLE} SET n = n - 1
            WHERE organisation_id = OLD.organisation_id AND name = '{name}';
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF {counted.holds("NEW")} THEN
            INSERT INTO {TABLE} AS tally (organisation_id, name, n)
            VALUES (NEW.organisation_id, '{name}', 1)
            ON CONFLICT (organisation_id, name) DO UPDATE SET n = tally.n + 1;
        END IF;
    END IF;
    RETURN NULL;
END
$$""",
        f"CREATE TRIGGER {counted.trigger('insert')} AFTER INSERT ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {counted.trigger('delete')} AFTER DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {counted.trigger('update')} "
        f"AFTER UPDATE OF {', '.join(counted.columns)} ON {table} "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {function}()",
    ]


_CREATE = {"sqlite": _sqlite, "postgresql": _postgresql}


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def create(connection: BaseDatabaseWrapper, counted: Counted) -> None:
    """The triggers that keep ``counted``'s tally true from now on."""
    try:
        statements = _CREATE[connection.vendor](counted)
    except KeyError:
        raise NotImplementedError(f"no tally triggers for {connection.vendor}") from None
    _run(connection, statements)


def drop(connection: BaseDatabaseWrapper, counted: Counted) -> None:
    """The triggers gone, and the tally they kept (a stale count is worse than none)."""
    on = f" ON {counted.table}" if connection.vendor == "postgresql" else ""
    statements = [
        f"DROP TRIGGER IF EXISTS {counted.trigger(event)}{on}"
        for event in ("insert", "delete", "update")
    ]
    if connection.vendor == "postgresql":
        statements.append(f"DROP FUNCTION IF EXISTS {counted.function}()")
    statements.append(f"DELETE FROM {TABLE} WHERE name = '{counted.name}'")
    _run(connection, statements)


def fill(connection: BaseDatabaseWrapper, counted: Counted) -> None:
    """The tally counted afresh from the rows there are. In a migration this runs after
    ``create`` in the same transaction: on PostgreSQL CREATE TRIGGER locks the table
    against writes until commit, on SQLite the whole database is locked."""
    _run(
        connection,
        [
            f"DELETE FROM {TABLE} WHERE name = '{counted.name}'",
            f"INSERT INTO {TABLE} (organisation_id, name, n) "
            f"SELECT organisation_id, '{counted.name}', COUNT(*) FROM {counted.table} "
            f"WHERE {counted.holds(counted.table)} GROUP BY organisation_id",
        ],
    )
