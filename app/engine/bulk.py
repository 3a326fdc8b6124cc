"""Bulk statements at the speed of the database driver.

SQLAlchemy's Core ``executemany`` builds and type-processes a parameter dictionary per
row (``construct_params``), which for the 250,000 rows of a 50,000-account import costs
more than the database's own work. A :class:`BulkStatement` compiles a Core statement
once for the connection's dialect, works out the column types' bind processors once,
and hands plain tuples to the driver's ``executemany`` inside the same transaction.

The statement stays a Core construct (portable between SQLite and PostgreSQL); only the
per-row parameter work is ours: each value goes through exactly the processor
SQLAlchemy would apply (dates to ISO text on SQLite, JSON to text, …). Python-side
column defaults are not applied, so :meth:`BulkStatement.insert` refuses a statement
that leaves out a column that has one.

On PostgreSQL an insert goes through ``COPY … FROM STDIN`` instead (:class:`CopyInsert`,
the same interface): psycopg's ``executemany`` (already pipelined) sends one ``INSERT``
per row and costs the server a statement each; ``COPY`` streams the rows into the table
in the same transaction at a third of the time (measured in ``bench/pg_write.py``).

The other way, :func:`fetch_chunks` reads a Core ``select`` as plain tuples through the
driver's cursor, in chunks, with the columns' result processors: snapshots of 100,000
users without a SQLAlchemy ``Row`` per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import Connection, Select, Table, bindparam, func, insert, select, update
from sqlalchemy import cast as cast_
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import BindParameter, ColumnClause, ColumnElement, False_, True_

if TYPE_CHECKING:
    from psycopg import Copy

Processor = Callable[[Any], Any]
T = TypeVar("T")

BATCH = 2000  # rows per executemany, ids per IN list: memory stays flat
# Inserts on PostgreSQL through COPY (False: psycopg's pipelined executemany; the
# benchmark bench/pg_write.py compares both).
COPY_ON_POSTGRESQL = True


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def fetch_all(conn: Connection, stmt: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of ``stmt`` as plain tuples, fetched by the driver's cursor.

    For snapshots of tens of thousands of rows: SQLAlchemy's ``Row`` objects cost
    more than the query. Each column goes through the result processor SQLAlchemy
    would apply (on SQLite: ISO text to ``date``), and only the columns that have one.
    """
    return [row for chunk in fetch_chunks(conn, stmt) for row in chunk]


def fetch_chunks(
    conn: Connection, stmt: Select[*tuple[Any, ...]], size: int = 10_000
) -> Iterator[list[tuple[Any, ...]]]:
    """:func:`fetch_all` in lists of ``size`` rows (the last one shorter), so that a
    caller that digests rows as they come never holds all of them."""
    dialect = conn.dialect
    compiled = stmt.compile(dialect=dialect)
    columns = list(stmt.selected_columns)
    processors = [
        (n, p)
        for n, column in enumerate(columns)
        if (p := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
    ]
    if any(bind.expanding for bind in compiled.binds.values()):
        raise ValueError("fetch_all takes no IN lists; use a join or a range")
    params = compiled.construct_params()
    for name, bind in compiled.binds.items():
        convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None and name in params:
            params[name] = convert(params[name])
    if compiled.positional:
        positions = compiled.positiontup or []
        args: Any = tuple(params[name] for name in positions)
    else:
        args = params
    cursor = conn.connection.cursor()
    try:
        cursor.execute(compiled.string, args)
        while rows := list(cursor.fetchmany(size)):
            for index, row in enumerate(rows if processors else ()):
                rows[index] = tuple(_converted(row, processors))
            yield rows
    finally:
        cursor.close()


def _converted(row: Sequence[Any], processors: Sequence[tuple[int, Processor]]) -> list[Any]:
    """``row`` with each column ``n`` of ``processors`` through its processor."""
    values = list(row)
    for n, process in processors:
        values[n] = process(values[n])
    return values


def bound_values(names: Sequence[str]) -> dict[str, Any]:
    """``{name: bindparam(name)}`` — the ``values()`` of a statement fed by tuples."""
    return {name: bindparam(name) for name in names}


class BulkStatement:
    """One compiled DML statement fed with tuples in the order of ``names``.

    ``names`` are the statement's bind parameter names (for ``insert(t).values(
    bound_values(cols))`` the column names). Literal parts of the statement (constants
    given as SQL expressions) need no parameters.
    """

    def __init__(self, conn: Connection, stmt: Insert | Update | Delete, names: Sequence[str]):
        self.conn = conn
        dialect = conn.dialect
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        binds = compiled.binds
        missing = [name for name in names if name not in binds]
        if missing or len(binds) != len(set(names)):
            raise ValueError(f"statement parameters {sorted(binds)} do not match {list(names)}")
        processors: list[Processor | None] = [
            binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        ]
        self.names = tuple(names)
        self._processed = [(n, p) for n, p in enumerate(processors) if p is not None]
        positions = compiled.positiontup if compiled.positional else None
        if positions is not None:
            where = {name: n for n, name in enumerate(names)}
            order = [where[name] for name in positions]
            self._order: list[int] | None = None if order == list(range(len(names))) else order
            self._named = False
        else:
            self._order = None
            self._named = True

    @classmethod
    def insert(
        cls,
        conn: Connection,
        table: Table,
        names: Sequence[str],
        **constants: ColumnElement[Any],
    ) -> BulkStatement:
        """``INSERT INTO table (names…, constants…)``; constants are SQL expressions."""
        given = {*names, *constants}
        lacking = [c.name for c in table.columns if c.default is not None and c.name not in given]
        if lacking:
            raise ValueError(f"bulk insert into {table.name} must give {', '.join(lacking)}")
        stmt = insert(table).values({**bound_values(names), **constants})
        if conn.dialect.name == "postgresql" and COPY_ON_POSTGRESQL:
            return CopyInsert(conn, stmt, table, names, constants)
        return cls(conn, stmt, names)

    @classmethod
    def update(
        cls,
        conn: Connection,
        table: Table,
        names: Sequence[str],
        key: str = "id",
        **constants: ColumnElement[Any],
    ) -> BulkStatement:
        """``UPDATE table SET names…, constants… WHERE key = ?``; rows are
        ``(*values, key)``."""
        where = f"b_{key}"
        stmt = (
            update(table)
            .where(table.c[key] == bindparam(where))
            .values({**bound_values(names), **constants})
        )
        return cls(conn, stmt, [*names, where])

    def execute(self, rows: Iterable[Sequence[Any]]) -> None:
        """Run the statement once per row, in one driver ``executemany`` call."""
        params: list[Any] = []
        processed, order, names = self._processed, self._order, self.names
        for row in rows:
            if processed:
                row = _converted(row, processed)
            if self._named:
                params.append(dict(zip(names, row, strict=True)))
            elif order is not None:
                params.append(tuple(row[n] for n in order))
            else:
                params.append(tuple(row))
        if params:
            self.conn.exec_driver_sql(self.sql, params)

    def stream(self) -> AbstractContextManager[object]:
        """A block whose :meth:`execute` calls feed one statement where the database
        allows it (one ``COPY`` on PostgreSQL; nothing changes on SQLite)."""
        return nullcontext()

    def execute_batched(
        self,
        rows: Sequence[Sequence[Any]],
        batch: int,
        after: Callable[[int], None] | None = None,
    ) -> None:
        """:meth:`execute` in batches, calling ``after(count)`` after each (progress,
        cancellation)."""
        if not rows:
            return
        with self.stream():
            for part in batches(rows, batch):
                self.execute(part)
                if after is not None:
                    after(len(part))


class CopyInsert(BulkStatement):
    """:meth:`BulkStatement.insert` on PostgreSQL: the rows streamed with
    ``COPY table (columns) FROM STDIN`` (text format), each value through the same
    bind processor as the ``INSERT`` would use, the constants as their Python values."""

    def __init__(
        self,
        conn: Connection,
        stmt: Insert,
        table: Table,
        names: Sequence[str],
        constants: dict[str, ColumnElement[Any]],
    ) -> None:
        super().__init__(conn, stmt, names)
        preparer = conn.dialect.identifier_preparer
        columns = [*names, *constants]
        quoted = ", ".join(preparer.quote(name) for name in columns)
        self.copy_sql = f"COPY {preparer.format_table(table)} ({quoted}) FROM STDIN"
        self.tail = tuple(constant_value(expr) for expr in constants.values())
        self._copy: Copy | None = None

    @contextmanager
    def stream(self) -> Iterator[object]:
        """One ``COPY`` for every :meth:`execute` in the block: the server works on the
        rows while the next batch is made, and pays for one statement."""
        if self._copy is not None:
            yield self._copy
            return
        cursor = self.conn.connection.cursor()
        try:
            with cursor.copy(self.copy_sql) as copy:
                self._copy = copy
                yield copy
        finally:
            self._copy = None
            cursor.close()

    def execute(self, rows: Iterable[Sequence[Any]]) -> None:
        processed, tail = self._processed, self.tail
        with self.stream() as copy:
            write = cast("Copy", copy).write_row
            for row in rows:
                if processed:
                    row = _converted(row, processed)
                write((*row, *tail) if tail else row)


def constant_value(expr: ColumnElement[Any]) -> Any:
    """The Python value of a constant given to :meth:`BulkStatement.insert`: ``true()``,
    ``false()``, a bound literal, or a quoted SQL literal (``literal_column("'…'")``,
    which COPY's text format parses by the column's type as the INSERT would)."""
    if isinstance(expr, True_ | False_):
        return isinstance(expr, True_)
    if isinstance(expr, BindParameter):
        return expr.value
    if isinstance(expr, ColumnClause) and expr.is_literal:
        text = expr.name
        if len(text) >= 2 and text[0] == text[-1] == "'" and "'" not in text[1:-1]:
            return text[1:-1]
    raise ValueError(f"no constant value for COPY: {expr}")


def new_ids(conn: Connection, table: Table, count: int) -> list[int] | None:
    """``count`` new ids from the sequence of ``table.id`` on PostgreSQL (one statement;
    another session's ids may fall between them, never one of them); None on SQLite."""
    if conn.dialect.name != "postgresql":
        return None
    # Here: the PostgreSQL dialect's module is a tenth of a SQLite start-up's instructions.
    from sqlalchemy.dialects.postgresql import REGCLASS

    # The sequence named once (an InitPlan): by name in each call it cost six times as
    # much (pg_depend read per id: 422 ms against 69 ms for 50,000).
    named = select(func.pg_get_serial_sequence(table.name, "id")).scalar_subquery()
    sequence = cast_(named, REGCLASS)
    stmt = select(func.array_agg(func.nextval(sequence))).select_from(
        func.generate_series(1, count)
    )
    return [int(i) for i in conn.execute(stmt).scalar_one()]
